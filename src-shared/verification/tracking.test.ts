import { describe, expect, it } from 'vitest'
import { curtailedBeyondNeed, raiseFollowing, setpointReversals, trackingFigures, type TrackingContext, type TrackingPoint } from './tracking'

const ctx: TrackingContext = { mode: 'expLimW', capacityW: 5000, toleranceW: 50 }

/** One point a second for `seconds` seconds from `from`. */
function series(seconds: number, at: (t: number) => Partial<TrackingPoint>, from = 0): TrackingPoint[] {
  return Array.from({ length: seconds }, (_, i) => ({ t: from + i, target: 3000, ramped: 3000, measured: 2000, derW: 2500, commandedW: 2500, ...at(from + i) }))
}

describe('setpointReversals (issue 11: hunting)', () => {
  it('counts each change of direction of the setpoint', () => {
    // 1000 -> 1500 -> 1000 -> 1500 -> 1000, one value every 15 s: up, down, up, down = 3 reversals in 60 s.
    const points = [0, 15, 30, 45, 60].map((t, i) => ({ t, target: 0, ramped: 0, measured: 0, derW: 0, commandedW: i % 2 ? 1500 : 1000 }))
    expect(setpointReversals(points, 5000)).toEqual({ reversals: 3, perMinute: 3, observedS: 60 })
  })

  it('a steady ramp and noise inside the deadband are no reversals', () => {
    expect(setpointReversals(series(61, (t) => ({ commandedW: 1000 + 28 * t })), 5000).reversals).toBe(0)
    expect(setpointReversals(series(61, (t) => ({ commandedW: 1000 + (t % 2 ? 9 : -9) })), 5000).reversals).toBe(0)
  })

  it('a setpoint swinging 0 W -> 1 kW -> 0 W every 4 s (the demo hunting case) reverses 29 times a minute', () => {
    // Tops at 2, 6, ..., 58 s (15) and bottoms at 4, ..., 56 s (14; the one at 60 s has nothing after it).
    const points = series(61, (t) => ({ commandedW: [0, 500, 1000, 500][t % 4] }))
    expect(setpointReversals(points, 5000)).toEqual({ reversals: 29, perMinute: 29, observedS: 60 })
  })

  it('counts "unlimited" as the rating', () => {
    const points = series(3, (t) => ({ commandedW: [4000, Infinity, 4000][t] }))
    expect(setpointReversals(points, 5000).reversals).toBe(1)
  })
})

describe('curtailedBeyondNeed (issue 11: energy thrown away)', () => {
  it('integrates the generation withheld below the limit', () => {
    // 1000 W headroom, setpoint 2500 W binds (the inverters make 2500 W) -> 1000 W withheld for 9 intervals of 1 s.
    const out = curtailedBeyondNeed(series(10, () => ({})), ctx)
    expect(out.curtailedWh).toBeCloseTo(2.5, 9)
    expect(out.generatedWh).toBeCloseTo(6.25, 9)
    expect(out.curtailedPct).toBeCloseTo((2.5 * 100) / 8.75, 9)
    expect(out.curtailedS).toBe(9)
  })

  it('withholds no more than the rating allows', () => {
    // Setpoint 4800 W of a 5000 W rating: only 200 W more was possible, whatever the headroom.
    const out = curtailedBeyondNeed(series(10, () => ({ commandedW: 4800, derW: 4800, measured: 0 })), ctx)
    expect(out.curtailedWh).toBeCloseTo((200 * 9) / 3600, 9)
  })

  it('is zero when the site is at its limit, the inverters run free, or they make less than allowed', () => {
    expect(curtailedBeyondNeed(series(10, () => ({ measured: 2960 })), ctx).curtailedWh).toBe(0)
    expect(curtailedBeyondNeed(series(10, () => ({ commandedW: Infinity })), ctx).curtailedWh).toBe(0)
    expect(curtailedBeyondNeed(series(10, () => ({ derW: 1500 })), ctx).curtailedWh).toBe(0)
  })

  it('does not integrate over a gap in the records', () => {
    const points = [...series(2, () => ({})), ...series(2, () => ({}), 600)]
    // 1 s + at most 5 s over the gap + 1 s.
    expect(curtailedBeyondNeed(points, ctx).curtailedS).toBe(7)
  })
})

describe('raiseFollowing (time to follow a raise)', () => {
  // Target 1500 W until 10 s, then 5000 W ramped at 100 W/s (reaches it at 45 s).
  const ramp = (t: number) => (t < 10 ? { target: 1500, ramped: 1500 } : { target: 5000, ramped: Math.min(5000, 1500 + 100 * (t - 10)) })

  it('times the site from the raise to the limit', () => {
    // Stuck at 1500 W (held back) until 20 s, then 30 W under the ramped limit.
    const points = series(80, (t) => {
      const r = ramp(t)
      const measured = t < 20 ? 1500 : r.ramped - 30
      return { ...r, measured, derW: measured + 400, commandedW: measured + 400 }
    })
    expect(raiseFollowing(points, ctx)).toEqual([expect.objectContaining({ atS: 10, fromW: 1500, toW: 5000, outcome: 'at-limit', settledAfterS: 10, targetReached: true })])
  })

  it('says so when the site never tried to reach the raised limit', () => {
    const points = series(80, (t) => ({ ...ramp(t), measured: 1500, derW: 1900, commandedW: 1900 }))
    const [raise] = raiseFollowing(points, ctx)
    expect(raise).toMatchObject({ outcome: 'did-not-try', targetReached: false })
    expect(raise?.text).toMatch(/^the site did not try to reach the raised limit: the generation setpoint stayed at 1900 W/)
  })

  it('a site out of generation below the limit is not blamed, but the unreached target is noted', () => {
    // Only 3400 W available: the setpoint follows the ramp + 400 W, the inverters stop at 3400 W (export 3000 W).
    const points = series(80, (t) => {
      const r = ramp(t)
      const commandedW = Math.min(5000, r.ramped + 400)
      const derW = Math.min(3400, commandedW)
      return { ...r, measured: derW - 400, derW, commandedW }
    })
    const [raise] = raiseFollowing(points, ctx)
    expect(raise).toMatchObject({ outcome: 'generation-limited', targetReached: false, peakW: 3000 })
    const figures = trackingFigures(points, ctx)
    expect(figures.notes).toEqual([expect.stringMatching(/^The 5000 W step at 10 s was never reached: the inverters gave all they had/)])
    expect(figures.curtailment?.curtailedWh).toBe(0)
  })

  it('a decrease of the target is not a raise', () => {
    const points = series(30, (t) => (t < 10 ? { target: 5000, ramped: 5000 } : { target: 1000, ramped: 1000, measured: 900 }))
    expect(raiseFollowing(points, ctx)).toEqual([])
  })
})

describe('trackingFigures', () => {
  it('gives only the oscillation for modes that cannot hold generation back', () => {
    const figures = trackingFigures(series(10, () => ({})), { ...ctx, mode: 'impLimW' })
    expect(figures).toEqual({ advisory: true, oscillation: expect.objectContaining({ reversals: 0 }), raises: [], notes: [] })
  })
})
