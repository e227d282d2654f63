/**
 * Certificates step (issue 17 item 6): the device certificate, its chain and the key picked together or one by one –
 * a later pick never makes the app forget what was picked before (the key after the certificate used to drop the
 * certificate, and the app asked for it again).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { CertificateReport } from '../../../src-shared/domain/certificate'
import { DEMO_SITE } from '../../demo/demo-site'
import { generateTestPki, type TestPki } from '../../pki'
import { createEngine, type Engine } from '../create-engine'

const NOW = Date.UTC(2026, 5, 1, 2)
const b64 = (text: string) => Buffer.from(text).toString('base64')
let dataDir: string
let engine: Engine
let pki: TestPki

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date(NOW) })
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-certificates-'))
  engine = createEngine({ dataDir, host: 'cli', clock: new FakeClock(NOW), trustAnchorsPem: [pki.sercaPem] })
})
afterAll(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

const newSite = async () => (await call<{ id: string }>('sites.save', DEMO_SITE)).id
const device = () => {
  const d = pki.devices[0]
  if (!d) throw new Error('no device')
  return d
}
const pick = (siteId: string, files: Record<string, string>) =>
  call<CertificateReport>('certificates.import', { siteId, files: Object.entries(files).map(([name, text]) => ({ name, dataBase64: b64(text) })) })

describe('certificate, chain and key picked one by one (issue 17 item 6)', () => {
  it('the key after the certificate: the set is complete, the certificate is not forgotten', async () => {
    const siteId = await newSite()
    const first = await pick(siteId, { 'device.chain.pem': device().chainPem })
    expect(first.keyStored).toBe(false)
    const second = await pick(siteId, { 'device.key.pem': device().keyPem })
    expect(second).toMatchObject({ ok: true, keyStored: true, identity: { lfdi: device().lfdi.toUpperCase() } })
    expect(second.fileNames).toEqual(['device.chain.pem', 'device.key.pem'])
  })

  it('the certificate after the key, and the chain file by file', async () => {
    const siteId = await newSite()
    await pick(siteId, { 'device.key.pem': device().keyPem })
    await pick(siteId, { 'device.pem': device().certificatePem })
    const done = await pick(siteId, { 'mica.pem': pki.micaPem, 'serca.pem': pki.sercaPem })
    expect(done).toMatchObject({ ok: true, keyStored: true, identity: { lfdi: device().lfdi.toUpperCase() } })
    expect(done.fileNames).toEqual(['device.key.pem', 'device.pem', 'mica.pem', 'serca.pem'])
  })

  it('a key picked again later is checked against the stored certificate, which stays', async () => {
    const siteId = await newSite()
    await pick(siteId, { 'device.chain.pem': device().chainPem, 'device.key.pem': device().keyPem })
    const again = await pick(siteId, { 'device.key.pem': device().keyPem })
    expect(again).toMatchObject({ ok: true, keyStored: true, identity: { lfdi: device().lfdi.toUpperCase() } })
  })
  it('a whole set picked at once replaces every earlier pick', async () => {
    const siteId = await newSite()
    await pick(siteId, { 'stray-ca.pem': pki.micaPem })
    const whole = await pick(siteId, { 'device.chain.pem': device().chainPem, 'device.key.pem': device().keyPem })
    expect(whole.fileNames).toEqual(['device.chain.pem', 'device.key.pem'])
  })
})
