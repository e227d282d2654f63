import { safeStorage } from 'electron'
import type { SecretBoxFactory } from '../engine/host-capabilities'

/**
 * SEC-2 / ID-5: in the desktop app private keys are encrypted with the OS keychain (DPAPI, Keychain, libsecret)
 * through Electron's safeStorage. Where the OS offers none, the engine falls back to its local key file.
 */
export const safeStorageSecretBox: SecretBoxFactory = () => {
  if (!safeStorage.isEncryptionAvailable()) return null
  return {
    kind: 'electron-safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  }
}
