import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from './database'
import { createDevicesRepo, type NewDevice } from './devices-repo'

let dir: string
let db: Db

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-devices-repo-'))
  db = openDatabase(dir)
  db.prepare("INSERT INTO sites (id, data, created_at, updated_at) VALUES ('s', '{}', 0, 0), ('t', '{}', 0, 0)").run()
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const meter: NewDevice = { siteId: 's', name: 'Meter', connection: { kind: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'none', stopBits: 1 }, unitId: 1, timeoutMs: 1000, meterProfile: 'eastron-sdm630', role: 'none' }

describe('devices repo', () => {
  it('keeps devices per site in the order added, with role, discovery and last error', () => {
    const repo = createDevicesRepo(db, () => 5)
    const a = repo.add(meter)
    const b = repo.add({ ...meter, name: 'Inverter', connection: { kind: 'tcp', host: '10.0.0.2', port: 502 }, unitId: 2, meterProfile: null })
    repo.add({ ...meter, siteId: 't' })
    expect(repo.list('s').map((d) => [d.name, d.position])).toEqual([['Meter', 1], ['Inverter', 2]])
    repo.setRole('s', a.id, 'site-meter')
    repo.saveError('s', b.id, { code: 'MODBUS_TIMEOUT', message: 'No reply' })
    expect(repo.get('s', a.id)).toMatchObject({ role: 'site-meter', connection: meter.connection, meterProfile: 'eastron-sdm630' })
    expect(repo.get('s', b.id).lastError).toEqual({ code: 'MODBUS_TIMEOUT', message: 'No reply' })
    const discovery = { kind: 'sunspec' as const, base: 40000, detectedAs: 'inverter' as const, identity: { manufacturer: 'M', model: null, serial: null, firmware: null }, ratings: { WRtg: null, VARtg: null, WChaMax: null }, models: [], control: '', discoveredAt: 5 }
    repo.saveDiscovery('s', b.id, { discovery, dumpText: 'Model 1', dumpRows: [{ model: 1 }] })
    expect(repo.get('s', b.id)).toMatchObject({ discovery, lastError: null })
    expect(repo.dump('s', b.id)).toEqual({ text: 'Model 1', rows: [{ model: 1 }] })
  })

  it('does not reach across sites, and names a missing device', () => {
    const repo = createDevicesRepo(db, () => 5)
    const a = repo.add(meter)
    expect(() => repo.get('t', a.id)).toThrow(expect.objectContaining({ code: 'DEVICE_NOT_FOUND' }))
    expect(() => repo.remove('t', a.id)).toThrow(expect.objectContaining({ code: 'DEVICE_NOT_FOUND' }))
    repo.remove('s', a.id)
    expect(repo.list('s')).toEqual([])
  })

  it('refuses a role outside the list at the database too', () => {
    const repo = createDevicesRepo(db, () => 5)
    const a = repo.add(meter)
    expect(() => db.prepare("UPDATE devices SET role = 'toaster' WHERE id = ?").run(a.id)).toThrow(/CHECK/)
  })
})
