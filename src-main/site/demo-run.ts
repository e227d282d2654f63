/**
 * Both simulators for a headless run (`run --demo`, tests): the device simulator on Modbus TCP and the utility-server
 * simulator over mutual TLS with its own test PKI, and a run configuration pointing at them.
 */
import { join } from 'node:path'
import type { Clock } from '../../src-shared/clock'
import { DEMO_PV_AVAILABILITY } from '../demo/demo-site'
import { createOwnedTempDir } from '../sim/owned-temp-dir'
import { startDeviceSimulator, type DeviceSimulator, type SimScenario } from '../sim/devices'
import { startUtilitySimulator, type UtilitySimulator, type UtilitySimulatorOptions } from '../sim/utility'
import type { LoadedRunConfig } from './run-config'

/** The demo site: the simulator's two inverters (5 kW on SunSpec 123, 3 kW on 704) and its SunSpec meter. */
const DEMO_PEN = 57269
const DEMO_NMI = 'QB00000000'
export const DEMO_DIR_PREFIX = 'sep2-run-demo-'

export interface DemoSimulators {
  config: LoadedRunConfig
  devices: DeviceSimulator
  utility: UtilitySimulator
  close(): Promise<void>
}

/** The device simulator's scenario: the app's demo PV (fixed availability, not by time of day) unless overridden. */
export function demoDeviceScenario(scenario: Partial<SimScenario> = {}): Partial<SimScenario> {
  return { pvAvailability: DEMO_PV_AVAILABILITY, ...scenario }
}

export async function startDemoSimulators(options: { clock: Clock; scenario?: Partial<SimScenario>; utilityScenario?: string; utility?: Pick<UtilitySimulatorOptions, 'unregistered' | 'inBandRegistration'> }): Promise<DemoSimulators> {
  // Practice keys live here: removed on close or exit, and a folder a kill -9 left behind goes at the next start.
  const temp = createOwnedTempDir(DEMO_DIR_PREFIX)
  const dir = temp.path
  const devices = await startDeviceSimulator({ clock: options.clock, tcpPort: 0, scenario: demoDeviceScenario(options.scenario) })
  const utility = await startUtilitySimulator({ clock: options.clock, pkiDir: join(dir, 'pki'), ...(options.utilityScenario ? { scenario: options.utilityScenario } : {}), ...options.utility })
  const config = simulatedSiteConfig(utility, devices, { siteId: 'demo', dataDirPath: join(dir, 'data'), server: { inBandRegistration: options.utility?.inBandRegistration ?? false } })
  return {
    config,
    devices,
    utility,
    async close() {
      await devices.close()
      await utility.close()
      temp.remove()
    },
  }
}

/**
 * The run configuration of the simulated site (the device simulator's two inverters and meter) against a utility
 * simulator, with its first practice device certificate – for `run --demo` and the conformance pre-check.
 */
export function simulatedSiteConfig(
  utility: UtilitySimulator,
  devices: DeviceSimulator,
  o: { siteId: string; dataDirPath: string; server: Pick<LoadedRunConfig['server'], 'inBandRegistration'> & Partial<Pick<LoadedRunConfig['server'], 'pin'>> },
): LoadedRunConfig {
  const identity = utility.pki.devices[0]
  if (!identity) throw new Error('the utility simulator made no device identity')
  return {
    siteId: o.siteId,
    server: { dcapUrl: utility.dcapUrl, cert: 'device-1.chain.pem', key: 'device-1.key.pem', ca: ['serca.pem'], checkHostname: true, ...o.server },
    site: {
      nmi: DEMO_NMI,
      pen: DEMO_PEN,
      fixedLimits: { exportW: 1500, importW: 1500 },
      der: [
        { type: 4, ratedW: 5000, count: 1 },
        { type: 4, ratedW: 3000, count: 1 },
      ],
      utcOffsetS: 36_000,
    },
    devices: { host: '127.0.0.1', port: devices.tcp?.port ?? 0, meterUnit: 4, inverterUnits: [1, 2], batteryUnits: [] },
    pem: { chain: identity.chainPem, key: identity.keyPem, anchors: [utility.pki.sercaPem] },
    dataDirPath: o.dataDirPath,
  }
}
