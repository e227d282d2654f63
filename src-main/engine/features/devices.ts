import { randomUUID } from 'node:crypto'
import { DEFAULT_DEVICE_TIMEOUT_MS, type AddDeviceInput, type DeviceDump, type DeviceRole, type DeviceView, type SerialPortView } from '../../../src-shared/contract/devices'
import { listSerialPorts, managedDeviceFromScan, meterProfiles, scanDevice, type ManagedDevice, type ManagedRole, type ScannedDevice } from '../../devices'
import type { SimUnitInfo } from '../../sim/devices'
import { AppError } from '../../errors'
import type { StoredDevice } from '../../storage/devices-repo'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import { startSamplingSession } from './devices-sampling'
import { discoveryRecord, toDeviceViews } from './devices-views'
import { devicesStepState } from './devices-wizard'

/** Step "Devices" (DEV-1..DEV-5, APP-1): add, discover, assign roles, sample live, check the meter, dump the models. */
export class DeviceDiscoveryError extends AppError {
  constructor(where: string, cause: unknown) {
    super('DEVICE_DISCOVERY', `Discovery of ${where} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

export class NothingToSampleError extends AppError {
  constructor() {
    super('DEVICES_NONE_ASSIGNED', 'No device has the role site meter, inverter or battery', {
      hint: 'add the devices, then give the site meter and each inverter its role',
    })
  }
}

export class SerialPortListError extends AppError {
  constructor(cause: unknown) {
    super('PORT_LIST', `Could not list the serial ports: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'add a Modbus TCP device instead, or type the port path (e.g. /dev/ttyUSB0)',
      cause,
    })
  }
}

const SAMPLED_ROLES: Partial<Record<DeviceRole, ManagedRole>> = { 'site-meter': 'site-meter', inverter: 'inverter', battery: 'battery' }

type DevicesCommands =
  | 'devices.ports'
  | 'devices.profiles'
  | 'devices.list'
  | 'devices.add'
  | 'devices.addSimulated'
  | 'devices.discover'
  | 'devices.remove'
  | 'devices.setRole'
  | 'devices.dump'
  | 'devices.startSampling'
  | 'devices.stopSampling'
  | 'devices.sampling'
  | 'devices.orientation'
  | 'devices.samples'

