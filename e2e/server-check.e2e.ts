import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

/**
 * Issue 17 item 1 end to end: the report's server verdict comes from the server-check record the Utility server step
 * stores, in both directions. Demo mode in Chromium through the web host: the demo site with its preset PIN -> PASS;
 * a wrong PIN -> FAIL naming both PINs; the site switched to a cloud-proxy pathway, whose virtual LFDI (handbook
 * 9.1.2) the running simulator never registered -> FAIL naming the unknown LFDI.
 */
let app: RunningApp
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]

const UI_TIMEOUT_MS = 30_000

beforeAll(async () => {
  app = await startApp({ demoMode: true })
  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  await page.goto(app.host.urlWithToken)
})

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
})

async function connect(): Promise<void> {
  await page.click('[data-step=server]')
  await page.click('button:has-text("Connect")')
}

/** The report preview's summary row for the utility server, once its detail reads as expected: [result, detail]. */
async function serverRow(expected: RegExp): Promise<string[]> {
  await page.click('[data-step=report]')
  await page.click('button:has-text("Refresh preview")')
  const row = page.locator('[data-testid=report-preview] table.grid tr', { hasText: 'Utility server and registration' })
  await expect.poll(async () => ((await row.count()) === 1 ? ((await row.locator('td').allTextContents())[2] ?? '') : ''), { timeout: UI_TIMEOUT_MS }).toMatch(expected)
  return (await row.locator('td').allTextContents()).slice(1)
}

describe('the report server verdict from the stored server check', { timeout: 180_000 }, () => {
  it('demo flow: the demo site, its certificates and the preset PIN give PASS', async () => {
    const option = page.locator('select#site-select option', { hasText: 'Demo site' })
    await expect.poll(() => option.count()).toBe(1)
    await page.selectOption('select#site-select', (await option.getAttribute('value')) ?? '')
    await page.click('[data-step=certificates]')
    await page.click('button:has-text("Use the demo certificates")')
    await expect.poll(() => page.locator('[data-testid=lfdi]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^[0-9A-F]{40}$/)
    await page.click('[data-step=server]')
    await expect.poll(() => page.inputValue('#server-pin')).toBe('1234')
    await connect()
    await expect.poll(() => page.locator('[data-testid=pin-check]').textContent(), { timeout: UI_TIMEOUT_MS }).toBe('✓ 1234 matches')
    const [result, detail] = await serverRow(/PIN 1234 matches/)
    expect(result).toBe('PASS')
    expect(detail).toMatch(/registered, PIN 1234 matches, TLSv1\.[23] chain verified \(server check of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d AEST\)/)
  })

  it('a wrong PIN: FAIL, naming the PIN the server holds and the one entered', async () => {
    await page.click('[data-step=server]')
    await page.fill('#server-pin', '9999')
    await connect()
    await expect.poll(() => page.locator('.discovery-step[data-status=failed]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    const [result, detail] = await serverRow(/mismatch/)
    expect(result).toBe('FAIL')
    expect(detail).toContain('Registration PIN mismatch: the server holds 1234, the installer entered 9999')
    await page.click('[data-step=report]')
    await expect.poll(() => page.locator('[data-testid=report-outcome]').textContent()).toMatch(/FAIL/i)
  })

  it('an LFDI the server does not know: FAIL, naming the LFDI', async () => {
    await page.click('[data-step=site]')
    await page.selectOption('#site-pathway', 'cloud-proxy')
    await page.click('button:has-text("Save site")')
    await expect.poll(() => page.locator('[data-step=site]').getAttribute('data-status')).toBe('done')
    const sites = await app.engine.invoke('sites.list', {})
    const site = sites.ok ? (sites.value as { nmi: string; pen: number }[])[0] : undefined
    const virtual = await app.engine.invoke('identity.virtualLfdi', { nmi: site?.nmi, pen: site?.pen })
    const lfdi = virtual.ok ? (virtual.value as { lfdi: string }).lfdi : 'missing'
    await page.click('[data-step=server]')
    await page.fill('#server-pin', '1234')
    await connect()
    await expect.poll(() => page.locator('.discovery-step[data-status=failed]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/EndDevice/)
    const [result, detail] = await serverRow(/does not know/)
    expect(result).toBe('FAIL')
    expect(detail).toContain(`The server does not know LFDI ${lfdi}: no EndDevice for it in the EndDeviceList`)
  })

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([])
  })
})
