/**
 * Issue 14 item 4, the data side of the charts: a day of 5 Hz samples (432 000) stored for a site, the Telemetry step's
 * history query over all of it, and the verification chart's downsampling of a 1000 s run at 5 Hz. Both must fit well
 * inside one 50 ms frame budget for the chart to stay responsive; the points they hand the renderer are bounded
 * (maxPoints), and peaks are kept (src-shared/chart/keep-extremes.ts, storage/samples-repo.ts).
 * Not measured here yet: frame time and JS heap in Chromium while live data streams and while zooming.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { keepExtremes } from '../src-shared/chart/keep-extremes'
import { downsampleRun } from '../src-shared/verification/downsample'
import type { SiteSample } from '../src-main/devices'
import { insertBareSite, lastSamplePerBucket } from '../src-main/storage/bench-queries'
import { openDatabase, type Db } from '../src-main/storage/database'
import { createSamplesRepo, SAMPLES_PER_HISTORY_BUCKET } from '../src-main/storage/samples-repo'
import { median, printFigures } from './support/figures'

const DAY_SAMPLES = 24 * 3600 * 5
const T0 = Date.UTC(2026, 11, 4)
const HISTORY_POINTS = 600
const FRAME_MS = 50
const dir = mkdtempSync(join(tmpdir(), 'sep2-bench-chart-'))
let db: Db
const times = { history: [] as number[], lastOnly: [] as number[], extremes: [] as number[], run: [] as number[] }
let historyPoints = 0

function sample(seq: number): SiteSample {
  const siteW = -2000 + 1500 * Math.sin(seq / 9000) + (seq % 50_000 === 0 ? 6000 : 0)
  return {
    seq,
    at: T0 + seq * 200,
    mono: seq * 200,
    roundMs: 120,
    periodMs: 200,
    site: { phases: { A: {}, B: {}, C: {} }, total: { W: siteW } },
    der: { W: 4000 + 500 * Math.cos(seq / 3000), var: undefined, VA: undefined, V: undefined, Hz: undefined, energyWh: undefined, reporting: 1, live: 1 },
    devices: [],
    gap: undefined,
  }
}

const dayPoints = Array.from({ length: DAY_SAMPLES }, (_, i) => ({ t: T0 / 1000 + i / 5, site: sample(i).site?.total.W ?? null, der: 4000 + 500 * Math.cos(i / 3000) }))
const run = Array.from({ length: 5001 }, (_, i) => ({ t: i / 5, ramped: i < 500 ? 5000 : 1500, measured: (i < 500 ? 4000 : 1400) + 60 * Math.sin(i * 1.7) }))

beforeAll(() => {
  db = openDatabase(dir)
  insertBareSite(db, 's')
  const repo = createSamplesRepo(db)
  for (let start = 0; start < DAY_SAMPLES; start += 10_000) repo.appendBatch('s', 'day', Array.from({ length: Math.min(10_000, DAY_SAMPLES - start) }, (_, i) => sample(start + i)))
}, 600_000)

afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
  printFigures('Chart data (issue 14 item 4): 24 h at 5 Hz = 432 000 samples; 1000 s run at 5 Hz', [
    {
      what: `Telemetry history of the whole day from SQLite -> ${String(historyPoints)} points, once when the step opens (median)`,
      value: median(times.history),
      unit: 'ms',
      goal: median(times.lastOnly),
      goalText: 'the previous last-sample-per-bucket query (lost peaks)',
    },
    { what: 'Peak-keeping downsampling of 432 000 points in memory (median)', value: median(times.extremes), unit: 'ms', goal: FRAME_MS, goalText: 'one frame' },
    { what: 'Verification chart: downsampleRun of a 1000 s run (5001 points, median)', value: median(times.run), unit: 'ms', goal: FRAME_MS, goalText: 'one frame' },
  ])
})

describe('chart data', () => {
  bench('history query, 24 h', () => {
    const start = performance.now()
    const buckets = Math.floor(HISTORY_POINTS / SAMPLES_PER_HISTORY_BUCKET) - 1
    historyPoints = createSamplesRepo(db).downsampled('s', { sinceMs: T0, bucketMs: Math.ceil((DAY_SAMPLES * 200) / buckets) }).length
    times.history.push(performance.now() - start)
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })

  bench('previous history query (last sample per bucket), 24 h', () => {
    const start = performance.now()
    const bucketMs = Math.ceil((DAY_SAMPLES * 200) / HISTORY_POINTS)
    lastSamplePerBucket(db, 's', T0, bucketMs)
    times.lastOnly.push(performance.now() - start)
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })

  bench('keepExtremes, 432 000 points', () => {
    const start = performance.now()
    keepExtremes(dayPoints, { buckets: 300, time: (p) => p.t, values: [(p) => p.site, (p) => p.der] })
    times.extremes.push(performance.now() - start)
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })

  bench('downsampleRun, 1000 s run', () => {
    const start = performance.now()
    downsampleRun(run, 2000)
    times.run.push(performance.now() - start)
  }, { iterations: 20, time: 0, warmupIterations: 2, warmupTime: 0 })
})
