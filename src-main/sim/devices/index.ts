/** Device simulator: public surface (demo mode, tests, `sep2-commissioner sim devices`). */
export { startDeviceSimulator, type DeviceSimulator, type SimUnitInfo, type StartDeviceSimulatorOptions } from './simulator'
export { DEFAULT_SIM_SCENARIO, type SimScenario, type SimInverterSpec, type SimBatterySpec } from './scenario'
export type { DeviceFault } from './faults'
