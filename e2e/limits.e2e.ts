import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../src-shared/clock'
import type { Site } from '../src-shared/domain/site'
import { DEMO_SITE } from '../src-main/demo/demo-site'
import { startUtilitySimulator, type UtilitySimulator } from '../src-main/sim/utility'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

/**
 * Step "Limits" end to end (APP-2, CTL-3, handbook 12 figure 8): the demo site, the utility simulator playing the
 * figure 8 scenario over real mutual TLS, the real engine polling it, and the built renderer in Chromium. The engine
 * and the simulator share a FakeClock the test moves forward, so three slots of the figure can be checked in seconds.
 */
let app: RunningApp
let sim: UtilitySimulator
let clock: FakeClock
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]
let siteId: string

const SLOT_MS = 300_000
const STEP_MS = 5_000
/** Event-loop turns given to sockets after each clock step, so each poll's TLS exchanges finish before time moves on. */
const IO_TURNS = 200

const ok = <T>(r: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

async function ioTurns(): Promise<void> {
  for (let i = 0; i < IO_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** Move the shared clock to `ms` after the scenario start, letting polls and pushes run at every step. */
async function advanceTo(ms: number): Promise<void> {
  const target = sim.startMs + ms
  while (clock.now() < target) {
    await clock.advanceAsync(Math.min(STEP_MS, target - clock.now()), ioTurns)
  }
}

beforeAll(async () => {
  // One second after a 5-minute boundary: the scenario's time zero is that boundary (the simulator aligns to it).
  clock = new FakeClock(Math.floor(Date.now() / SLOT_MS) * SLOT_MS + 1000)
  sim = await startUtilitySimulator({ clock, scenario: 'figure8' })
  app = await startApp({ clock, trustAnchorsPem: [sim.pki.sercaPem] })
  const invoke = app.engine.invoke
  const site = ok<Site>(await invoke('sites.save', DEMO_SITE))
  siteId = site.id
  const device = sim.pki.devices[0]
  if (!device) throw new Error('simulator PKI without a device')
  ok(await invoke('certificates.import', { siteId, files: [{ name: 'device.chain.pem', dataBase64: b64(device.chainPem) }, { name: 'device.key.pem', dataBase64: b64(device.keyPem) }] }))
  ok(await invoke('server.saveSettings', { siteId, settings: { target: 'custom', customUrl: sim.dcapUrl, checkHostname: true } }))
  const discovery = ok<{ ok: boolean }>(await invoke('server.connect', { siteId }))
  if (!discovery.ok) throw new Error('discovery against the figure 8 simulator failed')

  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  await page.goto(app.host.urlWithToken)
}, 120_000)

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
  await sim?.close()
})

async function row(mode: string): Promise<[string | null, string | null]> {
  return [await page.locator(`[data-testid=limit-value-${mode}]`).textContent(), await page.locator(`[data-testid=limit-${mode}]`).getAttribute('data-source')]
}

async function expectRow(mode: string, value: string, source: string): Promise<void> {
  await expect.poll(() => row(mode), { timeout: 15_000 }).toEqual([value, source])
}

describe('Limits step with the figure 8 scenario', () => {
  it('opens the Limits step of the demo site', async () => {
    await expect.poll(() => page.locator('select#site-select option').count()).toBe(2)
    await page.selectOption('select#site-select', siteId)
    await page.click('[data-step=limits]')
    await expect.poll(() => page.locator('[data-testid=effective-limits]').count()).toBe(1)
  })

  it('00:00-00:05: the fixed limits (no controls, no default yet)', async () => {
    await advanceTo(150_000)
    await expectRow('expLimW', '1500 W', 'fixed')
    await expectRow('impLimW', '1500 W', 'fixed')
    await expectRow('genLimW', 'unlimited', 'implied')
    await expectRow('connect', 'on', 'implied')
  })

  it("00:10-00:15: A's export 0 overrides B's export only; B's import still applies", async () => {
    await advanceTo(750_000)
    await expectRow('expLimW', '0 W', 'event')
    await expectRow('impLimW', '15000 W', 'event')
    await expectRow('genLimW', 'unlimited', 'implied')
    expect(await page.locator('[data-testid=limit-source-expLimW]').textContent()).toContain('primacy 1')
    expect(await page.locator('[data-testid=limit-source-impLimW]').textContent()).toContain('primacy 2')
    // B's event ends at 00:15 and its import falls to the default then: the countdown shows minutes.
    await expect.poll(() => page.locator('[data-testid=next-change]').textContent()).toMatch(/Next change in \d+ min/)
  })

  it('00:25-00:30: back to the default when no control is active', async () => {
    await advanceTo(1650_000)
    await expectRow('expLimW', '1500 W', 'default')
    await expectRow('impLimW', '4000 W', 'default')
    await expectRow('connect', 'on', 'implied')
  })

  it('shows the 24 h chart, the stored events and the overlap setting, and the page ran clean (CSP: no inline styles, no eval)', async () => {
    await expect.poll(() => page.locator('[data-testid=limits-chart] svg.recharts-surface').count()).toBeGreaterThan(0)
    expect(Number(await page.locator('[data-testid=limits-chart]').getAttribute('data-points'))).toBeGreaterThan(280)
    expect(await page.locator('[data-testid=event-list] tbody tr').count()).toBeGreaterThanOrEqual(2)
    expect(await page.locator('[data-testid=overlap-explanation]').textContent()).toContain('resumes')
    await page.check('input[name=overlap][value=csip-no-resume]')
    await expect.poll(() => page.locator('[data-testid=overlap-explanation]').textContent()).toContain('does not resume')
    // Confirmed by the engine: the saving note goes and the choice stays.
    await expect.poll(() => page.locator('[data-testid=overlap-saving]').count()).toBe(0)
    expect(await page.locator('input[name=overlap][value=csip-no-resume]').isChecked()).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
