import { createKeyStore, createLocalKeyFileSecretBox, type KeyStore, type SecretBox } from '../identity/key-store'

/** Native dialogs a host may offer (Electron). The web host has none: the browser's own picker is used instead. */
export interface HostDialogs {
  openFiles(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<{ name: string; bytes: Uint8Array }[] | null>
  saveFile(options: { title: string; defaultName: string; content: string }): Promise<string | null>
}

/** Returns the host's secret box, or null when the platform offers no encryption (then the local key file is used). */
export type SecretBoxFactory = (dataDir: string) => SecretBox | null

export interface EngineKeyStore extends KeyStore {
  /** Plain words for the UI: how keys are protected on this host (SEC-2). */
  protection: string
}

const PROTECTION_TEXT: Record<string, string> = {
  'electron-safe-storage': 'encrypted with the operating system keychain (Electron safeStorage)',
  'local-key-file': 'encrypted with AES-256-GCM under a separate owner-only key file in the data folder',
}

export function createKeyStoreForEngine(config: { dataDir: string; secretBox?: SecretBoxFactory | undefined }): EngineKeyStore {
  const box = config.secretBox?.(config.dataDir) ?? createLocalKeyFileSecretBox(config.dataDir)
  const store = createKeyStore({ dataDir: config.dataDir, secretBox: box })
  return Object.assign(store, { protection: PROTECTION_TEXT[box.kind] ?? `encrypted (${box.kind})` })
}
