import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTestPki, type TestPki } from '../src-main/pki/test-pki'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

let app: RunningApp
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]
let pki: TestPki
let pkiDir: string

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date() })
  pkiDir = mkdtempSync(join(tmpdir(), 'sep2-e2e-pki-'))
  app = await startApp({ trustAnchorsPem: [pki.sercaPem] })
  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  await page.goto(app.host.urlWithToken)
})

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
  rmSync(pkiDir, { recursive: true, force: true })
})

describe('Site and Certificates steps in the browser (ID-1, ID-2, ID-4)', () => {
  it('lists every step of the flow with its status', async () => {
    const labels = await page.locator('nav .step-label').allTextContents()
    expect(labels).toEqual(['Site & NMI', 'Certificates & identity', 'Devices', 'Utility server', 'Limits', 'Verification test', 'Telemetry', 'Report'])
  })

  it('shows a wrong NMI checksum at the field, naming the expected checksum, and accepts the corrected NMI', async () => {
    await page.fill('#site-name', 'Smith residence')
    await page.fill('#site-address', '1 Example St, Brisbane QLD 4000')
    await page.fill('#installer-name', 'Pat Installer')
    await page.fill('#installer-licence', 'QLD-123456')
    await page.fill('#site-pen', '57269')
    await page.fill('#site-nmi', 'QCDWW000109')
    await page.getByLabel('DER 1 Rated W').fill('5000')
    await page.getByLabel('DER 1 Rated VA').fill('5000')
    await page.click('button:has-text("Save site")')
    const error = page.locator('#site-nmi-error')
    await expect.poll(() => error.textContent()).toContain('is 2, not 9')
    expect(await page.locator('select#site-select option').count()).toBe(1)

    await page.fill('#site-nmi', 'QCDWW000102')
    await expect.poll(() => error.count()).toBe(0)
    await page.click('button:has-text("Save site")')
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Site saved')
    await expect.poll(() => page.locator('[data-step=site]').getAttribute('data-status')).toBe('done')
    expect(await page.locator('select#site-select option').allTextContents()).toContain('Smith residence · QCDWW00010')
  })

  it('imports a generated certificate set and shows the right LFDI and SFDI', async () => {
    const device = pki.devices[0]
    if (!device) throw new Error('no device certificate')
    const chainFile = join(pkiDir, 'device.chain.pem')
    const keyFile = join(pkiDir, 'device.key.pem')
    writeFileSync(chainFile, device.chainPem)
    writeFileSync(keyFile, device.keyPem)
    const expectedLfdi = createHash('sha256').update(new X509Certificate(device.certificatePem).raw).digest('hex').slice(0, 40).toUpperCase()

    await page.click('[data-step=certificates]')
    await page.setInputFiles('[data-testid=certificate-files]', [chainFile, keyFile])
    await expect.poll(() => page.locator('[data-testid=lfdi]').textContent(), { timeout: 20_000 }).toBe(expectedLfdi)
    expect(await page.locator('[data-testid=sfdi]').textContent()).toBe(device.sfdi)
    expect(await page.locator('[data-testid=certificate-verdict]').textContent()).toContain('ready to use')
    const failed = await page.locator('.check[data-status=fail]').count()
    expect(failed).toBe(0)
    await expect.poll(() => page.locator('[data-step=certificates]').getAttribute('data-status')).toBe('done')
  })

  it('carries the installer: "Step x of 8" with Back and Next under every step, the step list in view on a 1366x768 screen', async () => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.click('[data-step=site]')
    expect(await page.locator('[data-testid=step-position]').textContent()).toBe('Step 1 of 8')
    expect(await page.locator('[data-testid=step-back]').count()).toBe(0)
    await page.click('[data-testid=step-next]')
    expect(await page.locator('[data-step=certificates]').getAttribute('aria-current')).toBe('step')
    expect(await page.locator('[data-testid=step-position]').textContent()).toBe('Step 2 of 8')
    expect(await page.locator('[data-testid=step-next]').textContent()).toContain('Devices')
    await page.mouse.wheel(0, 5000) // to the foot of the page
    const box = await page.locator('[data-step=report]').boundingBox()
    expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true)
  })

  it('opens where the installer left off after a reload: the same site, the same step, its statuses', async () => {
    await page.reload()
    await expect.poll(() => page.locator('select#site-select').inputValue()).not.toBe('')
    expect(await page.locator('select#site-select option:checked').textContent()).toBe('Smith residence · QCDWW00010')
    expect(await page.locator('[data-step=certificates]').getAttribute('aria-current')).toBe('step')
    await expect.poll(() => page.locator('[data-step=site]').getAttribute('data-status')).toBe('done')
    await expect.poll(() => page.locator('[data-step=certificates]').getAttribute('data-status')).toBe('done')
  })

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([])
  })
})
