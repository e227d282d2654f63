/**
 * Devices behind the meter (DEV-1..DEV-5): the public surface for the engine, hosts and CLI.
 */
export { createModbusTcpTransport, type ModbusTcpOptions } from '../modbus/tcp-transport'
export { createModbusRtuTransport, describeSerialSettings, type ModbusRtuOptions, type Parity } from '../modbus/rtu-transport'
export { listSerialPorts, type SerialPortInfo } from '../modbus/serial-ports'
export { createBusPool, BusSettingsConflictError, type BusPool, type BusConnection } from '../modbus/bus-pool'
export type { BusState, ModbusTransport, ReadRequest, WriteRequest, RegisterKind } from '../modbus/transport'
export { DEFAULT_MODBUS_TIMEOUT_MS, DEFAULT_MODBUS_RETRIES } from '../modbus/transport'
export {
  ModbusAbortedError,
  ModbusConnectionError,
  ModbusCrcError,
  ModbusExceptionError,
  ModbusTimeoutError,
  PortBusyError,
  PortNotFoundError,
  PortPermissionError,
} from '../modbus/errors'
export { readSunSpecDevice, findSunSpecBase, SunSpecNotFoundError, SunSpecChainError, SUNSPEC_BASE_ADDRESSES, type SunSpecDevice } from '../modbus/sunspec/discover'
export { sunspecModels, sunspecModel } from '../modbus/sunspec/model-library'
export { scanDevice, readProfileMeter, type ScannedDevice, type ScanOptions, type DeviceIdentity, type DeviceRatings } from './scan'
export { meterProfiles, meterProfile } from './meter-profiles'
export {
  setActivePowerLimit,
  setConnected,
  setStorageRates,
  DEFAULT_CONTROL_REVERT_S,
  type ControlTarget,
  type ControlResult,
  type PowerLimitRequest,
  type StorageRateRequest,
} from './control'
export { WriteMismatchError, NotControllableError, ControlNotSupportedError } from './control-errors'
export { createDeviceManager, DeviceManager, type SiteSample, type DeviceSample, type SamplingStatus, type DeviceManagerEvents } from './device-manager'
export { managedDeviceFromScan, readDeviceValues, type ManagedDevice, type ManagedRole, type ManagedDeviceOptions, type DeviceValues } from './managed-device'
export { TARGET_SAMPLE_PERIOD_MS, MAX_SAMPLE_PERIOD_MS } from './sampling-period'
export { checkMeterOrientation, type OrientationCheck, type OrientationVerdict } from '../../src-shared/devices/meter-orientation'
export { aggregateDer, type DerAggregate } from '../../src-shared/devices/aggregate'
export { dumpRows, dumpText, type DumpRow } from '../../src-shared/devices/sunspec-dump'
export { describeControl, type DerLive, type ControlSupport } from '../../src-shared/devices/der-values'
export type { MeterReading, MeterProfile } from '../../src-shared/devices/meter-profile'
export type { DecodedModel, DecodedPoint } from '../../src-shared/devices/sunspec-model-types'
