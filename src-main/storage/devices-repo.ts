import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { deviceConnectionSchema, deviceRoleSchema, type DeviceConnection, type DeviceDiscovery, type DeviceRole } from '../../src-shared/contract/devices'
import { AppError } from '../errors'
import type { Db } from './database'

/** Devices added to a site (DEV-1), with the role the installer gave each and what discovery last found. */
export class DeviceNotFoundError extends AppError {
  constructor(id: string) {
    super('DEVICE_NOT_FOUND', `No device with id ${id} on this site`, { hint: 'Reload the device list; it may have been removed.' })
  }
}

export interface StoredDevice {
  id: string
  siteId: string
  position: number
  name: string
  connection: DeviceConnection
  unitId: number
  timeoutMs: number
  meterProfile: string | null
  role: DeviceRole
  discovery: DeviceDiscovery | null
  lastError: { code: string; message: string } | null
}

export interface NewDevice {
  siteId: string
  name: string
  connection: DeviceConnection
  unitId: number
  timeoutMs: number
  meterProfile: string | null
  role: DeviceRole
}

interface DeviceRow {
  id: string
  site_id: string
  position: number
  name: string
  connection: string
  unit_id: number
  timeout_ms: number
  meter_profile: string | null
  role: string
  discovery: string | null
  last_error: string | null
}

const errorSchema = z.object({ code: z.string(), message: z.string() })

// REL-1: rows are parsed on the way out, so a damaged row fails loudly rather than reaching the UI half-formed.
function toDevice(row: DeviceRow): StoredDevice {
  return {
    id: row.id,
    siteId: row.site_id,
    position: row.position,
    name: row.name,
    connection: deviceConnectionSchema.parse(JSON.parse(row.connection)),
    unitId: row.unit_id,
    timeoutMs: row.timeout_ms,
    meterProfile: row.meter_profile,
    role: deviceRoleSchema.parse(row.role),
    discovery: row.discovery === null ? null : (JSON.parse(row.discovery) as DeviceDiscovery),
    lastError: row.last_error === null ? null : errorSchema.parse(JSON.parse(row.last_error)),
  }
}

export interface DiscoveryRecord {
  discovery: DeviceDiscovery
  dumpText: string
  dumpRows: unknown[]
}

export function createDevicesRepo(db: Db, now: () => number) {
  const get = (siteId: string, id: string): StoredDevice => {
    const row = db.prepare('SELECT * FROM devices WHERE id = ? AND site_id = ?').get(id, siteId) as DeviceRow | undefined
    if (!row) throw new DeviceNotFoundError(id)
    return toDevice(row)
  }

  return {
    list(siteId: string): StoredDevice[] {
      const rows = db.prepare('SELECT * FROM devices WHERE site_id = ? ORDER BY position').all(siteId) as DeviceRow[]
      return rows.map(toDevice)
    },
    get,
    add(device: NewDevice): StoredDevice {
      const id = randomUUID()
      const at = now()
      db.transaction(() => {
        const { next } = db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM devices WHERE site_id = ?').get(device.siteId) as { next: number }
        db.prepare(
          `INSERT INTO devices (id, site_id, position, name, connection, unit_id, timeout_ms, meter_profile, role, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, device.siteId, next, device.name, JSON.stringify(device.connection), device.unitId, device.timeoutMs, device.meterProfile, device.role, at, at)
      })()
      return get(device.siteId, id)
    },
    saveDiscovery(siteId: string, id: string, record: DiscoveryRecord): StoredDevice {
      db.prepare('UPDATE devices SET discovery = ?, dump_text = ?, dump_rows = ?, last_error = NULL, updated_at = ? WHERE id = ? AND site_id = ?').run(
        JSON.stringify(record.discovery),
        record.dumpText,
        JSON.stringify(record.dumpRows),
        now(),
        id,
        siteId,
      )
      return get(siteId, id)
    },
    saveError(siteId: string, id: string, error: { code: string; message: string }): StoredDevice {
      db.prepare('UPDATE devices SET last_error = ?, updated_at = ? WHERE id = ? AND site_id = ?').run(JSON.stringify(error), now(), id, siteId)
      return get(siteId, id)
    },
    setRole(siteId: string, id: string, role: DeviceRole): StoredDevice {
      get(siteId, id)
      db.prepare('UPDATE devices SET role = ?, updated_at = ? WHERE id = ? AND site_id = ?').run(role, now(), id, siteId)
      return get(siteId, id)
    },
    dump(siteId: string, id: string): { text: string | null; rows: unknown[] | null } {
      const row = db.prepare('SELECT dump_text, dump_rows FROM devices WHERE id = ? AND site_id = ?').get(id, siteId) as
        | { dump_text: string | null; dump_rows: string | null }
        | undefined
      if (!row) throw new DeviceNotFoundError(id)
      return { text: row.dump_text, rows: row.dump_rows === null ? null : (JSON.parse(row.dump_rows) as unknown[]) }
    },
    remove(siteId: string, id: string): void {
      const result = db.prepare('DELETE FROM devices WHERE id = ? AND site_id = ?').run(id, siteId)
      if (result.changes === 0) throw new DeviceNotFoundError(id)
    },
  }
}
export type DevicesRepo = ReturnType<typeof createDevicesRepo>
