import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

/**
 * Step "Utility server" end to end (SRV-2 .. SRV-7): the built renderer in Chromium through the web host, the real
 * engine, and the built-in utility-server simulator over real mutual TLS on 127.0.0.1 with a practice certificate
 * imported for the site.
 */
let app: RunningApp
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]

const CONNECT_TIMEOUT_MS = 30_000

beforeAll(async () => {
  app = await startApp()
  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  await page.goto(app.host.urlWithToken)
})

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
})

async function saveSite() {
  await page.fill('#site-name', 'Server test site')
  await page.fill('#site-address', '3 Example St, Brisbane QLD 4000')
  await page.fill('#installer-name', 'Pat Installer')
  await page.fill('#installer-licence', 'QLD-123456')
  await page.fill('#site-pen', '57269')
  await page.fill('#site-nmi', 'QCDWW000102')
  await page.getByLabel('DER 1 Rated W').fill('5000')
  await page.getByLabel('DER 1 Rated VA').fill('5000')
  await page.click('button:has-text("Save site")')
  await expect.poll(() => page.locator('[data-step=site]').getAttribute('data-status')).toBe('done')
}

describe('Utility server step in the browser', () => {
  it('offers Test, Production, custom URL and the built-in simulator once a site is saved', async () => {
    await saveSite()
    await page.click('[data-step=server]')
    await expect.poll(() => page.locator('input[name=server-target]').count()).toBe(4)
    expect(await page.locator('.server-target').allTextContents()).toEqual([
      expect.stringContaining('https://sep2-test.energyq.com.au/api/v2/dcap'),
      expect.stringContaining('https://sep2.energyq.com.au/api/v2/dcap'),
      expect.stringContaining('Custom URL'),
      expect.stringContaining('Built-in simulator'),
    ])
  })

  it('connects to the built-in simulator and shows each step, the EndDevice, the PIN check and the default control', async () => {
    await page.check('input[name=server-target][value=simulator]')
    await page.fill('#server-pin', '1234')
    await page.click('button:has-text("Connect")')
    await expect.poll(() => page.locator('[data-testid=end-device]').textContent(), { timeout: CONNECT_TIMEOUT_MS }).toContain('matches this site')
    expect(await page.locator('[data-testid=pin-check]').textContent()).toBe('✓ 1234 matches')
    expect(await page.locator('[data-testid=default-control]').first().textContent()).toContain('export 1,500 W, import 1,500 W, energize')
    const items = await page.locator('[data-testid=discovery-steps] .discovery-step').all()
    const statuses = await Promise.all(items.map((item) => item.getAttribute('data-status')))
    expect(statuses.length).toBeGreaterThanOrEqual(12)
    expect(statuses.every((s) => s === 'ok')).toBe(true)
    expect(await page.locator('[data-testid=discovery-summary]').textContent()).toMatch(/TLSv1\.[23]/)
    await expect.poll(() => page.locator('[data-step=server]').getAttribute('data-status')).toBe('done')
    await expect.poll(() => page.locator('[data-step=certificates]').getAttribute('data-status')).toBe('done')
  })

  it('shows the raw XML of a resource and the exchange log', async () => {
    await page.click('.resource-links button:has-text("Registration")')
    await expect.poll(() => page.locator('[data-testid=resource-xml]').textContent()).toContain('<pIN>1234</pIN>')
    await expect.poll(() => page.locator('[data-testid=exchange-log] tbody tr').count()).toBeGreaterThanOrEqual(12)
    await page.fill('input[size="8"]', '4xx')
    await page.click('button:has-text("Filter")')
    await expect.poll(() => page.locator('[data-testid=exchange-log] tbody tr').count()).toBe(0)
  })

  it('a wrong PIN shows a cross with what it means and what to do', async () => {
    await page.fill('#server-pin', '9999')
    await page.click('button:has-text("Connect")')
    const failed = page.locator('.discovery-step[data-status=failed]')
    await expect.poll(() => failed.count(), { timeout: CONNECT_TIMEOUT_MS }).toBe(1)
    expect(await failed.textContent()).toMatch(/What it means:.*PIN 1234, not 9999.*What to do:/)
    await expect.poll(() => page.locator('[data-step=server]').getAttribute('data-status')).toBe('failed')
  })

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([])
  })
})
