import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SiteSample } from '../devices'
import { openDatabase, type Db } from './database'
import { createSampleHistoryRepo } from './sample-history-repo'
import { createSamplesRepo } from './samples-repo'

let dir: string
let db: Db

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-sample-history-'))
  db = openDatabase(dir)
  db.prepare("INSERT INTO sites (id, data, created_at, updated_at) VALUES ('s', '{}', 0, 0), ('other', '{}', 0, 0)").run()
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function sample(seq: number): SiteSample {
  return {
    seq,
    at: seq * 200,
    mono: seq * 200,
    roundMs: 10,
    periodMs: 200,
    site: { phases: { A: {}, B: {}, C: {} }, total: { W: -seq } },
    der: { W: seq, var: undefined, VA: undefined, V: undefined, Hz: undefined, energyWh: undefined, reporting: 1, live: 1 },
    devices: [],
    gap: undefined,
  }
}

describe('sample history repo (APP-4 chart history)', () => {
  it('gives the last sample of each bucket since a time, oldest first, for the one site', () => {
    const samples = createSamplesRepo(db)
    samples.appendBatch('s', 'run-1', Array.from({ length: 20 }, (_, i) => sample(i)))
    samples.appendBatch('other', 'run-2', [sample(30)])
    // 200 ms samples at 0..3800 ms; from 1000 ms in 1 s buckets: the last of 1000-1800, 2000-2800, 3000-3800.
    const got = createSampleHistoryRepo(db).lastPerBucket({ siteId: 's', sinceMs: 1000, bucketMs: 1000 })
    expect(got.map((s) => s.at)).toEqual([1800, 2800, 3800])
    expect(got[0]).toEqual(sample(9))
  })
})
