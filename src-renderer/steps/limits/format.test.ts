import { describe, expect, it } from 'vitest'
import { countdownText, shortMrid, sourceLabel, valueLabel } from './format'

describe('Limits step formatting (APP-2)', () => {
  it('counts down in seconds, minutes and hours', () => {
    expect(countdownText(0)).toBe('0 s')
    expect(countdownText(-5000)).toBe('0 s')
    expect(countdownText(59_400)).toBe('59 s')
    expect(countdownText(59_600)).toBe('1 min 00 s')
    expect(countdownText(245_000)).toBe('4 min 05 s')
    expect(countdownText(3_720_000)).toBe('1 h 02 min')
    expect(countdownText(86_400_000)).toBe('24 h 00 min')
  })

  it('shortens a 32-digit mRID to its first 8 and last 4 digits', () => {
    expect(shortMrid('DC1B27AC943B44AC87DAF7E162B6F6D4')).toBe('DC1B27AC…F6D4')
    expect(shortMrid('ABCDEF012345')).toBe('ABCDEF012345')
  })

  it('names each source of a limit', () => {
    expect(sourceLabel({ kind: 'event', mRID: 'DC1B27AC943B44AC87DAF7E162B6F6D4', primacy: 1, programId: '/derp/0' })).toBe('Event DC1B27AC…F6D4')
    expect(sourceLabel({ kind: 'default', programId: '/derp/0' })).toBe('Default control')
    expect(sourceLabel({ kind: 'fixed' })).toBe('Fixed limit')
    expect(sourceLabel({ kind: 'implied' })).toBe('Implied default')
  })

  it("shows the engine's text for a value, and 'not set' for none", () => {
    expect(valueLabel(1500, '1500 W')).toBe('1500 W')
    expect(valueLabel('unlimited', 'unlimited')).toBe('unlimited')
    expect(valueLabel(false, 'off')).toBe('off')
    expect(valueLabel(0, '0 W')).toBe('0 W')
    expect(valueLabel(null, '')).toBe('not set')
  })
})
