import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src-shared/api'
import type { DeviceView } from '../../../src-shared/contract/devices'
import { openPtyPair, type PtyPair } from '../../modbus/testing/socat-pair'
import { startDeviceSimulator, type DeviceSimulator } from '../../sim/devices'
import { createEngine, type Engine } from '../create-engine'
import { createSystemClock } from '../system-clock'

/** DEV-1: the Devices API over Modbus RTU, the simulator at the far end of a socat pty pair standing in for an RS-485 line. */
const clock = createSystemClock()
let pair: PtyPair
let sim: DeviceSimulator
let engine: Engine
let dataDir: string

beforeAll(async () => {
  pair = await openPtyPair()
  sim = await startDeviceSimulator({ clock, serialPath: pair.b, baudRate: 9600, scenario: { pvAvailability: 0.8 } })
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-devices-rtu-'))
  engine = createEngine({ dataDir, host: 'cli', clock })
})

afterAll(async () => {
  await engine?.close()
  await sim?.close()
  await pair?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

describe('devices over Modbus RTU (socat pty pair)', () => {
  it('discovers an inverter and the site meter sharing one line, and samples both', async () => {
    const site = await call<{ id: string }>('sites.save', {
      name: 'RTU site',
      installer: { name: 'Pat Installer', licence: 'QLD-123456' },
      address: '1 Example St, Brisbane QLD 4000',
      nmi: 'QCDWW00010',
      pathway: 'gateway',
      pen: 57269,
      fixedLimits: { exportW: 1500, importW: 1500 },
      der: [{ type: 4, description: 'PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 }],
    })
    const line = { kind: 'rtu', path: pair.a, baudRate: 9600, parity: 'none', stopBits: 1 }
    const inverter = await call<DeviceView>('devices.add', { siteId: site.id, connection: line, unitId: 1 })
    const meter = await call<DeviceView>('devices.add', { siteId: site.id, connection: line, unitId: 4 })
    expect(inverter).toMatchObject({ role: 'inverter', where: `Modbus RTU ${pair.a} 9600 8N1 unit 1`, discovery: { identity: { serial: 'SIM-INV-123-0001' } } })
    expect(meter.role).toBe('site-meter')

    await call('devices.startSampling', { siteId: site.id })
    const sample = await new Promise<EngineEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sample over RTU')), 10_000)
      const off = engine.subscribe((e) => {
        if (e.event !== 'devices.sample') return
        clearTimeout(timer)
        off()
        resolve(e)
      })
    })
    if (sample.event !== 'devices.sample') throw new Error('unexpected event')
    expect(sample.payload.devices.map((d) => [d.deviceId, d.ok])).toEqual([
      [inverter.id, true],
      [meter.id, true],
    ])
    expect(sample.payload.site?.phases.A.V).toBeGreaterThan(200)
    await call('devices.stopSampling', { siteId: site.id })
  })
})
