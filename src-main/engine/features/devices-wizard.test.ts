import { describe, expect, it } from 'vitest'
import type { DeviceDiscovery, DeviceRole } from '../../../src-shared/contract/devices'
import type { StoredDevice } from '../../storage/devices-repo'
import { devicesStepState } from './devices-wizard'

const discovery: DeviceDiscovery = {
  kind: 'sunspec',
  base: 40000,
  detectedAs: 'inverter',
  identity: { manufacturer: 'M', model: 'X', serial: 'S', firmware: '1' },
  ratings: { WRtg: 5000, VARtg: 5000, WChaMax: null },
  models: [],
  control: '',
  discoveredAt: 0,
}

function device(id: string, role: DeviceRole, read: 'ok' | 'error' | 'never' = 'ok'): StoredDevice {
  return {
    id,
    siteId: 's',
    position: 1,
    name: id,
    connection: { kind: 'simulator' },
    unitId: 1,
    timeoutMs: 1000,
    meterProfile: null,
    role,
    discovery: read === 'never' ? null : discovery,
    lastError: read === 'error' ? { code: 'MODBUS_TIMEOUT', message: 'No reply' } : null,
  }
}

/** APP-1: the Devices step is done when a site meter and at least one inverter are assigned and read. */
describe('devicesStepState', () => {
  const rows: { name: string; devices: StoredDevice[]; status: string | undefined; note?: RegExp }[] = [
    { name: 'no devices: nothing recorded', devices: [], status: undefined },
    { name: 'meter and inverter read', devices: [device('meter', 'site-meter'), device('inv', 'inverter')], status: 'done', note: /Site meter meter and 1 inverter read/ },
    { name: 'two inverters, one silent', devices: [device('meter', 'site-meter'), device('a', 'inverter'), device('b', 'inverter', 'error')], status: 'done', note: /1 inverter read/ },
    { name: 'no site meter role', devices: [device('meter', 'none'), device('inv', 'inverter')], status: 'in-progress', note: /role "Site meter"/ },
    { name: 'no inverter role', devices: [device('meter', 'site-meter'), device('bat', 'battery')], status: 'in-progress', note: /role "Inverter"/ },
    { name: 'site meter not answering', devices: [device('meter', 'site-meter', 'error'), device('inv', 'inverter')], status: 'in-progress', note: /site meter \(meter\) did not answer: No reply/ },
    { name: 'site meter never read', devices: [device('meter', 'site-meter', 'never'), device('inv', 'inverter')], status: 'in-progress', note: /not read yet/ },
    { name: 'inverter not answering', devices: [device('meter', 'site-meter'), device('inv', 'inverter', 'error')], status: 'in-progress', note: /no inverter answered/ },
  ]
  for (const row of rows) {
    it(row.name, () => {
      const state = devicesStepState(row.devices)
      expect(state?.status).toBe(row.status)
      if (row.note) expect(state?.note).toMatch(row.note)
    })
  }
})
