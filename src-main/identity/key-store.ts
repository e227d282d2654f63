/**
 * Private keys at rest (REQUIREMENTS ID-5, SEC-2): one file per key in an owner-only folder (0700, files 0600),
 * sealed by a SecretBox. Keys are referred to by id; only `loadPrivateKey` returns key material, for the TLS layer.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KeyStoreError } from './errors'
import { describeKey } from './key-algorithm'
import type { SecretBox } from './secret-box'

export interface StoredKeyInfo {
  id: string
  /** e.g. "ECDSA P-256 (secp256r1 / prime256v1)". */
  algorithm: string
  /** SHA-256 of the public key (SPKI DER), hex: matches a certificate's key without touching the private key. */
  publicKeySha256: string
  createdAt: string
  secretBox: string
  label?: string
}

interface KeyFile extends StoredKeyInfo {
  format: typeof FILE_FORMAT
  sealed: string
}

export interface KeyStore {
  saveKey(key: KeyObject | string, options?: { label?: string }): Promise<StoredKeyInfo>
  describeKey(id: string): Promise<StoredKeyInfo>
  listKeys(): Promise<StoredKeyInfo[]>
  /** PKCS#8 PEM of the key, for the TLS layer only. Never log or send it anywhere. */
  loadPrivateKey(id: string): Promise<string>
  deleteKey(id: string): Promise<void>
}

const FILE_FORMAT = 'sep2-commissioner-key/1'
const ID_PATTERN = /^[0-9a-f]{32}$/
const SUFFIX = '.key.json'

export function createKeyStore(options: { dir: string; secretBox: SecretBox; now: () => Date }): KeyStore {
  const { dir, secretBox } = options
  const pathOf = (id: string): string => {
    if (!ID_PATTERN.test(id)) throw new KeyStoreError('KEY_STORE_BAD_ID', `"${id}" is not a key id.`)
    return join(dir, `${id}${SUFFIX}`)
  }
  const readKeyFile = async (id: string): Promise<KeyFile> => {
    const path = pathOf(id)
    const text = await readFile(path, 'utf8').catch(() => {
      throw new KeyStoreError('KEY_STORE_NOT_FOUND', `No stored key with id ${id}.`, 'Import the certificate and key again.')
    })
    return parseKeyFile(text, id)
  }
  return {
    async saveKey(key, saveOptions = {}) {
      const file = sealKey({ key: typeof key === 'string' ? parsePrivateKey(key) : key, secretBox, createdAt: options.now(), label: saveOptions.label })
      await writeOwnerOnly(dir, pathOf(file.id), JSON.stringify(file, null, 2))
      return infoOf(file)
    },
    async describeKey(id) {
      return infoOf(await readKeyFile(id))
    },
    async listKeys() {
      const names = await readdir(dir).catch(() => [] as string[])
      const ids = names.filter((n) => n.endsWith(SUFFIX)).map((n) => n.slice(0, -SUFFIX.length)).filter((id) => ID_PATTERN.test(id))
      return Promise.all(ids.map(async (id) => infoOf(await readKeyFile(id))))
    },
    async loadPrivateKey(id) {
      return unseal(await readKeyFile(id), secretBox)
    },
    async deleteKey(id) {
      await rm(pathOf(id), { force: true })
    },
  }
}

function sealKey(options: { key: KeyObject; secretBox: SecretBox; createdAt: Date; label: string | undefined }): KeyFile {
  const { key, secretBox, label } = options
  if (key.type !== 'private') throw new KeyStoreError('KEY_STORE_BAD_KEY', 'Only a private key can be stored.')
  const pem = key.export({ format: 'pem', type: 'pkcs8' }).toString()
  return {
    format: FILE_FORMAT,
    id: randomBytes(16).toString('hex'),
    algorithm: describeKey(key).description,
    publicKeySha256: publicKeyHash(key),
    createdAt: options.createdAt.toISOString(),
    secretBox: secretBox.kind,
    ...(label === undefined ? {} : { label }),
    sealed: secretBox.encrypt(Buffer.from(pem, 'utf8')).toString('base64'),
  }
}

function unseal(file: KeyFile, secretBox: SecretBox): string {
  if (file.secretBox !== secretBox.kind) {
    throw new KeyStoreError('KEY_STORE_WRONG_BOX', `Key ${file.id} was sealed by "${file.secretBox}", not "${secretBox.kind}".`, 'Import the certificate and key again on this computer.')
  }
  let pem: string
  try {
    pem = secretBox.decrypt(Buffer.from(file.sealed, 'base64')).toString('utf8')
  } catch {
    throw new KeyStoreError('KEY_STORE_TAMPERED', `Stored key ${file.id} cannot be decrypted: it was altered on disk.`, 'Import the certificate and key again.')
  }
  if (publicKeyHash(createPrivateKey(pem)) !== file.publicKeySha256) {
    throw new KeyStoreError('KEY_STORE_TAMPERED', `Stored key ${file.id} does not match its record: the file was altered.`, 'Import the certificate and key again.')
  }
  return pem
}

function parseKeyFile(text: string, id: string): KeyFile {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new KeyStoreError('KEY_STORE_TAMPERED', `Stored key ${id} is not readable: the file was altered.`)
  }
  const file = value as Partial<KeyFile>
  if (file.format !== FILE_FORMAT || file.id !== id || typeof file.sealed !== 'string' || typeof file.publicKeySha256 !== 'string' || typeof file.secretBox !== 'string') {
    throw new KeyStoreError('KEY_STORE_TAMPERED', `Stored key ${id} is not in the expected format.`)
  }
  return file as KeyFile
}

function infoOf(file: KeyFile): StoredKeyInfo {
  const { format: _format, sealed: _sealed, ...info } = file
  return info
}

function parsePrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem)
  } catch {
    throw new KeyStoreError('KEY_STORE_BAD_KEY', 'The text is not an unencrypted private key (PEM, PKCS#8 or SEC1).')
  }
}

export function publicKeyHash(key: KeyObject): string {
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('hex')
}

async function writeOwnerOnly(dir: string, path: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, text, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
}
