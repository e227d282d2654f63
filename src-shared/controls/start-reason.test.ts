import { describe, expect, it } from 'vitest'
import { BOOT_TIME_TOLERANCE_MS, parseBootFacts, startReasonFor } from './start-reason'

const BOOT = Date.UTC(2026, 0, 15, 6, 0)

describe('start reason from the machine boot (handbook 11.2, ALL-30)', () => {
  it('a process restart in the same boot (same boot id) is an ordinary restart', () => {
    expect(startReasonFor({ bootId: 'a', bootTimeMs: BOOT }, { bootId: 'a', bootTimeMs: BOOT + 900 }).reason).toBe('restart')
  })

  it('a new boot id means the machine was off: power-outage start, whatever the boot times say', () => {
    expect(startReasonFor({ bootId: 'a', bootTimeMs: BOOT }, { bootId: 'b', bootTimeMs: BOOT }).reason).toBe('power-outage')
  })

  it('without boot ids the boot time decides, within the tolerance', () => {
    expect(startReasonFor({ bootTimeMs: BOOT }, { bootTimeMs: BOOT + BOOT_TIME_TOLERANCE_MS }).reason).toBe('restart')
    expect(startReasonFor({ bootTimeMs: BOOT }, { bootTimeMs: BOOT + BOOT_TIME_TOLERANCE_MS + 1 }).reason).toBe('power-outage')
    expect(startReasonFor({ bootId: 'a', bootTimeMs: BOOT }, { bootTimeMs: BOOT + 3_600_000 }).reason).toBe('power-outage')
  })

  it('the first start in a data folder has nothing stored to discard: restart, said so', () => {
    expect(startReasonFor(undefined, { bootId: 'a', bootTimeMs: BOOT })).toEqual({ reason: 'restart', why: expect.stringContaining('no earlier start') as string })
  })

  it('a damaged record reads as none', () => {
    expect(parseBootFacts({ bootTimeMs: 'x' })).toBeUndefined()
    expect(parseBootFacts(null)).toBeUndefined()
    expect(parseBootFacts({ bootId: '', bootTimeMs: 5 })).toEqual({ bootTimeMs: 5 })
    expect(parseBootFacts({ bootId: 'a', bootTimeMs: 5 })).toEqual({ bootId: 'a', bootTimeMs: 5 })
  })
})
