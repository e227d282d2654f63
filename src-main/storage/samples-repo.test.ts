import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SiteSample } from '../devices'
import { openDatabase, type Db } from './database'
import { createSamplesRepo } from './samples-repo'

let dir: string
let db: Db

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-samples-'))
  db = openDatabase(dir)
  db.prepare("INSERT INTO sites (id, data, created_at, updated_at) VALUES ('s', '{}', 0, 0)").run()
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function sample(seq: number, siteW: number | undefined): SiteSample {
  return {
    seq,
    at: 1_000 + seq * 200,
    mono: seq * 200,
    roundMs: 10,
    periodMs: 200,
    site: siteW === undefined ? undefined : { phases: { A: {}, B: {}, C: {} }, total: { W: siteW } },
    der: { W: 3000, var: undefined, VA: undefined, V: undefined, Hz: undefined, energyWh: undefined, reporting: 1, live: 1 },
    devices: [],
    gap: seq === 2 ? { intervalMs: 900, missing: [] } : undefined,
  }
}

describe('samples repo (DEV-5, REL-2)', () => {
  it('stores a batch with the queried columns and the whole sample', () => {
    const repo = createSamplesRepo(db)
    repo.appendBatch('s', 'run-1', [sample(0, -500), sample(1, undefined), sample(2, -450)])
    expect(repo.latest('s', 10)).toEqual([
      { sessionId: 'run-1', seq: 0, at: 1000, siteW: -500, derW: 3000, gap: false },
      { sessionId: 'run-1', seq: 1, at: 1200, siteW: null, derW: 3000, gap: false },
      { sessionId: 'run-1', seq: 2, at: 1400, siteW: -450, derW: 3000, gap: true },
    ])
    const row = db.prepare('SELECT data FROM device_samples WHERE seq = 2').get() as { data: string }
    expect(JSON.parse(row.data)).toMatchObject({ seq: 2, periodMs: 200, gap: { intervalMs: 900 } })
    expect(repo.latest('s', 2).map((s) => s.seq)).toEqual([1, 2])
  })

  it('gives chart history as the last sample of each time bucket since a time, oldest first', () => {
    const repo = createSamplesRepo(db)
    repo.appendBatch('s', 'run-1', [0, 1, 2, 3, 4, 5, 6].map((seq) => sample(seq, -100)))
    // at = 1000 + 200 seq; buckets of 500 ms from 1200: [1000,1500) -> seq 2, [1500,2000) -> seq 4, [2000,2500) -> seq 6
    const seqs = repo.downsampled('s', { sinceMs: 1200, bucketMs: 500 }).map((x) => x.seq)
    expect(seqs).toEqual(expect.arrayContaining([2, 4, 6]))
    expect(seqs.every((seq) => seq >= 1)).toBe(true)
    expect(repo.downsampled('other', { sinceMs: 0, bucketMs: 500 })).toEqual([])
  })

  it('keeps the spike and the dip of each bucket, of site and of DER power (issue 14 item 4)', () => {
    const repo = createSamplesRepo(db)
    const samples = Array.from({ length: 3000 }, (_, seq) => sample(seq, seq === 1234 ? 9000 : seq === 2001 ? -9000 : -100))
    const withDer = samples.map((s) => (s.seq === 777 ? { ...s, der: { ...s.der, W: 0 } } : s))
    repo.appendBatch('s', 'run-1', withDer)
    const history = repo.downsampled('s', { sinceMs: 0, bucketMs: 60_000 })
    const seqs = history.map((x) => x.seq)
    expect(seqs).toEqual(expect.arrayContaining([1234, 2001, 777, 2999]))
    expect(history.length).toBeLessThanOrEqual(Math.ceil((3000 * 200) / 60_000 + 1) * 5)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
  })

  it('writes a batch whole or not at all', () => {
    const repo = createSamplesRepo(db)
    const broken = { ...sample(1, -1), seq: null } as unknown as SiteSample
    expect(() => repo.appendBatch('s', 'run-1', [sample(0, -1), broken, sample(2, -1)])).toThrow()
    expect(repo.count('s')).toBe(0)
  })

  it('goes with its site', () => {
    const repo = createSamplesRepo(db)
    repo.appendBatch('s', 'run-1', [sample(0, -1)])
    db.prepare("DELETE FROM sites WHERE id = 's'").run()
    expect(repo.count('s')).toBe(0)
  })
})
