import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeyStore, type KeyStore } from './key-store'
import { createAesGcmSecretBox, createLocalKeyFileSecretBox } from './secret-box'

let root: string
let store: KeyStore
const NOW = new Date('2026-06-01T00:00:00Z')
const newKeyPem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'key-store-'))
  const secretBox = await createLocalKeyFileSecretBox({ keyFile: join(root, 'secret', 'box.key') })
  store = createKeyStore({ dir: join(root, 'keys'), secretBox, now: () => NOW })
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('key store (ID-5, SEC-2)', () => {
  it('round-trips a key and describes it without key material', async () => {
    const pem = newKeyPem()
    const info = await store.saveKey(pem, { label: 'site 1' })
    expect(info).toMatchObject({ algorithm: 'ECDSA P-256 (secp256r1 / prime256v1)', createdAt: NOW.toISOString(), secretBox: 'local-key-file', label: 'site 1' })
    expect(await store.loadPrivateKey(info.id)).toBe(pem)
    expect(JSON.stringify(await store.describeKey(info.id))).not.toContain('PRIVATE')
    expect((await store.listKeys()).map((k) => k.id)).toContain(info.id)
  })

  it('never writes the PEM to disk, and keeps files and folders owner-only', async () => {
    const pem = newKeyPem()
    const info = await store.saveKey(pem)
    const path = join(root, 'keys', `${info.id}.key.json`)
    const onDisk = readFileSync(path, 'utf8')
    expect(onDisk).not.toContain('PRIVATE KEY')
    expect(onDisk).not.toContain(pem.split('\n')[1])
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(join(root, 'keys')).mode & 0o777).toBe(0o700)
    expect(statSync(join(root, 'secret', 'box.key')).mode & 0o777).toBe(0o600)
  })

  it('detects tampering with the sealed key', async () => {
    const info = await store.saveKey(newKeyPem())
    const path = join(root, 'keys', `${info.id}.key.json`)
    const file = JSON.parse(readFileSync(path, 'utf8')) as { sealed: string }
    const sealed = Buffer.from(file.sealed, 'base64')
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0xff
    writeFileSync(path, JSON.stringify({ ...file, sealed: sealed.toString('base64') }))
    await expect(store.loadPrivateKey(info.id)).rejects.toMatchObject({ code: 'KEY_STORE_TAMPERED' })
  })

  it('detects a swapped public key record', async () => {
    const info = await store.saveKey(newKeyPem())
    const path = join(root, 'keys', `${info.id}.key.json`)
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
    writeFileSync(path, JSON.stringify({ ...file, publicKeySha256: '00'.repeat(32) }))
    await expect(store.loadPrivateKey(info.id)).rejects.toMatchObject({ code: 'KEY_STORE_TAMPERED' })
  })

  it('a different secret box cannot open the key', async () => {
    const info = await store.saveKey(newKeyPem())
    const other = createKeyStore({ dir: join(root, 'keys'), secretBox: createAesGcmSecretBox(Buffer.alloc(32, 7)), now: () => NOW })
    await expect(other.loadPrivateKey(info.id)).rejects.toMatchObject({ code: 'KEY_STORE_TAMPERED' })
  })

  it('refuses ids that could leave the folder, and reports unknown ids', async () => {
    await expect(store.loadPrivateKey('../secret/box')).rejects.toMatchObject({ code: 'KEY_STORE_BAD_ID' })
    await expect(store.loadPrivateKey('0'.repeat(32))).rejects.toMatchObject({ code: 'KEY_STORE_NOT_FOUND' })
  })

  it('reuses the existing box key file on the next start', async () => {
    const pem = newKeyPem()
    const info = await store.saveKey(pem)
    const again = createKeyStore({ dir: join(root, 'keys'), secretBox: await createLocalKeyFileSecretBox({ keyFile: join(root, 'secret', 'box.key') }), now: () => NOW })
    expect(await again.loadPrivateKey(info.id)).toBe(pem)
  })

  it('refuses a public key or text that is not a key', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    await expect(store.saveKey(publicKey)).rejects.toMatchObject({ code: 'KEY_STORE_BAD_KEY' })
    await expect(store.saveKey('hello')).rejects.toMatchObject({ code: 'KEY_STORE_BAD_KEY' })
  })

  it('deletes a key', async () => {
    const info = await store.saveKey(newKeyPem())
    await store.deleteKey(info.id)
    await expect(store.describeKey(info.id)).rejects.toMatchObject({ code: 'KEY_STORE_NOT_FOUND' })
  })
})