export function deviceHandlers(ctx: EngineContext): HandlerGroup<DevicesCommands> {
  const runtime = ctx.deviceRuntime
  const views = (siteId: string) => toDeviceViews(ctx.devices.list(siteId))
  const viewOf = (siteId: string, id: string): DeviceView => {
    const view = views(siteId).find((v) => v.id === id)
    if (!view) throw new AppError('DEVICE_NOT_FOUND', `No device with id ${id} on this site`)
    return view
  }

  function updateWizard(siteId: string): void {
    const state = devicesStepState(ctx.devices.list(siteId))
    if (state) ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'devices', state.status, state.note))
  }

  function changed(siteId: string): void {
    ctx.bus.emit('devices.changed', { siteId })
    updateWizard(siteId)
  }

  /** Connect, scan and record one device; progress is pushed as `devices.progress` (APP-1: long work shows progress). */
  async function discover(device: StoredDevice, run: { index: number; total: number }): Promise<ScannedDevice> {
    const label = `${device.name} (unit ${device.unitId})`
    const progress = (stage: 'connecting' | 'discovering' | 'done' | 'failed', detail: string) =>
      ctx.bus.emit('devices.progress', { siteId: device.siteId, deviceId: device.id, label, stage, detail, ...run })
    try {
      progress('connecting', 'Opening the connection')
      const transport = await runtime.transportFor(device.connection, { timeoutMs: device.timeoutMs })
      const scan = await scanDevice(transport, {
        unitId: device.unitId,
        ...(device.meterProfile ? { meterProfile: device.meterProfile } : {}),
        onProgress: (detail) => progress('discovering', detail),
      })
      runtime.scans.set(device.id, scan)
      const record = discoveryRecord(scan, ctx.clock.now())
      ctx.devices.saveDiscovery(device.siteId, device.id, record)
      progress('done', `${record.discovery.identity.manufacturer ?? ''} ${record.discovery.identity.model ?? ''}`.trim() || 'Found')
      return scan
    } catch (cause) {
      const error = cause instanceof AppError ? cause : new DeviceDiscoveryError(label, cause)
      runtime.scans.delete(device.id)
      ctx.devices.saveError(device.siteId, device.id, { code: error.code, message: error.describe() })
      progress('failed', error.describe())
      throw error
    }
  }

  /** First discovery: give the device the role it reports, unless that role is already taken (one site meter). */
  function suggestRole(device: StoredDevice): void {
    const found = device.discovery
    if (!found || device.role !== 'none') return
    const others = ctx.devices.list(device.siteId).filter((d) => d.id !== device.id)
    const role: DeviceRole =
      found.detectedAs === 'meter' ? (others.some((d) => d.role === 'site-meter') ? 'none' : 'site-meter') : found.detectedAs === 'storage' ? 'battery' : found.detectedAs === 'inverter' ? 'inverter' : 'none'
    if (role !== 'none') ctx.devices.setRole(device.siteId, device.id, role)
  }

  async function addAndDiscover(input: AddDeviceInput & { role?: DeviceRole }, run: { index: number; total: number }): Promise<DeviceView> {
    ctx.sites.get(input.siteId)
    const stored = ctx.devices.add({
      siteId: input.siteId,
      name: input.name || `Unit ${input.unitId}`,
      connection: input.connection,
      unitId: input.unitId,
      timeoutMs: input.timeoutMs ?? DEFAULT_DEVICE_TIMEOUT_MS,
      meterProfile: input.meterProfile ?? null,
      role: input.role ?? 'none',
    })
    try {
      await discover(stored, run)
      if (!input.role) suggestRole(ctx.devices.get(input.siteId, stored.id))
      return viewOf(input.siteId, stored.id)
    } finally {
      changed(input.siteId)
    }
  }

  async function addSimulated(siteId: string): Promise<DeviceView[]> {
    ctx.sites.get(siteId)
    const sim = await runtime.simulator()
    const present = new Set(ctx.devices.list(siteId).filter((d) => d.connection.kind === 'simulator').map((d) => d.unitId))
    const units = sim.units.filter((u) => !present.has(u.unitId))
    for (const [i, unit] of units.entries()) {
      await addAndDiscover({ siteId, connection: { kind: 'simulator' }, unitId: unit.unitId, name: simName(unit), role: simRole(unit), ...(unit.kind === 'meter-sdm630' ? { meterProfile: 'eastron-sdm630' } : {}) }, { index: i + 1, total: units.length })
    }
    return views(siteId)
  }

  /** The devices to sample; one that cannot be read now is left out (its card shows why) unless none can be read. */
  async function managedDevices(siteId: string): Promise<ManagedDevice[]> {
    const chosen = ctx.devices.list(siteId).filter((d) => SAMPLED_ROLES[d.role] !== undefined)
    if (!chosen.length) throw new NothingToSampleError()
    const managed: ManagedDevice[] = []
    const failures: unknown[] = []
    for (const [i, d] of chosen.entries()) {
      try {
        // After a restart the scan is redone: it also confirms the device is still there.
        const scan = runtime.scans.get(d.id) ?? (await discover(d, { index: i + 1, total: chosen.length }))
        const transport = await runtime.transportFor(d.connection, { timeoutMs: d.timeoutMs })
        managed.push(managedDeviceFromScan(scan, transport, { id: d.id, role: SAMPLED_ROLES[d.role] ?? 'inverter' }))
      } catch (error) {
        failures.push(error)
      }
    }
    if (failures.length) changed(siteId)
    if (!managed.length) throw failures[0]
    return managed
  }

  async function startSampling(siteId: string) {
    ctx.sites.get(siteId)
    await runtime.session?.stop()
    runtime.session = undefined
    const devices = await managedDevices(siteId)
    runtime.session = startSamplingSession({
      siteId,
      sessionId: randomUUID(),
      clock: ctx.clock,
      devices,
      samples: ctx.samples,
      onLive: (sample) => ctx.bus.emit('devices.sample', sample),
      onStatus: (status) => ctx.bus.emit('devices.samplingStatus', { siteId, status }),
      onSample: (sample) => runtime.emitSample(siteId, sample),
      onCtCheck: (check) => ctx.ctChecks.save(siteId, check),
      log: ctx.log,
    })
    ctx.resumeState.setSampling(siteId, true)
    return runtime.session.status()
  }

  return {
    'devices.ports': async () => {
      try {
        const ports = await listSerialPorts()
        return ports.map((p): SerialPortView => ({
          path: p.path,
          manufacturer: p.manufacturer ?? null,
          serialNumber: p.serialNumber ?? null,
          vendorId: p.vendorId ?? null,
          productId: p.productId ?? null,
          description: p.description,
        }))
      } catch (error) {
        throw new SerialPortListError(error)
      }
    },
    'devices.profiles': () => meterProfiles().map((p) => ({ id: p.id, name: p.name })),
    'devices.list': ({ siteId }) => {
      ctx.sites.get(siteId)
      return views(siteId)
    },
    'devices.add': (input) => addAndDiscover(input, { index: 1, total: 1 }),
    'devices.addSimulated': ({ siteId }) => addSimulated(siteId),
    'devices.discover': async ({ siteId, deviceId }) => {
      try {
        await discover(ctx.devices.get(siteId, deviceId), { index: 1, total: 1 })
        return viewOf(siteId, deviceId)
      } finally {
        changed(siteId)
      }
    },
    'devices.remove': async ({ siteId, deviceId }) => {
      if (runtime.session?.siteId === siteId) await stopSession()
      ctx.devices.remove(siteId, deviceId)
      runtime.scans.delete(deviceId)
      changed(siteId)
      return { removed: true as const }
    },
    'devices.setRole': ({ siteId, deviceId, role }) => {
      ctx.devices.setRole(siteId, deviceId, role)
      changed(siteId)
      return views(siteId)
    },
    'devices.dump': ({ siteId, deviceId, format }) => dumpOf(ctx, { siteId, deviceId, format }),
    'devices.startSampling': ({ siteId }) => startSampling(siteId),
    'devices.stopSampling': async ({ siteId }) => {
      if (runtime.session?.siteId === siteId) await stopSession()
      // Stopped by the installer: not resumed after a restart.
      ctx.resumeState.setSampling(siteId, false)
      return { state: 'stopped' as const }
    },
    'devices.sampling': ({ siteId }) => (runtime.session?.siteId === siteId ? runtime.session.status() : { state: 'stopped' as const }),
    'devices.orientation': ({ siteId }) => (runtime.session?.siteId === siteId ? runtime.session.orientation() : null),
    'devices.samples': ({ siteId, limit }) => ctx.samples.latest(siteId, limit ?? 500),
  }

  async function stopSession(): Promise<void> {
    const session = runtime.session
    runtime.session = undefined
    if (!session) return
    await session.stop()
    ctx.bus.emit('devices.samplingStatus', { siteId: session.siteId, status: { state: 'stopped' } })
  }
}

