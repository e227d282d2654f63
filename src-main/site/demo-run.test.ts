/** `run --demo` simulates the same PV as the app's demo (issue 17 item 7): fixed availability, not by time of day. */
import { afterEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { DEMO_PV_AVAILABILITY } from '../demo/demo-site'
import { startDemoSimulators, type DemoSimulators } from './demo-run'

const MIDNIGHT_QLD = Date.UTC(2026, 0, 15, 14, 0)

let demo: DemoSimulators | undefined
afterEach(async () => {
  await demo?.close()
  demo = undefined
})

/** Let the inverters' own ramp settle on the availability they see. */
function settle(clock: FakeClock, d: DemoSimulators): void {
  for (let i = 0; i < 600; i++) {
    clock.advance(100)
    d.devices.step()
  }
}

const inverterW = (d: DemoSimulators): number => (d.devices.inverterOutputW(1) ?? 0) + (d.devices.inverterOutputW(2) ?? 0)

describe('the headless demo simulators', () => {
  it("generate the app's demo PV at midnight in Queensland, where PV by time of day would be 0 W", async () => {
    const clock = new FakeClock(MIDNIGHT_QLD)
    demo = await startDemoSimulators({ clock })
    settle(clock, demo)
    expect(DEMO_PV_AVAILABILITY).toBeGreaterThan(0)
    expect(inverterW(demo)).toBeGreaterThan(1000)
  }, 60_000)

  it('take an explicit PV availability (--pv)', async () => {
    const clock = new FakeClock(MIDNIGHT_QLD)
    demo = await startDemoSimulators({ clock, scenario: { pvAvailability: 0 } })
    settle(clock, demo)
    expect(inverterW(demo)).toBe(0)
  }, 60_000)
})
