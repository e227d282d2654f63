import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineEvent } from '../../src-shared/api'
import type { TelemetryPoint } from '../../src-shared/contract/telemetry'
import type { AppErrorShape } from '../../src-shared/result'

/**
 * The renderer's zustand store (DESIGN.md layer 6) in Node: the engine API is replaced by a scripted bridge, so the
 * slices' actions, the push-event routing and the selectors run exactly as in the app, without a DOM.
 */
type Answer = { ok: true; value: unknown } | { ok: false; error: AppErrorShape }
const engine = vi.hoisted(() => ({
  answers: new Map<string, (input: unknown) => Answer | Promise<Answer>>(),
  calls: [] as { command: string; input: unknown }[],
  listeners: [] as ((event: EngineEvent) => void)[],
}))

vi.mock('../api/client', () => ({
  api: {
    invoke: async (command: string, input: unknown) => {
      engine.calls.push({ command, input })
      const answer = engine.answers.get(command)
      return answer ? answer(input) : { ok: false, error: { code: 'NOT_SCRIPTED', message: `no answer for ${command}` } }
    },
    subscribe: (listener: (event: EngineEvent) => void) => {
      engine.listeners.push(listener)
      return () => undefined
    },
  },
}))

const { useStore } = await import('./index')
const { selectStepStatus } = await import('./wizard-slice')
const { selectCurrentSite } = await import('./sites-slice')
const INITIAL = useStore.getState()

const push = (event: EngineEvent): void => engine.listeners.forEach((l) => l(event))
const answer = (command: string, value: unknown): void => void engine.answers.set(command, () => ({ ok: true, value }))
const SITE = { id: 's1', name: 'Site one', installer: { name: 'I', licence: 'L' }, address: 'A', nmi: 'QCDWW00010', pathway: 'gateway', pen: 1, fixedLimits: { exportW: 1500, importW: 1500 }, der: [], createdAt: 1, updatedAt: 1 }
const WIZARD = { siteId: 's1', steps: [{ step: 'site', status: 'done' }] }

function point(t: number): TelemetryPoint {
  return { t, siteW: { a: null, b: null, c: null, total: -t }, siteVar: { a: null, b: null, c: null }, siteV: { a: null, b: null, c: null }, hz: 50, derW: t, exportLimitW: 1500, importLimitW: null }
}

beforeEach(() => {
  useStore.setState(INITIAL, true)
  engine.answers.clear()
  engine.calls.length = 0
})

describe('sites and wizard slices', () => {
  it('saving a site reloads the list, selects it and loads its wizard and certificate', async () => {
    answer('sites.save', SITE)
    answer('sites.list', [SITE])
    answer('wizard.get', WIZARD)
    answer('certificates.get', null)
    expect(await useStore.getState().saveSite({ ...SITE, id: undefined } as never)).toBeNull()
    const s = useStore.getState()
    expect(s.currentSiteId).toBe('s1')
    expect(selectCurrentSite(s)?.name).toBe('Site one')
    expect(selectStepStatus('site')(s)).toBe('done')
    expect(selectStepStatus('report')(s)).toBe('not-started')
    expect(engine.calls.map((c) => c.command)).toEqual(['sites.save', 'sites.list', 'app.rememberPlace', 'wizard.get', 'certificates.get'])
    expect(engine.calls.find((c) => c.command === 'app.rememberPlace')?.input).toEqual({ siteId: 's1', step: 'site' })
  })

  it('opens where the installer left off: the remembered site and step, and every later step change is remembered', async () => {
    answer('sites.list', [SITE, { ...SITE, id: 's2' }])
    answer('app.lastPlace', { siteId: 's1', step: 'limits' })
    answer('app.rememberPlace', { saved: true })
    answer('wizard.get', WIZARD)
    answer('certificates.get', null)
    answer('site.resume', { sampling: 'resumed', server: 'reconnected' })
    await useStore.getState().loadSites()
    await useStore.getState().restorePlace()
    expect(useStore.getState()).toMatchObject({ currentSiteId: 's1', step: 'limits', banner: null })
    // Live readings and the utility connection of the reopened site resume (issue 17 item 6).
    expect(engine.calls.find((c) => c.command === 'site.resume')?.input).toEqual({ siteId: 's1' })
    useStore.getState().goTo('report')
    expect(engine.calls.at(-1)).toEqual({ command: 'app.rememberPlace', input: { siteId: 's1', step: 'report' } })
  })

  it('a site the installer picked while the last place was loading stands', async () => {
    answer('sites.list', [SITE])
    engine.answers.set('app.lastPlace', () => {
      useStore.setState({ currentSiteId: 's9' })
      return { ok: true, value: { siteId: 's1', step: 'limits' } }
    })
    await useStore.getState().loadSites()
    await useStore.getState().restorePlace()
    expect(useStore.getState()).toMatchObject({ currentSiteId: 's9', step: 'site' })
  })

  it('a refused save is returned to the form, selects nothing and leaves the banner alone', async () => {
    engine.answers.set('sites.save', () => ({ ok: false, error: { code: 'NMI_CHECKSUM', message: 'The NMI checksum is wrong' } }))
    expect(await useStore.getState().saveSite(SITE as never)).toEqual({ code: 'NMI_CHECKSUM', message: 'The NMI checksum is wrong' })
    expect(useStore.getState()).toMatchObject({ currentSiteId: null, banner: null })
  })

  it("a pushed wizard state is taken for the current site only; another site's is ignored", () => {
    useStore.setState({ currentSiteId: 's1' })
    push({ event: 'wizard.changed', payload: { siteId: 's2', steps: [{ step: 'site', status: 'failed' }] } } as EngineEvent)
    expect(useStore.getState().wizard).toBeNull()
    push({ event: 'wizard.changed', payload: WIZARD } as EngineEvent)
    expect(useStore.getState().wizard).toEqual(WIZARD)
  })

  it('a failed call shows in the banner; moving to another step clears it', async () => {
    useStore.setState({ currentSiteId: 's1' })
    await useStore.getState().loadWizard()
    expect(useStore.getState().banner).toEqual({ code: 'NOT_SCRIPTED', message: 'no answer for wizard.get' })
    useStore.getState().goTo('devices')
    expect(useStore.getState()).toMatchObject({ step: 'devices', banner: null })
  })
})

