import { describe, expect, it } from 'vitest'
import { decide } from './decide'
import {
  DEFAULT_CONTROLLER_SETTINGS,
  INITIAL_CONTROLLER_STATE,
  type BatteryInput,
  type ControllerInput,
  type ControllerState,
  type InverterInput,
} from './types'

const NOW = Date.UTC(2026, 0, 15, 2, 0)
const S = DEFAULT_CONTROLLER_SETTINGS // deadband 50, step 500, smoothing 0.5, timeout 5 s, margin 100

function inverter(id: string, ratedW: number, outputW: number, extra: Partial<InverterInput> = {}): InverterInput {
  return { id, ratedW, outputW, limitW: undefined, online: true, lastSeenMs: NOW, controllable: true, ...extra }
}

function battery(id: string, ratedChargeW: number, powerW: number, extra: Partial<BatteryInput> = {}): BatteryInput {
  return { id, ratedChargeW, powerW, online: true, lastSeenMs: NOW, ...extra }
}

function input(extra: Partial<ControllerInput>): ControllerInput {
  return {
    nowMs: NOW,
    meter: { atMs: NOW, phasesW: { a: 0, b: 0, c: 0 } },
    inverters: [inverter('inv-5k', 5000, 3000), inverter('inv-3k', 3000, 3000)],
    batteries: [],
    envelope: {},
    fixed: { expLimW: 1500 },
    settings: S,
    state: INITIAL_CONTROLLER_STATE,
    ...extra,
  }
}

const meterW = (totalW: number) => ({ atMs: NOW, phasesW: { a: totalW / 2, b: totalW / 4, c: totalW / 4 } })
const limited = (generationW: number | undefined): ControllerState => ({
  kind: 'limited',
  sinceMs: NOW - 10_000,
  commanded: { generationW, chargeW: undefined },
  binding: ['export'],
})

interface Row {
  name: string
  given: Partial<ControllerInput>
  kind: ControllerState['kind']
  generationW: number | undefined
  chargeW?: number | undefined
  percents?: (number | undefined)[]
  connect?: boolean
}

