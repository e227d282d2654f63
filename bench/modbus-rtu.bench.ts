/**
 * Issue 14 item 3: one live sample of a SunSpec inverter and of an SDM630 meter over Modbus RTU at 9600 8N1, through a
 * relay that gives every byte its real wire time (bench/support/paced-relay.ts), against the wire time of exactly the
 * requests that sample makes (request and reply bytes x 1.0417 ms, plus the 3.5-character silence that ends each
 * frame). Goal <= 1.1x. Over Modbus TCP (loopback): samples per second.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { managedDeviceFromScan, readDeviceValues, scanDevice, type ManagedDevice } from '../src-main/devices'
import { createSystemClock } from '../src-main/engine/system-clock'
import { createModbusRtuTransport } from '../src-main/modbus/rtu-transport'
import { createModbusTcpTransport } from '../src-main/modbus/tcp-transport'
import { openPtyPair, type PtyPair } from '../src-main/modbus/testing/socat-pair'
import type { ModbusTransport } from '../src-main/modbus/transport'
import { startDeviceSimulator, type DeviceSimulator } from '../src-main/sim/devices'
import { charMs, startPacedRelay, type PacedRelay } from './support/paced-relay'
import { median, printFigures, type Figure } from './support/figures'

const BAUD = 9600
const CHAR_MS = charMs(BAUD)
/** Function 3/4 request: unit, function, address (2), count (2), CRC (2). Reply: unit, function, byte count, data, CRC (2). */
const requestBytes = 8
const replyBytes = (registers: number) => 5 + 2 * registers
const SILENCE_CHARS = 3.5

const clock = createSystemClock()
let devicePair: PtyPair
let appPair: PtyPair
let relay: PacedRelay
let rtuSim: DeviceSimulator
let tcpSim: DeviceSimulator
let rtu: ModbusTransport
let tcp: ModbusTransport
const devices: { inverter?: ManagedDevice; meter?: ManagedDevice; tcpInverter?: ManagedDevice } = {}
const wireMs = new Map<string, number>()
const sampleMs = new Map<string, number[]>()
let tcpRate = 0

/** The transport, counting the wire time of the reads made through it. */
function metered(transport: ModbusTransport, label: string): ModbusTransport {
  return {
    ...transport,
    description: transport.description,
    kind: transport.kind,
    read: async (req) => {
      const frameChars = requestBytes + replyBytes(req.count) + 2 * SILENCE_CHARS
      wireMs.set(label, (wireMs.get(label) ?? 0) + frameChars * CHAR_MS)
      return transport.read(req)
    },
  }
}

beforeAll(async () => {
  devicePair = await openPtyPair()
  appPair = await openPtyPair()
  rtuSim = await startDeviceSimulator({ clock, serialPath: devicePair.a, baudRate: BAUD })
  relay = await startPacedRelay(devicePair.b, appPair.a, BAUD)
  rtu = createModbusRtuTransport({ path: appPair.b, baudRate: BAUD, parity: 'none', stopBits: 1, clock, timeoutMs: 1000, retries: 0 })
  devices.inverter = managedDeviceFromScan(await scanDevice(rtu, { unitId: 1 }), rtu)
  devices.meter = managedDeviceFromScan(await scanDevice(rtu, { unitId: 5, meterProfile: 'eastron-sdm630' }), rtu)
  tcpSim = await startDeviceSimulator({ clock, tcpPort: 0 })
  tcp = createModbusTcpTransport({ host: '127.0.0.1', port: tcpSim.tcp?.port ?? 0, clock })
  devices.tcpInverter = managedDeviceFromScan(await scanDevice(tcp, { unitId: 1 }), tcp)
}, 300_000)

afterAll(async () => {
  await Promise.allSettled([rtu?.close(), tcp?.close()])
  await relay?.close()
  await Promise.allSettled([rtuSim?.close(), tcpSim?.close()])
  await Promise.allSettled([devicePair?.close(), appPair?.close()])
  const rtuFigure = (label: string, what: string): Figure => {
    const times = sampleMs.get(label) ?? []
    const wire = (wireMs.get(label) ?? NaN) / times.length
    return { what: `${what}, one sample over RTU 9600 8N1 (median of ${String(times.length)})`, value: median(times), unit: 'ms', goal: 1.1 * wire, goalText: 'goal <= 1.1x wire time', note: `wire time of its requests ${wire.toFixed(1)} ms; ${(median(times) / wire).toFixed(2)}x wire` }
  }
  printFigures('Modbus sampling (issue 14 item 3)', [
    rtuFigure('inverter', 'SunSpec inverter (simulator unit 1)'),
    rtuFigure('meter', 'SDM630 meter (simulator unit 5)'),
    { what: 'SunSpec inverter over Modbus TCP (loopback), samples per second', value: tcpRate, unit: '/s', goal: 5, goalText: 'the 5 Hz sample rate (higher is better)', note: 'ratio = how many 200 ms periods one second of TCP sampling could fill' },
  ])
})

function timedSample(label: 'inverter' | 'meter') {
  return async () => {
    const device = devices[label]
    if (!device) throw new Error(`${label} not scanned`)
    const counted = { ...device, transport: metered(device.transport, label) }
    const start = performance.now()
    await readDeviceValues(counted)
    sampleMs.set(label, [...(sampleMs.get(label) ?? []), performance.now() - start])
  }
}

describe('Modbus sampling', () => {
  bench('RTU: SunSpec inverter sample', timedSample('inverter'), { iterations: 9, time: 0, warmupIterations: 0, warmupTime: 0 })
  bench('RTU: SDM630 sample', timedSample('meter'), { iterations: 9, time: 0, warmupIterations: 0, warmupTime: 0 })
  bench('TCP: inverter samples for 2 s', async () => {
    const device = devices.tcpInverter
    if (!device) throw new Error('tcp inverter not scanned')
    const start = performance.now()
    let n = 0
    while (performance.now() - start < 2000) {
      await readDeviceValues(device)
      n++
    }
    tcpRate = n / ((performance.now() - start) / 1000)
  }, { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 })
})

