/**
 * Encryption at rest for private keys (REQUIREMENTS ID-5, SEC-2). The Electron host supplies a SecretBox backed by
 * the OS (safeStorage); in plain Node the `local-key-file` box uses AES-256-GCM with a random 32-byte key kept in a
 * separate owner-only file.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SecretBoxError } from './errors'

export interface SecretBox {
  /** Recorded beside each sealed value, e.g. `local-key-file` or `electron-safe-storage`. */
  kind: string
  encrypt(plain: Buffer): Buffer
  /** Throws SecretBoxError when the data was altered or sealed by another box. */
  decrypt(sealed: Buffer): Buffer
}

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const FORMAT_VERSION = 1
const ALGORITHM = 'aes-256-gcm'

/** Sealed layout: version (1 byte) | IV (12) | GCM tag (16) | ciphertext. */
export function createAesGcmSecretBox(key: Buffer, kind = 'local-key-file'): SecretBox {
  if (key.length !== KEY_BYTES) throw new RangeError(`The secret box key must be ${KEY_BYTES} bytes.`)
  return {
    kind,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv(ALGORITHM, key, iv)
      const body = Buffer.concat([cipher.update(plain), cipher.final()])
      return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) throw new SecretBoxError('The sealed data is not in the expected format.')
      const iv = sealed.subarray(1, 1 + IV_BYTES)
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
      const decipher = createDecipheriv(ALGORITHM, key, iv)
      decipher.setAuthTag(tag)
      try {
        return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()])
      } catch (error) {
        throw new SecretBoxError('The sealed data failed its integrity check.', error)
      }
    },
  }
}

/** Loads the box key from `keyFile`, creating it (0600, in a 0700 folder) on first use. */
export async function createLocalKeyFileSecretBox(options: { keyFile: string }): Promise<SecretBox> {
  await mkdir(dirname(options.keyFile), { recursive: true, mode: 0o700 })
  let key: Buffer
  try {
    key = await readFile(options.keyFile)
  } catch (error) {
    if (!isNotFound(error)) throw error
    key = randomBytes(KEY_BYTES)
    // 'wx': never overwrite a key another process created meanwhile (that would orphan its sealed keys).
    await writeFile(options.keyFile, key, { mode: 0o600, flag: 'wx' })
  }
  await chmod(options.keyFile, 0o600)
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`The secret box key file ${options.keyFile} is damaged (wrong length).`)
  return createAesGcmSecretBox(key)
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT'
}
