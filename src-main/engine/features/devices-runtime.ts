import type { Clock } from '../../../src-shared/clock'
import type { DeviceConnection } from '../../../src-shared/contract/devices'
import { BusSettingsConflictError, createModbusRtuTransport, createModbusTcpTransport, describeSerialSettings, type ModbusTransport, type ScannedDevice, type SiteSample } from '../../devices'
import { startDeviceSimulator, type DeviceSimulator } from '../../sim/devices'
import { DEMO_PV_AVAILABILITY } from '../../demo/demo-site'
import type { SamplingSession } from './devices-sampling'

/**
 * What the Devices feature keeps alive between commands: one transport per bus (so devices sharing an RS-485 line or
 * a gateway share its mutex, DEV-1), the built-in simulator when used, the last scan of each device, and the sampling
 * session. Everything here is stopped by `close()` on engine.close().
 */

export { DEMO_PV_AVAILABILITY }

export interface DeviceRuntime {
  transportFor(connection: DeviceConnection, options: { timeoutMs: number }): Promise<ModbusTransport>
  simulator(): Promise<DeviceSimulator>
  /** The running simulator, if one was started (tests inject faults through it). */
  runningSimulator(): DeviceSimulator | undefined
  readonly scans: Map<string, ScannedDevice>
  session: SamplingSession | undefined
  /** Every sample of every session, unthrottled (for services such as the site controller and test runs). */
  onSample(listener: SampleListener): () => void
  emitSample(siteId: string, sample: SiteSample): void
  close(): Promise<void>
}

export type SampleListener = (siteId: string, sample: SiteSample) => void

function busKey(connection: DeviceConnection): string {
  switch (connection.kind) {
    case 'tcp':
      return `tcp:${connection.host}:${connection.port}`
    case 'rtu':
      return `rtu:${connection.path}`
    case 'simulator':
      return 'simulator'
  }
}

export function createDeviceRuntime(options: { clock: Clock }): DeviceRuntime {
  const { clock } = options
  const transports = new Map<string, { transport: ModbusTransport; settings: string }>()
  let sim: DeviceSimulator | undefined
  let simStarting: Promise<DeviceSimulator> | undefined
  const sampleListeners = new Set<SampleListener>()

  async function simulator(): Promise<DeviceSimulator> {
    simStarting ??= startDeviceSimulator({ clock, tcpPort: 0, scenario: { pvAvailability: DEMO_PV_AVAILABILITY } }).then((started) => {
      sim = started
      return started
    })
    try {
      return await simStarting
    } catch (error) {
      simStarting = undefined
      throw error
    }
  }

  async function open(connection: DeviceConnection, timeoutMs: number): Promise<ModbusTransport> {
    switch (connection.kind) {
      case 'tcp':
        return createModbusTcpTransport({ host: connection.host, port: connection.port, clock, timeoutMs })
      case 'rtu':
        return createModbusRtuTransport({ path: connection.path, baudRate: connection.baudRate, parity: connection.parity, stopBits: connection.stopBits, clock, timeoutMs })
      case 'simulator': {
        const tcp = (await simulator()).tcp
        if (!tcp) throw new Error('the device simulator started without its Modbus TCP server')
        return createModbusTcpTransport({ host: tcp.host, port: tcp.port, clock, timeoutMs })
      }
    }
  }

  const runtime: DeviceRuntime = {
    async transportFor(connection, { timeoutMs }) {
      const key = busKey(connection)
      // DEV-1: every device on one RS-485 line shares its serial settings (and its transport's mutex).
      const settings = connection.kind === 'rtu' ? describeSerialSettings(connection) : ''
      const existing = transports.get(key)
      if (existing && existing.transport.state().status !== 'closed') {
        if (connection.kind === 'rtu' && existing.settings !== settings) throw new BusSettingsConflictError(connection.path, existing.settings, settings)
        return existing.transport
      }
      const transport = await open(connection, timeoutMs)
      transports.set(key, { transport, settings })
      return transport
    },
    simulator,
    runningSimulator: () => sim,
    scans: new Map(),
    session: undefined,
    onSample(listener) {
      sampleListeners.add(listener)
      return () => sampleListeners.delete(listener)
    },
    emitSample(siteId, sample) {
      for (const listener of sampleListeners) {
        try {
          listener(siteId, sample)
        } catch {
          // One failing consumer must not stop sampling or the others.
        }
      }
    },
    async close() {
      await runtime.session?.stop()
      runtime.session = undefined
      await Promise.allSettled([...transports.values()].map((b) => b.transport.close()))
      transports.clear()
      await sim?.close()
      sim = undefined
      simStarting = undefined
    },
  }
  return runtime
}
