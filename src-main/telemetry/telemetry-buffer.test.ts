import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReadingValue } from '../../src-shared/telemetry'
import { openDatabase, type Db } from '../storage/database'
import { DEFAULT_BUFFER_INTERVALS, TelemetryBuffer } from './telemetry-buffer'

const T0 = Date.UTC(2026, 0, 15, 0, 0)
const FIVE_MIN = 300_000
const dirs: string[] = []
const dbs: Db[] = []

function open(dir?: string): { db: Db; dir: string } {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'tel-buffer-'))
  if (!dir) dirs.push(d)
  const db = openDatabase(d)
  dbs.push(db)
  return { db, dir: d }
}

function reading(endMs: number, quantity: 'w' | 'var', value: number): ReadingValue {
  return {
    key: { scope: 'site', phase: 'a', quantity, qualifier: 'average' },
    timeTagS: endMs / 1000,
    durationS: 300,
    value: { value, multiplier: 0 },
    qualityFlags: 1,
    coverage: 1,
  }
}

const clock = { now: () => T0 }

afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('telemetry buffer (TEL-5, REL-2, handbook 13.3)', () => {
  it('gives readings back oldest interval first, in plan order, and forgets what was sent', () => {
    const { db } = open()
    const buffer = new TelemetryBuffer(db, { siteId: 's1', capacity: 100, clock })
    buffer.queueInterval(T0 + 2 * FIVE_MIN, [reading(T0 + 2 * FIVE_MIN, 'w', 3), reading(T0 + 2 * FIVE_MIN, 'var', 4)])
    expect(buffer.queueInterval(T0 + FIVE_MIN, [reading(T0 + FIVE_MIN, 'w', 1)]).duplicate).toBe(true)
    buffer.queueInterval(T0 + 3 * FIVE_MIN, [reading(T0 + 3 * FIVE_MIN, 'w', 5)])
    const order: number[] = []
    for (let r = buffer.oldest(); r; r = buffer.oldest()) {
      order.push(r.reading.value.value)
      buffer.remove(r.id)
    }
    expect(order).toEqual([3, 4, 5])
  })

  it('never queues an interval twice, even across a restart', () => {
    const { db, dir } = open()
    const a = new TelemetryBuffer(db, { siteId: 's1', capacity: 100, clock })
    expect(a.queueInterval(T0, [reading(T0, 'w', 1)])).toEqual({ queued: 1, dropped: 0, duplicate: false })
    expect(a.queueInterval(T0, [reading(T0, 'w', 1)]).duplicate).toBe(true)
    db.close()
    dbs.splice(dbs.indexOf(db), 1)
    const { db: again } = open(dir)
    const b = new TelemetryBuffer(again, { siteId: 's1', capacity: 100, clock })
    expect(b.depth()).toEqual({ readings: 1, intervals: 1, oldestEndMs: T0 })
    expect(b.queueInterval(T0, [reading(T0, 'w', 9)]).duplicate).toBe(true)
    expect(b.oldest()?.reading.value.value).toBe(1)
  })

  it('holds 24 h by default and drops only the oldest beyond capacity, saying how many', () => {
    const { db } = open()
    const perInterval = 2
    const buffer = new TelemetryBuffer(db, { siteId: 's1', capacity: DEFAULT_BUFFER_INTERVALS * perInterval, clock })
    let dropped = 0
    for (let k = 1; k <= DEFAULT_BUFFER_INTERVALS + 3; k++) {
      const end = T0 + k * FIVE_MIN
      dropped += buffer.queueInterval(end, [reading(end, 'w', k), reading(end, 'var', k)]).dropped
    }
    expect(dropped).toBe(3 * perInterval)
    expect(buffer.depth()).toEqual({ readings: DEFAULT_BUFFER_INTERVALS * perInterval, intervals: DEFAULT_BUFFER_INTERVALS, oldestEndMs: T0 + 4 * FIVE_MIN })
    expect(DEFAULT_BUFFER_INTERVALS * FIVE_MIN).toBe(24 * 3_600_000)
  })

  it('marks a row in flight with its mRID before a post, and keeps that mRID and the count across a restart (REL-2)', () => {
    const { db, dir } = open()
    const a = new TelemetryBuffer(db, { siteId: 's1', capacity: 100, clock })
    a.queueInterval(T0, [reading(T0, 'w', 1)])
    const row = a.oldest()
    expect(row).toMatchObject({ mrid: undefined, attempts: 0 })
    expect(a.inFlight()).toBe(0)
    expect(a.markInFlight(row?.id ?? 0, 'MRID-A')).toBe('MRID-A')
    db.close()
    dbs.splice(dbs.indexOf(db), 1)
    const b = new TelemetryBuffer(open(dir).db, { siteId: 's1', capacity: 100, clock })
    expect(b.inFlight()).toBe(1)
    expect(b.pending()).toMatchObject([{ mrid: 'MRID-A', attempts: 1 }])
    // A second attempt keeps the identity the first one went out with.
    expect(b.markInFlight(row?.id ?? 0, 'MRID-B')).toBe('MRID-A')
    expect(b.oldest()).toMatchObject({ mrid: 'MRID-A', attempts: 2 })
  })

  it('keeps sites apart and stores small state values', () => {
    const { db } = open()
    const a = new TelemetryBuffer(db, { siteId: 'a', capacity: 10, clock })
    const b = new TelemetryBuffer(db, { siteId: 'b', capacity: 10, clock })
    a.queueInterval(T0, [reading(T0, 'w', 1)])
    expect(b.oldest()).toBeUndefined()
    a.setState('mup.site', '/api/v2/mup/1')
    expect(a.getState('mup.site')).toBe('/api/v2/mup/1')
    expect(b.getState('mup.site')).toBeUndefined()
    a.setState('mup.site', undefined)
    expect(a.getState('mup.site')).toBeUndefined()
  })
})