// SITE-1: the export limit on the site meter, shared by rating; 8 kW of inverters produce 6 kW throughout.
const rows: Row[] = [
  { name: 'no limits: inverters run free', given: {}, kind: 'following', generationW: undefined, percents: [undefined, undefined] },
  {
    name: 'export 5000 W against a 1500 W limit: cap = P + G + ExpLim - margin = -5000 + 6000 + 1500 - 100',
    given: { meter: meterW(-5000), envelope: { expLimW: 1500 } },
    kind: 'limited',
    generationW: 2400,
    percents: [30, 30],
  },
  {
    name: 'a limit above what the site could export does not bind',
    given: { meter: meterW(-5000), envelope: { expLimW: 10_000 } },
    kind: 'following',
    generationW: undefined,
  },
  {
    // Issue 11: the margin never aims below zero export (a self-consumption battery covering the import would make
    // the controller cut a margin at a time down to nothing); the old 900 W expectation encoded that defect.
    name: 'zero export: generation follows the load (1000 W), no margin below zero export',
    given: { meter: meterW(-5000), envelope: { expLimW: 0 } },
    kind: 'limited',
    generationW: 1000,
  },
  {
    name: 'raising: smoothing closes half the gap but at most maxStepW (500 W) per decision',
    given: { meter: meterW(-1000), envelope: { expLimW: 2000 }, state: limited(2400) },
    kind: 'following', // the inverters make 6000 W, well under the 6900 W cap: nothing binds

    generationW: 2900,
  },
  {
    name: 'raising by less than the deadband: held',
    given: { meter: meterW(-3570), envelope: { expLimW: 0 }, state: limited(2400) }, // cap 2430
    kind: 'limited',
    generationW: 2400,
  },
  {
    name: 'cutting by less than the deadband: held (the margin covers it)',
    given: { meter: meterW(-3620), envelope: { expLimW: 0 }, state: limited(2400) }, // cap 2380
    kind: 'limited',
    generationW: 2400,
  },
  {
    name: 'cutting by more than the deadband: at once, never smoothed',
    given: { meter: meterW(-1100), envelope: { expLimW: 0 }, state: limited(7000) }, // cap 4900
    kind: 'limited',
    generationW: 4900,
  },
  {
    name: 'an inverter that cannot be limited: its output is taken off the others\' share',
    given: {
      meter: meterW(-5000),
      envelope: { expLimW: 1500 },
      inverters: [inverter('inv-5k', 5000, 3000), inverter('old', 3000, 3000, { controllable: false })],
    },
    kind: 'limited',
    generationW: 0, // -5000 + 6000 + 1500 - 100 - 3000 < 0
    percents: [0, undefined],
  },
  {
    name: 'generation limit 3000 W with the battery discharging 1000 W',
    given: { envelope: { genLimW: 3000 }, batteries: [battery('bat', 5000, 1000)] },
    kind: 'limited',
    generationW: 2000,
    chargeW: undefined,
  },
  {
    name: 'connect false: every inverter to 0 % and disconnected',
    given: { envelope: { connect: false } },
    kind: 'limited',
    generationW: 0,
    percents: [0, 0],
    connect: false,
  },
  {
    name: 'energize false: the same',
    given: { envelope: { energize: false, expLimW: 10_000 } },
    kind: 'limited',
    generationW: 0,
    connect: false,
  },
  {
    name: 'import limit: charging allowed up to ImpLim - (P + B) - margin = 5000 - (6000 - 4000) - 100',
    given: { meter: meterW(6000), envelope: { impLimW: 5000 }, batteries: [battery('bat', 5000, -4000)] },
    kind: 'limited',
    generationW: undefined,
    chargeW: 2900,
  },
  {
    name: 'import limit, battery power not reported: it is taken to charge at the last command (2000 W)',
    given: {
      meter: meterW(6000),
      envelope: { impLimW: 5000 },
      batteries: [battery('bat', 5000, 0, { powerW: undefined })],
      state: { kind: 'limited', sinceMs: NOW, commanded: { generationW: undefined, chargeW: 2000 }, binding: ['import'] },
    },
    kind: 'limited',
    generationW: undefined,
    chargeW: 900, // 5000 - (6000 - 2000) - 100
  },
  {
    name: 'load limit 1000 W caps charging',
    given: { envelope: { loadLimW: 1000 }, batteries: [battery('bat', 5000, -3000)] },
    kind: 'limited',
    generationW: undefined,
    chargeW: 1000,
  },
  {
    name: 'a 1500 W export limit at night binds nothing (no generation to hold back)',
    given: { meter: meterW(800), envelope: { expLimW: 1500 }, inverters: [inverter('inv-5k', 5000, 0), inverter('inv-3k', 3000, 0)] },
    kind: 'following',
    generationW: 2200,
  },
  {
    name: 'import limit that does not bind: batteries run free',
    given: { meter: meterW(500), envelope: { impLimW: 20_000 }, batteries: [battery('bat', 5000, 0)] },
    kind: 'following',
    generationW: undefined,
    chargeW: undefined,
  },
]

describe('site controller decision (SITE-1)', () => {
  it.each(rows)('$name', (row) => {
    const out = decide(input(row.given))
    expect(out.state.kind).toBe(row.kind)
    expect(out.state.commanded.generationW).toBe(row.generationW)
    if ('chargeW' in row) expect(out.state.commanded.chargeW).toBe(row.chargeW)
    if (row.percents) expect(out.inverters.map((i) => i.percent)).toEqual(row.percents)
    expect(out.inverters.every((i) => i.connect === (row.connect ?? true))).toBe(true)
  })

  it('shares a limit in proportion to ratings: 2400 W over 5 kW + 3 kW -> 1500 W + 900 W', () => {
    const out = decide(input({ meter: meterW(-5000), envelope: { expLimW: 1500 } }))
    expect(out.inverters.map((i) => i.limitW)).toEqual([1500, 900])
    expect(out.state.kind === 'limited' && out.state.binding).toEqual(['export'])
  })

  it('shares a charge limit across two batteries by their charge ratings', () => {
    const out = decide(input({ envelope: { loadLimW: 3000 }, batteries: [battery('b1', 5000, 0), battery('b2', 2500, 0)] }))
    expect(out.batteries.map((b) => b.chargeLimitW)).toEqual([2000, 1000])
    expect(out.batteries.map((b) => b.chargePercent)).toEqual([40, 40])
  })

  it('keeps sinceMs while the state kind is unchanged and restarts it on a change', () => {
    const stay = decide(input({ meter: meterW(-5000), envelope: { expLimW: 1500 }, state: limited(2400) }))
    expect(stay.state.sinceMs).toBe(NOW - 10_000)
    const change = decide(input({ state: limited(2400) }))
    expect(change.state.kind).toBe('following')
    expect(change.state.sinceMs).toBe(NOW)
  })
})

