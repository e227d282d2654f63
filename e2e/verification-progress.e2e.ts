import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../src-shared/clock'
import { startApp, type RunningApp } from './support/app'
import { launchChromium, watchPageErrors } from './support/browser'

/**
 * The verification step while a run is under way and after it (issue 17 items 4 and 5, issue 11 item 3): the progress
 * bar with elapsed / total time and the profile step in force, the confirmation before an abort, the ABORTED verdict,
 * and the advisory tracking figures with the commanded setpoint in the chart. Demo mode, one FakeClock for all.
 */
const NOON_QLD = Date.UTC(2026, 0, 15, 2, 0)
const IO_TURNS = 60
const UI_TIMEOUT_MS = 30_000

let app: RunningApp
let clock: FakeClock
let chromium: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let pageErrors: string[]
let siteId: string

async function ioTurns(): Promise<void> {
  for (let i = 0; i < IO_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

async function advance(ms: number, stepMs: number): Promise<void> {
  const target = clock.now() + ms
  while (clock.now() < target) await clock.advanceAsync(Math.min(stepMs, target - clock.now()), ioTurns)
}

async function advanceUntil(done: () => Promise<boolean>, maxMs: number, stepMs: number): Promise<void> {
  const target = clock.now() + maxMs
  while (clock.now() < target && !(await done())) await advance(stepMs * 5, stepMs)
}

async function invoke<T>(command: string, input: unknown): Promise<T> {
  const result = await app.engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.message}`)
  return result.value as T
}

const outcome = () => page.locator('[data-testid=run-verdict]').getAttribute('data-outcome')

beforeAll(async () => {
  clock = new FakeClock(NOON_QLD)
  app = await startApp({ clock, demoMode: true })
  // The demo site read live with its simulated PV inverters (the battery "not used": it would soak up every step).
  const [site] = await invoke<{ id: string; name: string }[]>('sites.list', {})
  if (!site) throw new Error('the demo has a site')
  const devices = await invoke<{ id: string; role: string }[]>('devices.addSimulated', { siteId: site.id })
  for (const d of devices.filter((x) => x.role === 'battery')) await invoke('devices.setRole', { siteId: site.id, deviceId: d.id, role: 'none' })
  await invoke('devices.startSampling', { siteId: site.id })
  await advance(20_000, 200)
  chromium = await launchChromium()
  page = await chromium.context.newPage()
  pageErrors = watchPageErrors(page)
  siteId = site.id
  await page.goto(app.host.urlWithToken)
})

afterAll(async () => {
  await chromium?.close()
  await app?.stop()
})

describe('verification step: progress, abort confirmation, advisory figures', { timeout: 600_000 }, () => {
  it('opens the demo site\'s verification step', async () => {
    await expect.poll(() => page.locator(`select#site-select option[value="${siteId}"]`).count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await page.selectOption('select#site-select', siteId)
    await page.click('[data-step=verification]')
    await expect.poll(() => page.locator('input[name=profile][value=figure6]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
  })

  it('a running figure 6 run shows a progress bar, elapsed / total time and the step in force', async () => {
    await page.check('input[name=profile][value=figure6]')
    await page.click('button:has-text("Start test")')
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toBe('running')
    await advance(60_000, 500)
    const progress = page.locator('[data-testid=run-progress]')
    await expect.poll(() => progress.count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await expect.poll(() => page.locator('[data-testid=run-elapsed]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^[01]:\d\d of 16:40$/)
    expect(Number(await progress.locator('progress').getAttribute('value'))).toBeGreaterThan(30)
    expect(await progress.locator('progress').getAttribute('max')).toBe('1000')
    expect(await page.locator('[data-testid=run-current-step]').textContent()).toBe('Step 1 of 3: 5000 W from 0:30 – next at 5:50: 10000 W')
    expect(await page.locator('[data-testid=advisory-metrics]').textContent()).toContain('worked out when the run ends')
  })

  it('abort asks first; "Keep running" keeps the run, confirming ends it as ABORTED', async () => {
    await page.click('button.danger:has-text("Abort")')
    const confirm = page.locator('[data-testid=abort-confirm]')
    await expect.poll(() => confirm.count()).toBe(1)
    expect(await confirm.textContent()).toContain('no verdict (ABORTED)')
    await confirm.locator('button:has-text("Keep running")').click()
    await expect.poll(() => confirm.count()).toBe(0)
    await advance(2_000, 500)
    expect(await outcome()).toBe('running')

    await page.click('button.danger:has-text("Abort")')
    await confirm.locator('button:has-text("Abort the run")').click()
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toBe('aborted')
    expect(await page.locator('[data-testid=run-verdict] strong').textContent()).toMatch(/^ABORTED/)
    expect(await page.locator('[data-testid=run-progress]').count()).toBe(0)
  })

  it('a finished run shows its advisory tracking figures and plots the commanded setpoint', async () => {
    await page.check('input[name=profile][value=custom]')
    await page.fill('input[aria-label="Step 1 time"]', '5')
    await page.fill('input[aria-label="Step 1 value"]', '3000')
    await page.fill('input[aria-label="Step 2 time"]', '50')
    await page.fill('label:has-text("Duration (s)") input', '60')
    await page.click('button:has-text("Start test")')
    await advanceUntil(async () => ['passed', 'failed'].includes((await outcome()) ?? ''), 90_000, 200)
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toMatch(/^(passed|failed)$/)
    const advisory = page.locator('[data-testid=advisory-metrics]')
    await expect.poll(() => advisory.locator('[data-testid=advisory-oscillation]').count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    expect(await advisory.textContent()).toContain('Tracking (advisory – not part of the verdict)')
    expect(await advisory.locator('[data-testid=advisory-oscillation]').textContent()).toMatch(/^Oscillation: \d+ setpoint reversals? \([\d.]+ per minute\)$/)
    expect(await advisory.locator('[data-testid=advisory-curtailed]').textContent()).toMatch(/^Curtailed beyond need: [\d.]+ Wh \([\d.]+ % of the possible generation\)/)
    expect(await advisory.locator('[data-testid=advisory-raise]').count()).toBe(1)
    expect(await page.locator('[data-testid=run-chart] .recharts-legend-item-text', { hasText: 'Commanded setpoint' }).count()).toBe(1)
    expect(pageErrors).toEqual([])
  })

  it('with a live utility event for the tested limit, the start asks; overriding needs a confirmation naming the event', async () => {
    await page.click('[data-step=certificates]')
    await page.click('button:has-text("Use the demo certificates")')
    await expect.poll(() => page.locator('[data-testid=lfdi]').textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^[0-9A-F]{40}$/)
    await page.click('[data-step=server]')
    await page.check('input[name=server-target][value=simulator]')
    await page.click('button:has-text("Connect")')
    await advanceUntil(async () => (await page.locator('[data-testid=end-device]').count()) > 0, 60_000, 200)
    // The Annex D scenario's first event (export 2512 W) starts 300 s after the server.
    const exportSource = async () => (await invoke<{ effective: { mode: string; source: { kind: string; mRID?: string } }[] }>('limits.get', { siteId })).effective.find((e) => e.mode === 'expLimW')?.source
    await advanceUntil(async () => (await exportSource())?.kind === 'event', 600_000, 1_000)
    const mRID = (await exportSource())?.mRID ?? 'no event'

    await page.click('[data-step=verification]')
    await page.check('input[name=profile][value=figure6]')
    await page.click('button:has-text("Start test")')
    const choice = page.locator('[data-testid=utility-event-choice]')
    await expect.poll(() => choice.count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    expect(await choice.textContent()).toContain(`mRID ${mRID}, 2512 W`)
    await choice.locator('button:has-text("Override the utility")').click()
    const override = page.locator('[data-testid=utility-event-override]')
    await expect.poll(() => override.count()).toBe(1)
    await override.locator(`button:has-text("Override event ${mRID} for this test")`).click()
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toBe('running')
    await expect.poll(() => page.locator('[data-testid=limit-policy]').textContent(), { timeout: UI_TIMEOUT_MS }).toContain(`You chose to override the utility’s event (mRID ${mRID}`)
    const [run] = await invoke<{ limitPolicy: unknown }[]>('verification.runs', { siteId })
    expect(run?.limitPolicy).toEqual({ choice: 'override', utilityEvent: expect.objectContaining({ mRID, value: 2512 }) })

    await page.click('button.danger:has-text("Abort")')
    await page.locator('[data-testid=abort-confirm] button:has-text("Abort the run")').click()
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toBe('aborted')

    // Again, keeping the recommended choice: the stricter of the two applies and the record says so.
    await page.click('button:has-text("Start test")')
    await expect.poll(() => choice.count(), { timeout: UI_TIMEOUT_MS }).toBe(1)
    await choice.locator('button:has-text("Apply the stricter of the two")').click()
    await expect.poll(outcome, { timeout: UI_TIMEOUT_MS }).toBe('running')
    await expect.poll(() => page.locator('[data-testid=limit-policy]').textContent(), { timeout: UI_TIMEOUT_MS }).toContain('The stricter of the profile and the utility’s event')
    const [stricter] = await invoke<{ limitPolicy: unknown }[]>('verification.runs', { siteId })
    expect(stricter?.limitPolicy).toEqual({ choice: 'stricter', utilityEvent: expect.objectContaining({ mRID }) })
    expect(pageErrors).toEqual([])
  })
})