describe('limits slice', () => {
  it("drops a slow answer for a site the installer has since left", async () => {
    let release: (a: Answer) => void = () => undefined
    engine.answers.set('limits.get', () => new Promise<Answer>((resolve) => (release = resolve)))
    useStore.setState({ currentSiteId: 's1' })
    const loading = useStore.getState().loadLimits()
    useStore.setState({ currentSiteId: 's2' })
    release({ ok: true, value: { siteId: 's1' } })
    await loading
    expect(useStore.getState().limitsView).toBeNull()
  })

  it('reloads on a limits.changed push only while the Limits step is open for that site', () => {
    useStore.setState({ currentSiteId: 's1', step: 'devices' })
    push({ event: 'limits.changed', payload: { siteId: 's1' } } as EngineEvent)
    useStore.setState({ step: 'limits' })
    push({ event: 'limits.changed', payload: { siteId: 's2' } } as EngineEvent)
    expect(engine.calls).toEqual([])
    push({ event: 'limits.changed', payload: { siteId: 's1' } } as EngineEvent)
    expect(engine.calls).toEqual([{ command: 'limits.get', input: { siteId: 's1' } }])
  })
})

describe('telemetry slice', () => {
  it('keeps the last 1200 live points of the current site and ignores other sites', () => {
    useStore.setState({ currentSiteId: 's1', telemetrySiteId: 's1' })
    push({ event: 'telemetry.points', payload: { siteId: 's1', points: Array.from({ length: 1000 }, (_, i) => point(i)) } })
    push({ event: 'telemetry.points', payload: { siteId: 's2', points: [point(5000)] } })
    push({ event: 'telemetry.points', payload: { siteId: 's1', points: Array.from({ length: 300 }, (_, i) => point(1000 + i)) } })
    const ts = useStore.getState().telemetryPoints.map((p) => p.t)
    expect(ts).toHaveLength(1200)
    expect([ts[0], ts.at(-1)]).toEqual([100, 1299])
  })

  it('puts the history first and the live points that arrived meanwhile after it, without repeats', async () => {
    let release: (a: Answer) => void = () => undefined
    answer('telemetry.start', { link: { state: 'reporting' } })
    engine.answers.set('telemetry.history', () => new Promise<Answer>((resolve) => (release = resolve)))
    useStore.setState({ currentSiteId: 's1', telemetrySiteId: 'old', telemetryPoints: [point(1)] })
    const loading = useStore.getState().loadTelemetry()
    await vi.waitFor(() => expect(engine.calls.map((c) => c.command)).toContain('telemetry.history'))
    push({ event: 'telemetry.points', payload: { siteId: 's1', points: [point(30), point(40)] } })
    release({ ok: true, value: [point(10), point(20), point(30)] })
    await loading
    expect(useStore.getState().telemetryPoints.map((p) => p.t)).toEqual([10, 20, 30, 40])
    expect(useStore.getState().telemetryStatus).toEqual({ link: { state: 'reporting' } })
  })
})