describe('fail-safe (SITE-2)', () => {
  const stale = { atMs: NOW - 5001, phasesW: { a: -3000 } }
  it.each([
    { name: 'meter silent for longer than the timeout -> fixed export limit, open loop', meter: stale, fixed: { expLimW: 1500 }, generationW: 1500 },
    { name: 'no fixed export limit -> zero export', meter: stale, fixed: {}, generationW: 0 },
    { name: 'meter never heard from', meter: undefined, fixed: { expLimW: 1500 }, generationW: 1500 },
  ])('$name', ({ meter, fixed, generationW }) => {
    const out = decide(input({ meter, fixed, batteries: [battery('bat', 5000, -2000)] }))
    expect(out.state.kind).toBe('fail-safe')
    expect(out.state.kind === 'fail-safe' && out.state.fault.kind).toBe('meter-silent')
    expect(out.state.commanded.generationW).toBe(generationW)
    expect(out.inverters.map((i) => i.limitW)).toEqual([(generationW * 5) / 8, (generationW * 3) / 8])
    expect(out.batteries[0]?.chargeLimitW).toBe(0)
  })

  it('names the fault and how long the meter has been silent', () => {
    const out = decide(input({ meter: stale }))
    expect(out.state.kind === 'fail-safe' && out.state.fault).toEqual({ kind: 'meter-silent', silentForMs: 5001 })
  })

  it('a meter exactly at the timeout is not yet silent', () => {
    const out = decide(input({ meter: { atMs: NOW - 5000, phasesW: { a: 0 } } }))
    expect(out.state.kind).toBe('following')
  })

  it('a silent inverter -> fail-safe naming it; the loop runs on the fixed limits with the live meter', () => {
    const out = decide(
      input({
        meter: meterW(-5000),
        envelope: { expLimW: 5000 },
        inverters: [inverter('inv-5k', 5000, 3000), inverter('inv-3k', 3000, 3000, { online: false, lastSeenMs: NOW - 6000 })],
      }),
    )
    expect(out.state.kind === 'fail-safe' && out.state.fault).toEqual({ kind: 'device-silent', deviceId: 'inv-3k', silentForMs: 6000 })
    // Fixed 1500 W export instead of the envelope's 5000 W: -5000 + 6000 + 1500 - 100.
    expect(out.state.commanded.generationW).toBe(2400)
  })

  it('a silent battery is named too', () => {
    const out = decide(input({ batteries: [battery('bat', 5000, 0, { lastSeenMs: undefined, online: false })] }))
    expect(out.state.kind === 'fail-safe' && out.state.fault.kind === 'device-silent' && out.state.fault.deviceId).toBe('bat')
  })

  it('leaves fail-safe when data return, raising the setpoint gradually', () => {
    const failSafe: ControllerState = {
      kind: 'fail-safe',
      sinceMs: NOW - 60_000,
      commanded: { generationW: 1500, chargeW: undefined },
      fault: { kind: 'meter-silent', silentForMs: 6000 },
    }
    const out = decide(input({ state: failSafe }))
    expect(out.state.kind).toBe('following')
    expect(out.state.commanded.generationW).toBe(2000)
  })
})

describe('manual override', () => {
  it('writes the installer\'s totals and says why', () => {
    const out = decide(
      input({ envelope: { expLimW: 0 }, manual: { reason: 'GEN-13 step test', generationW: 4000, chargeW: undefined, connect: true } }),
    )
    expect(out.state).toMatchObject({ kind: 'manual', reason: 'GEN-13 step test' })
    expect(out.inverters.map((i) => i.limitW)).toEqual([2500, 1500])
  })
})

