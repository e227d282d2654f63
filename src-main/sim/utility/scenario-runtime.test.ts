/** Scenario data and time: EventStatus as time passes (handbook 10.5.2), the figure scenarios slot by slot, the rolling schedule. */
import { describe, expect, it } from 'vitest'
import { blockControl, rollingControls } from './queensland-generator'
import { BUILT_IN_SCENARIOS, loadScenario, parseScenario } from './scenario-loader'
import { alignedStart, defaultInForce, servedControls, statusAt } from './scenario-runtime'
import type { ScenarioControl } from './scenario-schema'

const control: ScenarioControl = { startS: 600, durationS: 300, modes: { opModExpLimW: 0 } }

describe('EventStatus over time (handbook 10.5.2)', () => {
  it.each([
    [-61, undefined],
    [-60, { status: 0, sinceS: -60 }],
    [599, { status: 0, sinceS: -60 }],
    [600, { status: 1, sinceS: 600 }],
    [899, { status: 1, sinceS: 600 }],
    [900, undefined],
  ])('at t=%i s: %j', (t, expected) => {
    expect(statusAt(control, t)).toEqual(expected)
  })

  it('cancelled and superseded at their times, gone after the end', () => {
    expect(statusAt({ ...control, cancelAtS: 650 }, 649)?.status).toBe(1)
    expect(statusAt({ ...control, cancelAtS: 650 }, 650)).toEqual({ status: 2, sinceS: 650 })
    expect(statusAt({ ...control, supersededAtS: 100 }, 100)).toEqual({ status: 4, sinceS: 100 })
    expect(statusAt({ ...control, status: 'cancelled' }, 0)?.status).toBe(2)
    expect(statusAt({ ...control, cancelAtS: 650 }, 900)).toBeUndefined()
  })

  it('aligns the scenario start to a 5-minute boundary of the clock', () => {
    expect(alignedStart(Date.UTC(2026, 0, 1, 10, 7, 31))).toBe(Date.UTC(2026, 0, 1, 10, 5, 0))
  })
})

describe('built-in scenarios', () => {
  it('all validate', () => {
    for (const name of Object.keys(BUILT_IN_SCENARIOS)) expect(loadScenario(name).name).toBe(name)
  })

  it('refuses an invalid scenario with the path of the problem', () => {
    expect(() => parseScenario({ name: 'x', description: '', programs: [{ id: 'a b', description: '', primacy: 1 }] }, 'bad.json')).toThrow(/programs.0.id/)
    expect(() => loadScenario('/nonexistent/file.json')).toThrow(/No built-in scenario/)
  })

  const startMs = Date.UTC(2026, 0, 1)
  const at = (s: number) => ({ nowMs: startMs + s * 1000, startMs })
  const limits = (name: string, program: string, s: number) => {
    const scenario = loadScenario(name)
    const p = scenario.programs.find((x) => x.id === program)
    if (!p) throw new Error(program)
    return servedControls(scenario, p, at(s)).filter((c) => c.status === 1).map((c) => c.control.modes)
  }

  // figures.md, figure 8: one row per 5-minute slot (mid-slot), Program B then Program A.
  it.each([
    [150, [], []],
    [450, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], []],
    [750, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], [{ opModExpLimW: 0 }]],
    [1050, [], [{ opModExpLimW: 0 }]],
    [1350, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], []],
    [1650, [], []],
    [1950, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], [{ opModGenLimW: 0, opModConnect: false }]],
  ])('figure 8 at %i s: B %j, A %j', (s, b, a) => {
    expect(limits('figure8', 'PROG-B', s)).toEqual(b)
    expect(limits('figure8', 'PROG-A', s)).toEqual(a)
  })

  it('figure 8: the default is not in force in the first slot', () => {
    const program = loadScenario('figure8').programs.find((p) => p.id === 'PROG-A')!
    expect(defaultInForce(program, at(150))).toBe(false)
    expect(defaultInForce(program, at(300))).toBe(true)
  })

  it.each([
    [150, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], []],
    [450, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], [{ opModExpLimW: 0 }]],
    [1050, [{ opModExpLimW: 10000, opModImpLimW: 15000 }], []],
  ])('figure 9 at %i s: B %j, A %j', (s, b, a) => {
    expect(limits('figure9', 'PROG-B', s)).toEqual(b)
    expect(limits('figure9', 'PROG-A', s)).toEqual(a)
  })

  it('figure 10: in the overlapping slots the newer event is listed first (later creationTime)', () => {
    const scenario = loadScenario('figure10')
    const served = servedControls(scenario, scenario.programs[0]!, at(450)).filter((c) => c.status === 1)
    expect(served.map((c) => c.control.description)).toEqual(['older', 'newer'])
    expect(served[1]!.creationTime).toBeGreaterThan(served[0]!.creationTime)
    expect(served[1]!.control.modes).toEqual({ opModExpLimW: 5000, opModImpLimW: 5000 })
  })

  it('figure 6: 5 kW 30-350 s, 10 kW 350-650 s, default 1.5 kW after', () => {
    expect(limits('figure6', 'RAMP', 29)).toEqual([])
    expect(limits('figure6', 'RAMP', 30)).toEqual([{ opModExpLimW: 5000 }])
    expect(limits('figure6', 'RAMP', 350)).toEqual([{ opModExpLimW: 10000 }])
    expect(limits('figure6', 'RAMP', 650)).toEqual([])
    expect(loadScenario('figure6').programs[0]?.default?.modes).toEqual({ opModExpLimW: 1500 })
  })
})

describe('queensland-test rolling schedule (handbook 6.1)', () => {
  it('is the same whenever it is asked for (seeded per block) and rolls on with time', () => {
    expect(blockControl(7, 1000)).toEqual(blockControl(7, 1000))
    const now = Date.UTC(2026, 0, 1, 12)
    const a = rollingControls({ seed: 7, nowMs: now, scenarioStartMs: now })
    const later = rollingControls({ seed: 7, nowMs: now + 3_600_000, scenarioStartMs: now })
    expect(later.find((c) => c.startS === a.at(-1)?.startS)).toEqual(a.at(-1))
    expect(Math.max(...later.map((c) => c.startS))).toBeGreaterThan(Math.max(...a.map((c) => c.startS)))
  })

  it('covers every control kind, leaves gaps for the default and keeps more than 24 events ahead', () => {
    const now = Date.UTC(2026, 0, 1)
    const controls = rollingControls({ seed: 20240601, nowMs: now, scenarioStartMs: now })
    expect(controls.length).toBeGreaterThan(24)
    const kinds = new Set(controls.flatMap((c) => Object.keys(c.modes)))
    expect([...kinds].sort()).toEqual(['opModConnect', 'opModEnergize', 'opModExpLimW', 'opModGenLimW', 'opModImpLimW', 'opModLoadLimW'])
    const sorted = [...controls].sort((x, y) => x.startS - y.startS)
    const gaps = sorted.slice(1).filter((c, i) => c.startS > (sorted[i]!.startS + sorted[i]!.durationS))
    expect(gaps.length).toBeGreaterThan(5)
  })
})
