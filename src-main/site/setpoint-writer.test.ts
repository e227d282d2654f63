/**
 * Issue 11 item 5: an inverter that has no way to disconnect (neither SunSpec model 123 nor 703) gets a disconnect
 * control reported as CONTROL_NOT_SUPPORTED once, and its 0 % limit – what holds it off instead – is still written.
 */
import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { ControlResult, ControlTarget } from '../devices/control'
import { ControlNotSupportedError } from '../devices/control-errors'
import type { ModbusTransport } from '../modbus/transport'
import type { DeviceControls } from './ports'
import { SetpointWriter, type WriteOutcome } from './setpoint-writer'

const RESULT = { model: 704, wrote: [], readBack: { id: 704, address: 0, length: 0, label: '', root: { points: {}, groups: {} } } } as unknown as ControlResult

describe('setpoint writer and inverters without a disconnect (issue 11 item 5)', () => {
  it('reports the unsupported disconnect once and still writes the 0 % limit', async () => {
    const limits: (number | undefined)[] = []
    let connectCalls = 0
    const controls: DeviceControls = {
      setActivePowerLimit: async (_t, req) => {
        limits.push(req.percent)
        return RESULT
      },
      setConnected: async (t) => {
        connectCalls++
        throw new ControlNotSupportedError(t.unitId, 'connect/disconnect', 'it offers neither SunSpec model 123 (Conn) nor model 703 (enter service)')
      },
      setStorageRates: async () => RESULT,
    }
    const outcomes: WriteOutcome[] = []
    const clock = new FakeClock(0)
    const writer = new SetpointWriter({ clock, controls, onWrite: (o) => outcomes.push(o) })
    const target: ControlTarget = { transport: {} as ModbusTransport, unitId: 2, models: [] }
    const inverter = { id: 'inv-704', ratedW: 3000, target }
    writer.applyInverter(inverter, { id: 'inv-704', limitW: 0, percent: 0, connect: false })
    await writer.idle()
    expect(limits).toEqual([0])
    expect(outcomes.map((o) => [o.kind, o.ok, o.ok ? undefined : o.error.code])).toEqual([
      ['connect', false, 'CONTROL_NOT_SUPPORTED'],
      ['limit', true, undefined],
    ])
    clock.advance(5000)
    writer.applyInverter(inverter, { id: 'inv-704', limitW: 0, percent: 0, connect: false })
    await writer.idle()
    expect(connectCalls).toBe(1)
  })
})