describe('no oscillation against a simple plant', () => {
  it('settles under the limit with a steady load and then stops changing the setpoint', () => {
    const loadW = 800
    const rated = [5000, 3000]
    let outputs = [5000 * 0.9, 3000 * 0.9]
    let state: ControllerState = INITIAL_CONTROLLER_STATE
    const commands: (number | undefined)[] = []
    const exports: number[] = []
    for (let k = 0; k < 300; k++) {
      const siteW = loadW - outputs.reduce((a, o) => a + o, 0)
      exports.push(-siteW)
      const out = decide(
        input({
          nowMs: NOW + k * 200,
          meter: { atMs: NOW + k * 200, phasesW: { a: siteW } },
          inverters: rated.map((r, i) => inverter(`i${i}`, r, outputs[i] ?? 0, { lastSeenMs: NOW + k * 200 })),
          envelope: { expLimW: 1500 },
          state,
        }),
      )
      state = out.state
      commands.push(out.state.commanded.generationW)
      // Plant: each inverter moves to min(available 90 %, limit) at 1000 W per 200 ms.
      outputs = out.inverters.map((s, i) => {
        const target = Math.min((rated[i] ?? 0) * 0.9, s.limitW ?? Infinity)
        const o = outputs[i] ?? 0
        return o + Math.max(-1000, Math.min(1000, target - o))
      })
    }
    const settled = commands.slice(20)
    expect(new Set(settled).size).toBe(1)
    expect(Math.max(...exports.slice(5))).toBeLessThanOrEqual(1500)
    expect(exports.at(-1)).toBeCloseTo(1400, 0)
  })
})

describe('import limit against a simple battery plant', () => {
  it('settles the charge rate under the import limit without oscillating when the battery does not report its power', () => {
    const loadW = 3000
    let chargeW = 5000 // charging at full rate when the limit arrives
    let state: ControllerState = INITIAL_CONTROLLER_STATE
    const imports: number[] = []
    const commands: (number | undefined)[] = []
    for (let k = 0; k < 200; k++) {
      const t = NOW + k * 200
      const siteW = loadW + chargeW
      imports.push(siteW)
      const out = decide(
        input({
          nowMs: t,
          meter: { atMs: t, phasesW: { a: siteW } },
          inverters: [],
          batteries: [battery('bat', 5000, 0, { powerW: undefined, lastSeenMs: t })],
          envelope: { impLimW: 5000 },
          state,
        }),
      )
      state = out.state
      commands.push(out.state.commanded.chargeW)
      const limit = out.batteries[0]?.chargeLimitW ?? 5000
      chargeW = chargeW + Math.max(-1000, Math.min(1000, Math.min(5000, limit) - chargeW))
    }
    expect(new Set(commands.slice(20)).size).toBe(1)
    expect(Math.max(...imports.slice(3))).toBeLessThanOrEqual(5000)
    expect(imports.at(-1)).toBeGreaterThan(4800) // within the deadband (50 W) under limit - margin
  })
})

describe('export and import limits with a slow inverter and an unreported battery', () => {
  it('does not raise generation for charging it may cut at once, so export does not swing above the limit', () => {
    // 5 kW of PV available, 800 W of load, a 5 kW battery that charges exactly at the commanded limit (SunSpec model 124
    // reports no power), an inverter that ramps at 200 W/s; export and import limits 1500 W each.
    const loadW = 800
    let pvW = 0
    let chargeW = 0
    let state: ControllerState = INITIAL_CONTROLLER_STATE
    const exports: number[] = []
    const imports: number[] = []
    for (let k = 0; k < 600; k++) {
      const t = NOW + k * 200
      const siteW = loadW + chargeW - pvW
      exports.push(-siteW)
      imports.push(siteW)
      const out = decide(
        input({
          nowMs: t,
          meter: { atMs: t, phasesW: { a: siteW } },
          inverters: [inverter('pv', 5000, pvW, { lastSeenMs: t })],
          batteries: [battery('bat', 5000, 0, { powerW: undefined, lastSeenMs: t })],
          envelope: { expLimW: 1500, impLimW: 1500 },
          state,
        }),
      )
      state = out.state
      const pvLimit = out.inverters[0]?.limitW ?? 5000
      pvW += Math.max(-40, Math.min(40, Math.min(5000, pvLimit) - pvW)) // 200 W/s at 5 Hz
      chargeW = Math.min(5000, out.batteries[0]?.chargeLimitW ?? 5000)
    }
    // After the start-up, export stays under the limit (plus the margin's worth of load noise: none here).
    expect(Math.max(...exports.slice(50))).toBeLessThanOrEqual(1500)
    expect(Math.max(...imports.slice(50))).toBeLessThanOrEqual(1500)
  })
})
