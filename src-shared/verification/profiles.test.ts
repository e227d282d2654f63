import { describe, expect, it } from 'vitest'
import { PRESETS, profileEnvelope, validateCustomProfile, type VerificationProfile } from './profiles'

const preset = (id: string): VerificationProfile => {
  const found = PRESETS.find((p) => p.id === id)
  if (!found) throw new Error(`no preset ${id}`)
  return found
}

describe('verification profiles (APP-3)', () => {
  it('figure 6 preset gives the handbook ramp at 28 W/s on a 10 kW site', () => {
    // 0.28 %/s of 10 kW = 28 W/s (handbook 11.3).
    const envelope = profileEnvelope(preset('figure6'), { defaultW: 1500, capacityW: 10_000 })
    expect(envelope.at(30).ramped).toBeCloseTo(1500, 6)
    // 1500 + 28 x (92.5 - 30) = 3250
    expect(envelope.at(92.5).ramped).toBeCloseTo(3250, 6)
    // (5000 - 1500) / 28 = 125 s after 30 s
    expect(envelope.at(155).ramped).toBeCloseTo(5000, 6)
    expect(envelope.at(300)).toEqual({ target: 5000, ramped: 5000 })
    // 5000 + 28 x (450 - 350) = 7800
    expect(envelope.at(450).ramped).toBeCloseTo(7800, 6)
    expect(envelope.at(650).ramped).toBeCloseTo(10_000, 6)
    // back to the default at setGradW: 10000 - 28 x (800 - 650) = 5800
    expect(envelope.at(800)).toEqual({ target: 1500, ramped: expect.closeTo(5800, 6) })
    expect(envelope.at(960).ramped).toBeCloseTo(1500, 6)
  })

  it('a rampTms step takes the whole change in rampTms/100 seconds', () => {
    const profile = validateCustomProfile({ name: 'fast', mode: 'expLimW', steps: [{ atS: 10, value: 6500, rampTms: 1000 }], durationS: 100 })
    if (!profile.ok) throw new Error(profile.error.message)
    const envelope = profileEnvelope(profile.value, { defaultW: 1500, capacityW: 10_000 })
    // 5000 W over 10 s: 500 W/s
    expect(envelope.at(15).ramped).toBeCloseTo(4000, 6)
    expect(envelope.at(20).ramped).toBeCloseTo(6500, 6)
  })

  it('disconnect allows nothing at once and the default again on reconnect', () => {
    const envelope = profileEnvelope(preset('disconnect'), { defaultW: 5000, capacityW: 5000, setGradW: 0 })
    expect(envelope.at(29).ramped).toBe(5000)
    expect(envelope.at(30).ramped).toBe(0)
    expect(envelope.at(179).ramped).toBe(0)
    expect(envelope.at(180).ramped).toBe(5000)
  })

  it('every preset is a valid profile', () => {
    for (const p of PRESETS) expect(validateCustomProfile(p)).toMatchObject({ ok: true })
  })

  it('names the row and the problem in a bad custom profile', () => {
    const base = { name: 'x', mode: 'expLimW' as const, durationS: 600 }
    expect(validateCustomProfile({ ...base, steps: [{ atS: 30, value: 1000 }, { atS: 20, value: 0 }] })).toMatchObject({ ok: false, error: { code: 'PROFILE_STEP', message: expect.stringContaining('Step 2: steps must be in time order') } })
    expect(validateCustomProfile({ ...base, steps: [{ atS: 30, value: true }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('takes watts') } })
    expect(validateCustomProfile({ ...base, mode: 'connect', steps: [{ atS: 30, value: 100 }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('on/off') } })
    expect(validateCustomProfile({ ...base, steps: [{ atS: 30, value: 100, rampTms: 70_000 }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('rampTms') } })
    expect(validateCustomProfile({ ...base, steps: [{ atS: 700, value: 100 }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('within the run') } })
    expect(validateCustomProfile({ ...base, steps: [] })).toMatchObject({ ok: false, error: { code: 'PROFILE_EMPTY' } })
  })
})
