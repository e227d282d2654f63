import { describe, expect, it } from 'vitest'
import { createSystemClock } from './system-clock'

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

describe('system clock (REL-3)', () => {
  it("a pending timer holds the process open (an unref'd one let `run` and `discover` end with code 13)", () => {
    const clock = createSystemClock()
    const before = timeouts()
    const id = clock.setTimeout(() => undefined, 60_000)
    expect(timeouts()).toBe(before + 1)
    clock.clearTimeout(id)
    expect(timeouts()).toBe(before)
  })

  it('fires, and forgets the timer once fired', async () => {
    const clock = createSystemClock()
    await new Promise<void>((done) => clock.setTimeout(done, 1))
    expect(typeof clock.now()).toBe('number')
  })
})
