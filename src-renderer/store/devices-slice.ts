import type { EventPayload } from '../../src-shared/api'
import type { AddDeviceInput, DeviceDump, DeviceRole, DeviceView, LiveSample, SamplingStatusView, SerialPortView } from '../../src-shared/contract/devices'
import type { AppErrorShape } from '../../src-shared/result'
import { call } from './call'
import type { Slice } from './types'

export type DeviceProgress = EventPayload<'devices.progress'>

/** Step "Devices": the site's devices, discovery progress, live samples and the sampling state. */
export interface DevicesSlice {
  devices: DeviceView[]
  /** null until the installer asks for the list. */
  serialPorts: SerialPortView[] | null
  meterProfileOptions: { id: string; name: string }[]
  devicesBusy: boolean
  deviceProgress: DeviceProgress | null
  live: LiveSample | null
  sampling: SamplingStatusView
  loadDevices(): Promise<void>
  listSerialPorts(): Promise<void>
  /** Returns the error to show at the form, or null when the device was added and read. */
  addDevice(input: Omit<AddDeviceInput, 'siteId'>): Promise<AppErrorShape | null>
  addSimulatedDevices(): Promise<void>
  rediscoverDevice(deviceId: string): Promise<void>
  removeDevice(deviceId: string): Promise<void>
  setDeviceRole(deviceId: string, role: DeviceRole): Promise<void>
  startSampling(): Promise<void>
  stopSampling(): Promise<void>
  fetchDump(deviceId: string, format: 'text' | 'json'): Promise<DeviceDump | null>
  /** Push events (`devices.*`). */
  receiveDeviceProgress(p: DeviceProgress): void
  receiveLiveSample(s: LiveSample): void
  receiveSamplingStatus(p: EventPayload<'devices.samplingStatus'>): void
  receiveDevicesChanged(siteId: string): void
}

export const createDevicesSlice: Slice<DevicesSlice> = (set, get) => {
  async function busy<T>(work: (siteId: string) => Promise<T>): Promise<T | undefined> {
    const siteId = get().currentSiteId
    if (!siteId) return undefined
    set({ devicesBusy: true })
    try {
      return await work(siteId)
    } finally {
      set({ devicesBusy: false })
    }
  }

  return {
    devices: [],
    serialPorts: null,
    meterProfileOptions: [],
    devicesBusy: false,
    deviceProgress: null,
    live: null,
    sampling: { state: 'stopped' },
    async loadDevices() {
      const siteId = get().currentSiteId
      if (!siteId) return set({ devices: [], live: null, sampling: { state: 'stopped' } })
      const [devices, sampling, profiles] = await Promise.all([call('devices.list', { siteId }), call('devices.sampling', { siteId }), call('devices.profiles', {})])
      if (get().live?.siteId !== siteId) set({ live: null })
      if (devices.ok) set({ devices: devices.value })
      else get().showError(devices.error)
      if (sampling.ok) set({ sampling: sampling.value })
      if (profiles.ok) set({ meterProfileOptions: profiles.value })
    },
    async listSerialPorts() {
      const result = await call('devices.ports', {})
      if (result.ok) set({ serialPorts: result.value })
      else {
        set({ serialPorts: [] })
        get().showError(result.error)
      }
    },
    addDevice: async (input) =>
      (await busy(async (siteId) => {
        const result = await call('devices.add', { ...input, siteId })
        await get().loadDevices()
        return result.ok ? null : result.error
      })) ?? null,
    addSimulatedDevices: async () => {
      await busy(async (siteId) => {
        const result = await call('devices.addSimulated', { siteId })
        if (!result.ok) get().showError(result.error)
        await get().loadDevices()
      })
    },
    rediscoverDevice: async (deviceId) => {
      await busy(async (siteId) => {
        const result = await call('devices.discover', { siteId, deviceId })
        if (!result.ok) get().showError(result.error)
        await get().loadDevices()
      })
    },
    async removeDevice(deviceId) {
      const siteId = get().currentSiteId
      if (!siteId) return
      const result = await call('devices.remove', { siteId, deviceId })
      if (!result.ok) get().showError(result.error)
      await get().loadDevices()
    },
    async setDeviceRole(deviceId, role) {
      const siteId = get().currentSiteId
      if (!siteId) return
      const result = await call('devices.setRole', { siteId, deviceId, role })
      if (result.ok) set({ devices: result.value })
      else get().showError(result.error)
    },
    startSampling: async () => {
      await busy(async (siteId) => {
        const result = await call('devices.startSampling', { siteId })
        if (result.ok) set({ sampling: result.value })
        else get().showError(result.error)
        await get().loadDevices()
      })
    },
    async stopSampling() {
      const siteId = get().currentSiteId
      if (!siteId) return
      const result = await call('devices.stopSampling', { siteId })
      if (result.ok) set({ sampling: result.value })
      else get().showError(result.error)
    },
    async fetchDump(deviceId, format) {
      const siteId = get().currentSiteId
      if (!siteId) return null
      const result = await call('devices.dump', { siteId, deviceId, format })
      if (result.ok) return result.value
      get().showError(result.error)
      return null
    },
    receiveDeviceProgress(p) {
      if (p.siteId === get().currentSiteId) set({ deviceProgress: p })
    },
    receiveLiveSample(s) {
      if (s.siteId === get().currentSiteId) set({ live: s })
    },
    receiveSamplingStatus(p) {
      if (p.siteId === get().currentSiteId) set({ sampling: p.status })
    },
    receiveDevicesChanged(siteId) {
      if (siteId === get().currentSiteId) void get().loadDevices()
    },
  }
}
