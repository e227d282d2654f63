import { describe, it, expect } from 'vitest'
import {
  aggregateDerStatus,
  connectStatus,
  deviceConnectBits,
  operationalModeStatus,
  stateOfChargeStatus,
  storageModeStatus,
  type DerDeviceState,
} from './status'
import { formatHexBinary } from './hex-binary'

const NOW = Date.UTC(2023, 3, 26, 2, 10, 28) // Annex D readingTime 1682475028
const inverter = (over: Partial<DerDeviceState> = {}): DerDeviceState => ({
  role: 'generation',
  operationalMode: 'operational',
  connect: 'operating',
  ...over,
})
const battery = (over: Partial<DerDeviceState> = {}, storage: DerDeviceState['storage'] = {}): DerDeviceState => ({
  role: 'storage',
  operationalMode: 'operational',
  connect: 'operating',
  ...over,
  storage,
})

describe('operationalModeStatus across DER (handbook 10.3.1, TEL-1)', () => {
  it.each<[string, DerDeviceState['operationalMode'][], number]>([
    ['all off -> Off', ['off', 'off', 'off'], 1],
    ['one of three operational -> Operational', ['off', 'operational', 'off'], 2],
    ['operational wins over test', ['test', 'operational'], 2],
    ['off and test, none operational -> Test', ['off', 'test'], 3],
    ['off and unknown -> not Off (not ALL are off)', ['off', 'unknown'], 0],
    ['no devices -> unknown', [], 0],
  ])('%s', (_name, modes, expected) => {
    expect(operationalModeStatus(modes.map((operationalMode) => inverter({ operationalMode })))).toBe(expected)
  })
})

describe('genConnectStatus / storConnectStatus bitmaps (handbook 10.3.1, TEL-1 note)', () => {
  it('connected, available and operating is bits 0-2: 0x07 ("return 2" = highest bit)', () => {
    expect(deviceConnectBits(inverter())).toBe(0x07)
    expect(formatHexBinary(deviceConnectBits(inverter()), 1)).toBe('07')
  })

  it.each<[DerDeviceState['connect'], number]>([
    ['disconnected', 0x00],
    ['connected', 0x01],
    ['available', 0x03],
    ['operating', 0x07],
  ])('ladder: %s -> %d', (connect, bits) => {
    expect(deviceConnectBits(inverter({ connect }))).toBe(bits)
  })

  it('test and fault are bits 3 and 4', () => {
    expect(deviceConnectBits(inverter({ connect: 'connected', test: true }))).toBe(0x09)
    expect(deviceConnectBits(inverter({ connect: 'disconnected', fault: true }))).toBe(0x10)
  })

  it('across devices a bit is set when any device has it: one faulted inverter sets fault for the site', () => {
    expect(connectStatus([inverter(), inverter({ connect: 'disconnected', fault: true })])).toBe(0x17)
    expect(connectStatus([inverter({ connect: 'connected' }), inverter({ connect: 'available' })])).toBe(0x03)
  })
})

describe('storage mode and state of charge (handbook 10.3.1, TEL-1 note)', () => {
  it('storageModeStatus: 0 charging, 1 discharging, 2 holding', () => {
    expect(storageModeStatus([battery({}, { mode: 'charging' })])).toBe(0)
    expect(storageModeStatus([battery({}, { mode: 'discharging' })])).toBe(1)
    expect(storageModeStatus([battery({}, { mode: 'holding' })])).toBe(2)
  })

  it('derives the mode from battery power (+ discharge) with a holding deadband', () => {
    expect(storageModeStatus([battery({}, { powerW: 2500 })])).toBe(1)
    expect(storageModeStatus([battery({}, { powerW: -2500 })])).toBe(0)
    expect(storageModeStatus([battery({}, { powerW: 20 })])).toBe(2)
  })

  it('batteries that disagree: net power decides, else the one active mode, else holding', () => {
    expect(storageModeStatus([battery({}, { mode: 'charging', powerW: -1000 }), battery({}, { mode: 'discharging', powerW: 3000 })])).toBe(1)
    expect(storageModeStatus([battery({}, { mode: 'charging' }), battery({}, { mode: 'holding' })])).toBe(0)
    expect(storageModeStatus([battery({}, { mode: 'charging' }), battery({}, { mode: 'discharging' })])).toBe(2)
    expect(storageModeStatus([battery()])).toBeUndefined()
  })

  it('state of charge is capacity-weighted, as PerCent hundredths', () => {
    const small = battery({}, { stateOfChargePercent: 20, capacityWh: 5000 })
    const large = battery({}, { stateOfChargePercent: 80, capacityWh: 15_000 })
    expect(stateOfChargeStatus([small, large])).toBe(6500) // (20*5 + 80*15) / 20 = 65 %
    // Without capacities the weights would be guesses: plain mean.
    expect(stateOfChargeStatus([battery({}, { stateOfChargePercent: 20 }), large])).toBe(5000)
    expect(stateOfChargeStatus([battery({}, { stateOfChargePercent: 100.4 })])).toBe(10_000)
    expect(stateOfChargeStatus([battery()])).toBeUndefined()
  })
})

describe('DERStatus for two inverters and a battery', () => {
  it('all running, battery charging at 40 %', () => {
    const report = aggregateDerStatus(
      [inverter(), inverter(), battery({}, { powerW: -3000, stateOfChargePercent: 40, capacityWh: 13_500 })],
      { nowMs: NOW },
    )
    const at = (value: number) => ({ dateTime: 1682475028, value })
    expect(report).toEqual({
      readingTime: 1682475028,
      operationalModeStatus: at(2),
      genConnectStatus: at(0x07),
      storConnectStatus: at(0x07),
      storageModeStatus: at(0),
      stateOfChargeStatus: at(4000),
    })
  })

  it('one inverter faulted and off, the other off, battery off and holding', () => {
    const report = aggregateDerStatus(
      [
        inverter({ operationalMode: 'off', connect: 'connected', fault: true }),
        inverter({ operationalMode: 'off', connect: 'available' }),
        battery({ operationalMode: 'off', connect: 'connected' }, { mode: 'holding', stateOfChargePercent: 95 }),
      ],
      { nowMs: NOW },
    )
    expect(report.operationalModeStatus.value).toBe(1)
    expect(report.genConnectStatus?.value).toBe(0x13)
    expect(report.storConnectStatus?.value).toBe(0x01)
    expect(report.storageModeStatus?.value).toBe(2)
    expect(report.stateOfChargeStatus?.value).toBe(9500)
  })

  it('a site without storage sends no storage members', () => {
    const report = aggregateDerStatus([inverter(), inverter({ operationalMode: 'off', connect: 'disconnected' })], { nowMs: NOW })
    expect(Object.keys(report)).toEqual(['readingTime', 'operationalModeStatus', 'genConnectStatus'])
    expect(report.genConnectStatus?.value).toBe(0x07)
  })
})
