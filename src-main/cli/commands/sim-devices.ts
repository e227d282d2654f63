/**
 * `sep2-commissioner sim devices [--tcp-port N] [--serial PATH] [--json]`: run the device simulator (two SunSpec
 * inverters, a battery, a SunSpec meter and an SDM630 meter) until interrupted, and print how to connect to it.
 */
import { createSystemClock } from '../../engine/system-clock'
import { startDeviceSimulator, type DeviceSimulator } from '../../sim/devices'
import { CliUsageError, type CliCommand } from '../types'

export function connectInstructions(sim: DeviceSimulator): string {
  const lines = ['Device simulator running (Ctrl+C to stop).']
  if (sim.tcp) lines.push(`Modbus TCP: ${sim.tcp.host}:${sim.tcp.port}   e.g. sep2-commissioner devices scan --tcp ${sim.tcp.host}:${sim.tcp.port} --unit ${sim.units.map((u) => u.unitId).join(',')} --profile eastron-sdm630`)
  if (sim.serial) lines.push(`Modbus RTU: ${sim.serial.path} (connect to the other end of the serial link)`)
  lines.push('Units:')
  for (const u of sim.units) lines.push(`  ${u.unitId}: ${u.description}`)
  return lines.join('\n')
}

export const simDevicesCommand: CliCommand = {
  name: 'sim devices',
  lifetime: 'service',
  summary: 'Run simulated SunSpec inverters, a battery and site meters on Modbus TCP and/or RTU',
  usage: '[--tcp-port N] [--serial PATH] [--baud N] [--json]',
  options: {
    'tcp-port': { type: 'string', description: 'Modbus TCP port on 127.0.0.1 (default: any free port)' },
    serial: { type: 'string', description: 'Also serve Modbus RTU on this serial device (e.g. one end of a socat pty pair)' },
    baud: { type: 'string', description: 'Baud rate for --serial (default 9600)' },
  },
  async run(input, io) {
    const portText = input.values['tcp-port']
    const serial = input.values.serial
    const tcpPort = typeof portText === 'string' ? Number(portText) : undefined
    if (tcpPort !== undefined && (!Number.isInteger(tcpPort) || tcpPort < 0 || tcpPort > 65535)) throw new CliUsageError('--tcp-port must be 0-65535.')
    const baud = typeof input.values.baud === 'string' ? Number(input.values.baud) : undefined
    const sim = await startDeviceSimulator({
      clock: createSystemClock(),
      tcpPort: tcpPort ?? (typeof serial === 'string' ? undefined : 0),
      serialPath: typeof serial === 'string' ? serial : undefined,
      baudRate: baud,
    })
    io.print(connectInstructions(sim), { tcp: sim.tcp, serial: sim.serial, units: sim.units })
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve()
      io.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    await sim.close()
    io.info('Device simulator stopped.')
    return 0
  },
}
