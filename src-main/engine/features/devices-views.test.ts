import { describe, expect, it } from 'vitest'
import type { DeviceRole } from '../../../src-shared/contract/devices'
import type { MeterReading } from '../../../src-shared/devices/meter-profile'
import type { SiteSample } from '../../devices'
import type { StoredDevice } from '../../storage/devices-repo'
import { BATTERY_HINT, describeWhere, roleLabels, toLiveSample } from './devices-views'

const stored = (id: string, role: DeviceRole): StoredDevice => ({
  id,
  siteId: 's',
  position: 1,
  name: id,
  connection: { kind: 'tcp', host: '10.0.0.5', port: 502 },
  unitId: 3,
  timeoutMs: 1000,
  meterProfile: null,
  role,
  discovery: null,
  lastError: null,
})

function meter(w: Record<'A' | 'B' | 'C', number>): MeterReading {
  const phase = (p: 'A' | 'B' | 'C') => ({ W: w[p], V: 240, A: Math.abs(w[p]) / 240, PF: 0.99 })
  return { phases: { A: phase('A'), B: phase('B'), C: phase('C') }, total: { W: w.A + w.B + w.C, Hz: 50 } }
}

function sample(site: MeterReading | undefined, derW: number): SiteSample {
  return {
    seq: 7,
    at: 1000,
    mono: 1000,
    roundMs: 20,
    periodMs: 200,
    site,
    der: { W: derW, var: undefined, VA: undefined, V: 240, Hz: 50, energyWh: undefined, reporting: 1, live: 1 },
    devices: [
      { deviceId: 'm', role: 'site-meter', ok: true, der: undefined, meter: site },
      { deviceId: 'i', role: 'inverter', ok: false, error: { code: 'MODBUS_TIMEOUT', message: 'No reply to read within 1000 ms' } },
    ],
    gap: { intervalMs: undefined, missing: ['i'] },
  }
}

describe('device views', () => {
  it('numbers inverters, batteries and chargers, not the site meter', () => {
    const labels = roleLabels([stored('m', 'site-meter'), stored('a', 'inverter'), stored('b', 'inverter'), stored('x', 'none'), stored('c', 'battery')])
    expect([...labels.values()]).toEqual(['Site meter', 'Inverter 1', 'Inverter 2', 'Not used', 'Battery 1'])
  })

  it('says where a device is, per bus kind', () => {
    expect(describeWhere(stored('a', 'inverter'))).toBe('Modbus TCP 10.0.0.5:502 unit 3')
    expect(describeWhere({ connection: { kind: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'even', stopBits: 1 }, unitId: 1 })).toBe('Modbus RTU /dev/ttyUSB0 9600 8E1 unit 1')
    expect(describeWhere({ connection: { kind: 'simulator' }, unitId: 4 })).toBe('Built-in device simulator unit 4')
  })

  it('keeps the site sign convention in the live sample and names a silent device (handbook 10.8.2)', () => {
    const live = toLiveSample('s', sample(meter({ A: -900, B: -800, C: -700 }), 3000))
    expect(live.site?.W).toBe(-2400)
    expect(live.site?.phases.B).toEqual({ W: -800, V: 240, A: 800 / 240 })
    expect(live.der.W).toBe(3000)
    expect(live.devices[1]).toEqual({ deviceId: 'i', ok: false, W: null, V: null, Hz: null, error: 'No reply to read within 1000 ms' })
    expect(live.gap).toEqual({ intervalMs: null, missing: ['i'] })
    expect(live.orientation?.verdict).toBe('ok')
  })

  it('reports a reversed CT in words when a phase reads import while exporting', () => {
    const live = toLiveSample('s', sample(meter({ A: -900, B: 800, C: -700 }), 3000))
    expect(live.orientation).toMatchObject({ verdict: 'ct-reversed', phases: ['B'] })
    expect(live.orientation?.words).toContain('reversed')
  })

  it('has no site values and no CT check without a site meter', () => {
    const live = toLiveSample('s', sample(undefined, 3000))
    expect(live.site).toBeNull()
    expect(live.orientation).toBeNull()
  })
})

describe('the CT check in words (issue 17 item 6)', () => {
  it('says to set a battery "Not used" when the check cannot conclude while a battery soaks up the surplus', () => {
    const balanced = meter({ A: 20, B: 20, C: 20 })
    const withBattery = sample(balanced, 300)
    withBattery.devices.push({ deviceId: 'b', role: 'battery', ok: true, der: undefined, meter: undefined })
    const live = toLiveSample('s', withBattery)
    expect(live.orientation).toMatchObject({ verdict: 'inconclusive' })
    expect(live.orientation?.words).toContain(BATTERY_HINT)
    expect(toLiveSample('s', sample(balanced, 300)).orientation?.words).not.toContain(BATTERY_HINT)
  })
})
