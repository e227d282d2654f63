import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../src-shared/clock'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

/**
 * Step "Telemetry" in demo mode (APP-4): the demo site read live from the built-in device simulator and connected to
 * the built-in utility simulator, the built renderer in Chromium. One FakeClock the test moves forward drives the
 * sampling, the site controller and the 5-minute telemetry; it starts 80 s before the 12:00 (QLD) RTC tick.
 */
const BEFORE_TICK = Date.UTC(2026, 0, 15, 1, 58, 40)
const IO_TURNS = 60
const UI_TIMEOUT_MS = 30_000
const STEP_MS = 200

let app: RunningApp
let clock: FakeClock
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]
let siteId: string

const ok = <T>(r: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function ioTurns(): Promise<void> {
  for (let i = 0; i < IO_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

async function advance(ms: number): Promise<void> {
  const target = clock.now() + ms
  while (clock.now() < target) await clock.advanceAsync(Math.min(STEP_MS, target - clock.now()), ioTurns)
}

async function advanceUntil(done: () => Promise<boolean>, maxMs: number): Promise<void> {
  const target = clock.now() + maxMs
  while (clock.now() < target && !(await done())) await advance(STEP_MS * 10)
}

const powerPoints = async (): Promise<number> => Number(await page.locator('[data-testid=telemetry-power-chart]').getAttribute('data-points'))

beforeAll(async () => {
  clock = new FakeClock(BEFORE_TICK)
  // handbook 13.1 post offset drawn as 0.2 (31 s after the tick), so the posts fall inside the test's window.
  app = await startApp({ clock, demoMode: true, random: () => 0.2 })
  const sites = ok<{ id: string }[]>(await app.engine.invoke('sites.list', {}))
  siteId = sites[0]?.id ?? ''
  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  await page.goto(app.host.urlWithToken)
})

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
})

describe('the Telemetry step in demo mode', { timeout: 300_000 }, () => {
  it('without live readings it says to start them in the Devices step, with a button', async () => {
    const option = page.locator('select#site-select option', { hasText: 'Demo site' })
    await expect.poll(() => option.count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await page.selectOption('select#site-select', siteId)
    await page.click('[data-step=telemetry]')
    await expect.poll(() => page.locator('[data-testid=telemetry-not-live]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await page.click('button:has-text("Go to Devices")')
    await expect.poll(() => page.locator('[data-testid=add-simulated]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
  })

  it('shows moving charts with the export limit overlaid and the controller state', async () => {
    ok(await app.engine.invoke('devices.addSimulated', { siteId }))
    ok(await app.engine.invoke('devices.startSampling', { siteId }))
    await advance(10_000)
    await page.click('[data-step=telemetry]')
    await expect.poll(() => page.locator('[data-testid=telemetry-not-connected]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await expect.poll(() => page.locator('[data-testid=controller-state]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/Following|Limited by|Fail-safe/)
    await advance(5_000)
    await expect.poll(powerPoints, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(5)
    const before = await powerPoints()
    await advance(10_000)
    await expect.poll(powerPoints, { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(before + 10)
    // The effective export limit is drawn as a line, and named in the legend.
    await expect.poll(() => page.locator('[data-testid=telemetry-power-chart] .limit-export path').count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=telemetry-power-chart] .limit-export path').first().getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+L/)
    expect(await page.locator('[data-testid=telemetry-power-chart]').textContent()).toContain('Export limit')
    for (const chart of ['var', 'voltage', 'frequency']) expect(Number(await page.locator(`[data-testid=telemetry-${chart}-chart]`).getAttribute('data-points'))).toBeGreaterThan(5)
  })

  it('once connected to the utility simulator, the readings posted on the 5-minute tick and the answers are shown', async () => {
    await page.click('button:has-text("Go to Utility server")')
    await page.check('input[name=server-target][value=simulator]')
    await page.click('button:has-text("Connect")')
    await advanceUntil(async () => (await page.locator('[data-testid=end-device]').count()) > 0, 60_000)
    await page.click('[data-step=telemetry]')
    await advanceUntil(async () => (await page.locator('[data-testid=posted-readings] tr[data-outcome=posted]').count()) > 0, 180_000)
    await expect.poll(() => page.locator('[data-testid=posted-readings] tr[data-outcome=posted]').count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=posted-readings]').textContent()).toContain('201 Created at')
    await expect.poll(() => page.locator('[data-testid=buffer-depth]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^\d+$/)
    expect(await page.locator('[data-testid=telemetry-not-connected]').count()).toBe(0)
  })

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors).toEqual([])
  })
})