function simName(unit: SimUnitInfo): string {
  switch (unit.kind) {
    case 'inverter-123':
    case 'inverter-704':
      return `Simulated inverter (unit ${unit.unitId})`
    case 'battery':
      return 'Simulated battery'
    case 'meter-sunspec':
      return 'Simulated SunSpec site meter'
    case 'meter-sdm630':
      return 'Simulated SDM630 meter'
  }
}

/** The simulator's SunSpec meter is the site meter; its SDM630 is a second meter the installer may pick instead. */
function simRole(unit: SimUnitInfo): DeviceRole {
  switch (unit.kind) {
    case 'inverter-123':
    case 'inverter-704':
      return 'inverter'
    case 'battery':
      return 'battery'
    case 'meter-sunspec':
      return 'site-meter'
    case 'meter-sdm630':
      return 'none'
  }
}

function dumpOf(ctx: EngineContext, o: { siteId: string; deviceId: string; format: 'text' | 'json' }): DeviceDump {
  const device = ctx.devices.get(o.siteId, o.deviceId)
  const dump = ctx.devices.dump(o.siteId, o.deviceId)
  if (dump.text === null || !device.discovery) {
    throw new AppError('DEVICE_NOT_DISCOVERED', `${device.name} has not been read yet`, { hint: 'run discovery on it first' })
  }
  const [view] = toDeviceViews([device])
  const base = `${device.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'device'}-unit${device.unitId}-models`
  const generatedAt = new Date(ctx.clock.now()).toISOString()
  if (o.format === 'json') {
    const content = JSON.stringify({ device: { name: device.name, where: view?.where, ...device.discovery }, generatedAt, rows: dump.rows }, null, 2)
    return { fileName: `${base}.json`, mimeType: 'application/json', content }
  }
  const identity = device.discovery.identity
  const header = [`${device.name} – ${view?.where ?? ''}`, `${identity.manufacturer ?? '?'} ${identity.model ?? '?'}, serial ${identity.serial ?? '?'}, firmware ${identity.firmware ?? '?'}`, `Read ${new Date(device.discovery.discoveredAt).toISOString()}`, '']
  return { fileName: `${base}.txt`, mimeType: 'text/plain', content: [...header, dump.text].join('\n') }
}
