import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import type { ModbusExceptionError } from '../../modbus/errors'
import { expectCode } from '../../modbus/testing/expect-code'
import type { ModbusTransport } from '../../modbus/transport'
import { startDeviceSimulator, type DeviceSimulator, type StartDeviceSimulatorOptions } from '../../sim/devices'
import { setActivePowerLimit, setConnected, setStorageRates } from '../control'
import { scanDevice, type ScannedDevice } from '../scan'

/**
 * The same checks against the device simulator over any transport (run over Modbus TCP and over RTU on a socat pty
 * pair). The clock is fake: physics moves only when the test advances it.
 */
export interface SuiteContext {
  clock: FakeClock
  sim: DeviceSimulator
  transport: ModbusTransport
}

export interface SuiteSetup {
  simOptions(): Promise<Omit<StartDeviceSimulatorOptions, 'clock'>>
  transport(sim: DeviceSimulator, clock: FakeClock): ModbusTransport
  teardown?(): Promise<void>
}

function sunspec(d: ScannedDevice): Extract<ScannedDevice, { kind: 'sunspec' }> {
  if (d.kind !== 'sunspec') throw new Error('expected a SunSpec device')
  return d
}

export function describeSimDeviceSuite(name: string, setup: SuiteSetup): void {
  describe(name, () => {
    const ctx = {} as SuiteContext
    beforeAll(async () => {
      ctx.clock = new FakeClock(Date.UTC(2026, 0, 15, 2, 0))
      ctx.sim = await startDeviceSimulator({ clock: ctx.clock, ...(await setup.simOptions()), scenario: { pvAvailability: 0.8, loadNoiseW: 0 } })
      ctx.transport = setup.transport(ctx.sim, ctx.clock)
    })
    afterAll(async () => {
      await ctx.transport?.close()
      await ctx.sim?.close()
      await setup.teardown?.()
    })

    it('scans the model-123 inverter: models, identity, ratings, live values, controllable by 123', async () => {
      ctx.clock.advance(10_000)
      const progress: string[] = []
      const d = sunspec(await scanDevice(ctx.transport, { unitId: 1, onProgress: (p) => progress.push(p) }))
      expect(progress).toEqual(['Looking for a SunSpec map on unit 1 at 40000, 0 and 50000', ...d.models.map((m) => `Reading model ${m.id} at ${m.address}`)])
      expect(d.base).toBe(40000)
      expect(d.models.map((m) => m.id)).toEqual([1, 103, 120, 121, 122, 123, 160])
      expect(d.identity.serial).toBe('SIM-INV-123-0001')
      expect(d.ratings.WRtg).toBe(5000)
      expect(d.der?.W).toBe(4000)
      expect(d.der?.V).toBe(240)
      expect(d.der?.Hz).toBe(50)
      expect(d.control.kind).toBe('model123')
      expect(d.models.find((m) => m.id === 160)?.root.groups.module).toHaveLength(2)
    })

    it('scans the 701-704 inverter and the SunSpec and SDM630 meters (site export negative)', async () => {
      const d = sunspec(await scanDevice(ctx.transport, { unitId: 2 }))
      expect(d.models.map((m) => m.id)).toEqual([1, 701, 702, 703, 704])
      expect(d.control.kind).toBe('model704')
      expect(d.ratings.WRtg).toBe(3000)
      const meter = sunspec(await scanDevice(ctx.transport, { unitId: 4 }))
      expect(meter.role).toBe('meter')
      expect(meter.meter?.total.W).toBeLessThan(0)
      const sdm = await scanDevice(ctx.transport, { unitId: 5, meterProfile: 'eastron-sdm630' })
      expect(sdm.kind).toBe('profile-meter')
      if (sdm.kind !== 'profile-meter') return
      expect(sdm.meter.total.W).toBeCloseTo(meter.meter?.total.W ?? 0, 0)
      expect(sdm.meter.total.Hz).toBe(50)
      expect(sdm.meter.phases.A.V).toBe(240)
    })

    it('limits the 123 inverter, confirms by read-back, and the output ramps to the limit; the revert timer ends it', async () => {
      const d = sunspec(await scanDevice(ctx.transport, { unitId: 1 }))
      const result = await setActivePowerLimit({ transport: ctx.transport, unitId: 1, models: d.models }, { percent: 50, revertSeconds: 30 })
      expect(result.readBack.root.points.WMaxLimPct?.value).toBe(50)
      expect(result.readBack.root.points.WMaxLim_Ena?.symbol).toBe('ENABLED')
      ctx.clock.advance(5000)
      expect(ctx.sim.inverterOutputW(1)).toBe(2500)
      ctx.clock.advance(30_000)
      const after = sunspec(await scanDevice(ctx.transport, { unitId: 1 }))
      expect(after.models.find((m) => m.id === 123)?.root.points.WMaxLim_Ena?.symbol).toBe('DISABLED')
    })

    it('limits the 704 inverter, which ramps slowly at its own rate', async () => {
      const d = sunspec(await scanDevice(ctx.transport, { unitId: 2 }))
      const before = ctx.sim.inverterOutputW(2) ?? 0
      const result = await setActivePowerLimit({ transport: ctx.transport, unitId: 2, models: d.models }, { percent: 20, revertSeconds: 600 })
      expect(result.readBack.root.points.WMaxLimPct?.value).toBe(20)
      ctx.clock.advance(1000)
      expect(before - (ctx.sim.inverterOutputW(2) ?? 0)).toBeCloseTo(200, 0)
      ctx.clock.advance(20_000)
      expect(ctx.sim.inverterOutputW(2)).toBe(600)
    })

    it('disconnects and reconnects via model 123 Conn; storage rates via 124; a meter is reported not controllable', async () => {
      const inv = sunspec(await scanDevice(ctx.transport, { unitId: 1 }))
      const off = await setConnected({ transport: ctx.transport, unitId: 1, models: inv.models }, false, 120)
      expect(off.readBack.root.points.Conn?.symbol).toBe('DISCONNECT')
      ctx.clock.advance(10_000)
      expect(ctx.sim.inverterOutputW(1)).toBe(0)
      await setConnected({ transport: ctx.transport, unitId: 1, models: inv.models }, true)
      const bat = sunspec(await scanDevice(ctx.transport, { unitId: 3 }))
      const rates = await setStorageRates({ transport: ctx.transport, unitId: 3, models: bat.models }, { chargePct: 40, revertSeconds: 90 })
      expect(rates.readBack.root.points.InWRte?.value).toBe(40)
      expect(rates.readBack.root.points.StorCtl_Mod?.flags).toEqual(['CHARGE'])
      const meter = sunspec(await scanDevice(ctx.transport, { unitId: 4 }))
      const e = await expectCode(setActivePowerLimit({ transport: ctx.transport, unitId: 4, models: meter.models }, { percent: 50 }), 'DEVICE_NOT_CONTROLLABLE')
      expect(e.message).toMatch(/neither SunSpec model 123.*nor model 704/)
    })

    it('a write the device does not keep fails its read-back with DEVICE_WRITE_MISMATCH', async () => {
      const d = sunspec(await scanDevice(ctx.transport, { unitId: 1 }))
      ctx.sim.setFault(1, { kind: 'stuck' })
      try {
        await expectCode(setActivePowerLimit({ transport: ctx.transport, unitId: 1, models: d.models }, { percent: 33 }), 'DEVICE_WRITE_MISMATCH')
      } finally {
        ctx.sim.setFault(1, { kind: 'none' })
      }
    })

    it.each([2, 4, 6])('exception %i comes back as MODBUS_EXCEPTION with its meaning', async (code) => {
      ctx.sim.setFault(2, { kind: 'exception', code })
      try {
        const e = (await expectCode(ctx.transport.read({ unitId: 2, kind: 'holding', address: 40000, count: 2 }), 'MODBUS_EXCEPTION')) as ModbusExceptionError
        expect(e.exceptionCode).toBe(code)
        expect(e.message).toContain(`exception ${code}`)
        expect(e.describe()).toMatch({ 2: /no register at this address/, 4: /internal failure/, 6: /busy/ }[code] ?? /x/)
      } finally {
        ctx.sim.setFault(2, { kind: 'none' })
      }
    })

    it('an address outside the map is exception 2 (illegal data address) from the device itself', async () => {
      const e = (await expectCode(ctx.transport.read({ unitId: 1, kind: 'holding', address: 45000, count: 4 }), 'MODBUS_EXCEPTION')) as ModbusExceptionError
      expect(e.exceptionCode).toBe(2)
    })

    it('a device that stops answering gives MODBUS_TIMEOUT, and the bus works again afterwards', async () => {
      ctx.sim.setFault(4, { kind: 'timeout' })
      try {
        await expectCode(ctx.transport.read({ unitId: 4, kind: 'holding', address: 40000, count: 2 }), 'MODBUS_TIMEOUT')
      } finally {
        ctx.sim.setFault(4, { kind: 'none' })
      }
      expect(await ctx.transport.read({ unitId: 4, kind: 'holding', address: 40000, count: 2 })).toEqual([0x5375, 0x6e53])
    })

    it('several units on one bus: concurrent requests are serialised by the bus mutex and all answered correctly', async () => {
      const reads = [1, 2, 3, 4, 1, 2].map((unitId) => ctx.transport.read({ unitId, kind: 'holding', address: 40004, count: 16 }))
      expect(ctx.transport.queued()).toBe(6)
      const results = await Promise.all(reads)
      const text = (words: number[]) => String.fromCharCode(...words.flatMap((w) => [w >> 8, w & 0xff])).replace(/\0+$/, '')
      expect(results.map(text)).toEqual(Array(6).fill('SEP2 Commissioner Sim'))
      expect(ctx.transport.queued()).toBe(0)
    })
  })
}
