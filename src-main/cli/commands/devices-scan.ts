/**
 * `sep2-commissioner devices scan --tcp HOST:PORT | --serial PATH [--baud N] [--unit N[,N...]] [--json]`: find SunSpec
 * devices (or a profile meter) and print models, identity, ratings and live values (REQUIREMENTS DEV-1..DEV-3).
 */
import { createSystemClock } from '../../engine/system-clock'
import { AppError, errorMessage } from '../../errors'
import { describeControl } from '../../../src-shared/devices/der-values'
import { dumpRows, dumpText } from '../../../src-shared/devices/sunspec-dump'
import { createModbusRtuTransport, type Parity } from '../../modbus/rtu-transport'
import { listSerialPorts } from '../../modbus/serial-ports'
import { createModbusTcpTransport } from '../../modbus/tcp-transport'
import type { ModbusTransport } from '../../modbus/transport'
import { scanDevice, type ScannedDevice } from '../../devices/scan'
import { CliUsageError, type CliCommand, type CliInput } from '../types'

function str(input: CliInput, name: string): string | undefined {
  const v = input.values[name]
  return typeof v === 'string' ? v : undefined
}

function int(input: CliInput, name: string, min: number, max: number): number | undefined {
  const v = str(input, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}.`)
  return n
}

export function parseUnits(text: string | undefined): number[] {
  if (text === undefined) return [1]
  const units = text.split(',').map((s) => Number(s.trim()))
  if (units.some((u) => !Number.isInteger(u) || u < 0 || u > 247)) throw new CliUsageError('--unit takes unit ids from 0 to 247, comma separated.')
  return units
}

export function openTransport(input: CliInput): ModbusTransport {
  const clock = createSystemClock()
  const tcp = str(input, 'tcp')
  const serial = str(input, 'serial')
  const timeoutMs = int(input, 'timeout', 50, 60_000)
  if ((tcp === undefined) === (serial === undefined)) throw new CliUsageError('Give exactly one of --tcp HOST:PORT or --serial PATH.')
  if (tcp !== undefined) {
    const m = /^(.+?)(?::(\d+))?$/.exec(tcp)
    if (!m?.[1]) throw new CliUsageError('--tcp takes HOST or HOST:PORT.')
    return createModbusTcpTransport({ host: m[1], port: m[2] ? Number(m[2]) : 502, clock, timeoutMs })
  }
  const parity = str(input, 'parity') ?? 'none'
  if (!['none', 'even', 'odd'].includes(parity)) throw new CliUsageError('--parity is none, even or odd.')
  const stopBits = int(input, 'stop-bits', 1, 2) as 1 | 2 | undefined
  return createModbusRtuTransport({ path: serial ?? '', clock, baudRate: int(input, 'baud', 300, 921_600), parity: parity as Parity, stopBits, timeoutMs })
}

function fmt(v: number | undefined, unit: string): string {
  return v === undefined ? '–' : `${Math.round(v * 100) / 100} ${unit}`
}

export function describeScan(d: ScannedDevice): string {
  if (d.kind === 'profile-meter') {
    const t = d.meter.total
    return `Unit ${d.unitId}: ${d.profile.name} (meter profile)\n  now ${fmt(t.W, 'W')} (import +, export -), ${fmt(t.Hz, 'Hz')}; phases W ${['A', 'B', 'C'].map((p) => fmt(d.meter.phases[p as 'A'].W, 'W')).join(' / ')}`
  }
  const id = d.identity
  const lines = [
    `Unit ${d.unitId}: SunSpec ${d.role} at ${d.base} – ${id.manufacturer ?? '?'} ${id.model ?? '?'}, serial ${id.serial ?? '?'}, version ${id.version ?? '?'}`,
    `  models ${d.models.map((m) => m.id).join(', ')}${d.skipped.length ? ` (skipped unknown: ${d.skipped.map((s) => s.id).join(', ')})` : ''}`,
  ]
  if (d.ratings.WRtg !== undefined || d.ratings.WChaMax !== undefined) lines.push(`  rated ${fmt(d.ratings.WRtg ?? d.ratings.WChaMax, 'W')}`)
  if (d.der) lines.push(`  now ${fmt(d.der.W, 'W')}, ${fmt(d.der.V, 'V')}, ${fmt(d.der.Hz, 'Hz')}${d.der.state ? `, state ${d.der.state}` : ''}`)
  if (d.meter) lines.push(`  site ${fmt(d.meter.total.W, 'W')} (import +, export -), ${fmt(d.meter.total.Hz, 'Hz')}`)
  if (d.role !== 'meter') lines.push(`  control: ${describeControl(d.control)}`)
  return lines.join('\n')
}

function scanJson(d: ScannedDevice, dump: boolean): unknown {
  if (d.kind === 'profile-meter') return d
  const { models, ...rest } = d
  return { ...rest, modelIds: models.map((m) => m.id), ...(dump ? { points: dumpRows(models) } : {}) }
}

export const devicesScanCommand: CliCommand = {
  name: 'devices scan',
  summary: 'Find SunSpec inverters, batteries and meters (or a profile meter) on Modbus TCP or RTU',
  usage: '--tcp HOST[:PORT] | --serial PATH [--baud N] [--parity none|even|odd] [--stop-bits 1|2] [--unit N[,N...]] [--profile ID] [--dump] [--json] | --ports',
  options: {
    tcp: { type: 'string', description: 'Modbus TCP device or gateway, HOST or HOST:PORT (port 502 by default)' },
    serial: { type: 'string', description: 'Serial port of the USB-RS485 adapter, e.g. /dev/ttyUSB0 or COM3' },
    baud: { type: 'string', description: 'Baud rate (default 9600)' },
    parity: { type: 'string', description: 'none (default), even or odd' },
    'stop-bits': { type: 'string', description: '1 (default) or 2' },
    unit: { type: 'string', description: 'Unit id(s) to scan, comma separated (default 1)' },
    profile: { type: 'string', description: 'Meter profile to try where there is no SunSpec map, e.g. eastron-sdm630' },
    timeout: { type: 'string', description: 'Per-request timeout in ms (default 1000)' },
    dump: { type: 'boolean', description: 'Also print every SunSpec point (name, value, raw, units)' },
    ports: { type: 'boolean', description: 'List serial ports instead of scanning' },
  },
  async run(input, io) {
    if (input.values.ports === true) {
      const ports = await listSerialPorts()
      io.print(ports.length ? ports.map((p) => p.description).join('\n') : 'No serial ports found. Plug in the USB-RS485 adapter.', ports)
      return 0
    }
    const units = parseUnits(str(input, 'unit'))
    const transport = openTransport(input)
    const found: unknown[] = []
    const text: string[] = [`Scanning ${transport.description}, unit${units.length > 1 ? 's' : ''} ${units.join(', ')}`]
    let failures = 0
    try {
      for (const unitId of units) {
        try {
          const d = await scanDevice(transport, { unitId, meterProfile: str(input, 'profile') })
          text.push(describeScan(d))
          if (input.values.dump === true && d.kind === 'sunspec') text.push(dumpText(d.models))
          found.push(scanJson(d, input.values.dump === true))
        } catch (e) {
          failures++
          text.push(`Unit ${unitId}: ${errorMessage(e)}`)
          found.push({ unitId, error: { code: e instanceof AppError ? e.code : 'DEVICE_SCAN', message: errorMessage(e) } })
        }
      }
    } finally {
      await transport.close()
    }
    io.print(text.join('\n'), { bus: transport.description, devices: found })
    return failures ? 1 : 0
  },
}
