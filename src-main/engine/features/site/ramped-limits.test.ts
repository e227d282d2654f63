import { describe, expect, it } from 'vitest'
import { resolveSchedule } from '../../../../src-shared/controls/scheduler/resolve'
import type { ProgramInput } from '../../../../src-shared/controls/types'
import { createRampedLimits } from './ramped-limits'

const T0 = 1_800_000_000 // UTC seconds
// Handbook figure 6: 10 kW of DER, default export 1.5 kW, 5 kW from 30 s to 350 s, 10 kW from 350 s to 650 s.
const program: ProgramInput = {
  id: 'P',
  mRID: 'P',
  primacy: 1,
  defaultControl: { modes: { expLimW: 1500, impLimW: 4000 } },
  events: [
    { mRID: 'E1', programId: 'P', creationTime: T0 - 100, currentStatus: 0, start: T0 + 30, duration: 320, modes: { expLimW: 5000 } },
    { mRID: 'E2', programId: 'P', creationTime: T0 - 100, currentStatus: 0, start: T0 + 350, duration: 300, modes: { expLimW: 10_000 } },
  ],
}

const limits = () =>
  createRampedLimits({
    resolve: (atMs) => resolveSchedule({ programs: [program], fixed: { expLimW: 1500, impLimW: 1500 }, now: atMs / 1000, draws: {}, horizonS: 3600 }),
    capacityW: () => 10_000,
    setGradW: () => undefined,
  })

describe('ramped limits for the site controller (CTL-5, SITE-1)', () => {
  it('follows the figure 6 ramp at 28 W/s, rebuilt every second without losing the ramp', () => {
    const source = limits()
    const seen: number[] = []
    for (let t = 0; t <= 1000; t++) seen.push(source.at((T0 + t) * 1000).expLimW ?? NaN)
    expect(seen[0]).toBeCloseTo(1500, 6)
    // 1500 + 28 x (100 - 30) = 3460
    expect(seen[100]).toBeCloseTo(3460, 3)
    expect(seen[155]).toBeCloseTo(5000, 3)
    // 5000 + 28 x (450 - 350) = 7800
    expect(seen[450]).toBeCloseTo(7800, 3)
    // back down at setGradW: 10000 - 28 x (800 - 650) = 5800
    expect(seen[800]).toBeCloseTo(5800, 3)
    expect(seen[1000]).toBeCloseTo(1500, 3)
    // No jumps: never more than 28 W between seconds.
    for (let t = 1; t < seen.length; t++) expect(Math.abs((seen[t] ?? 0) - (seen[t - 1] ?? 0))).toBeLessThanOrEqual(28 + 1e-6)
  })

  it('passes other modes through: the default import, unlimited generation, connect and energize on', () => {
    const now = limits().at((T0 + 100) * 1000)
    expect(now.impLimW).toBeCloseTo(4000, 6)
    expect(now.genLimW).toBeUndefined()
    expect(now).toMatchObject({ connect: true, energize: true })
  })
})
