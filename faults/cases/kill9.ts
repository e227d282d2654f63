/**
 * Issue 15 item 8: telemetry exactly once across kill -9. The run's database buffer is filled with readings whose
 * values are unique; `run` is started 20 times and killed with SIGKILL at the worst moments – the server (this
 * harness) kills it right after answering 201 to a MirrorMeterReading, a few ms later, or while the POST is still
 * unanswered – then a last run drains the buffer. Compared: the readings put in the buffer, the server's record (the
 * simulator's accepted readings, keyed as IEEE 2030.5 mirroring keeps them: usage point, MirrorMeterReading mRID,
 * Reading start – a re-post of the same reading updates its record) and what is left in the buffer. Expected: 0 lost,
 * 0 duplicate records; the number of re-posts is reported as a fact.
 */
import { createSystemClock } from '../../src-main/engine/system-clock'
import type { SimResponse } from '../../src-main/sim/utility/core'
import { openDatabase } from '../../src-main/storage/database'
import { TelemetryBuffer } from '../../src-main/telemetry'
import { readingPlan, type ReadingValue } from '../../src-shared/telemetry'
import { judge, type FaultCase } from '../lib/case'
import { tail, type Started } from '../lib/processes'
import { interrupt, startRun, startSite, type Site } from '../lib/site'

const KILLS = Number(process.env.FAULTS_KILLS ?? 20)
const INTERVALS = 12
const INTERVAL_S = 300
/** Where the kill lands relative to the server's 201, by cycle: before answering, at once, 2 ms, 20 ms after. */
const KILL_AFTER_MS = ['before', 0, 2, 20] as const

/** Fill the run's buffer with INTERVALS x plan readings; value i (1..N) is unique. Returns the values. */
function fillBuffer(site: Site): number[] {
  const db = openDatabase(site.dataDir)
  try {
    const plan = readingPlan({ scope: 'site', phases: ['a', 'b', 'c'], voltage: true, frequency: true })
    const buffer = new TelemetryBuffer(db, { siteId: 'faults', capacity: 10_000, clock: createSystemClock() })
    const lastEnd = Math.floor(Date.now() / 1000 / INTERVAL_S) * INTERVAL_S - INTERVAL_S
    const values: number[] = []
    for (let k = 0; k < INTERVALS; k++) {
      const endS = lastEnd - (INTERVALS - 1 - k) * INTERVAL_S
      const readings: ReadingValue[] = plan.map((key) => {
        values.push(values.length + 1)
        return { key, timeTagS: endS, durationS: INTERVAL_S, value: { value: values.length, multiplier: 0 }, qualityFlags: 1, coverage: 1 }
      })
      buffer.queueInterval(endS * 1000, readings)
    }
    return values
  } finally {
    db.close()
  }
}

interface ServerRecord {
  /** IEEE 2030.5 mirroring: one record per (usage point, MirrorMeterReading mRID, Reading start); a re-post of the
   * same reading updates its record. Record key -> the reading's value. */
  records: Map<string, number>
  /** Readings accepted in all (re-posts included). */
  accepted: number
}

/** The server's record of accepted MirrorMeterReading(List) posts (the simulator's `received`). */
function serverRecord(site: Site): ServerRecord {
  const records = new Map<string, number>()
  let accepted = 0
  for (const d of site.server.received) {
    if (d.kind !== 'MirrorMeterReading' && d.kind !== 'MirrorMeterReadingList') continue
    for (const mmr of d.xml.match(/<MirrorMeterReading[\s>][\s\S]*?<\/MirrorMeterReading>/g) ?? []) {
      const mRID = /<mRID>([0-9A-Fa-f]+)<\/mRID>/.exec(mmr)?.[1] ?? '?'
      for (const reading of mmr.match(/<Reading>[\s\S]*?<\/Reading>/g) ?? []) {
        const start = /<start>(-?\d+)<\/start>/.exec(reading)?.[1] ?? '?'
        const value = Number(/<value>(-?\d+)<\/value>/.exec(reading)?.[1])
        records.set(`${d.path}|${mRID}|${start}`, value)
        accepted++
      }
    }
  }
  return { records, accepted }
}

export const kill9Case: FaultCase = {
  id: 'telemetry.kill-9-x20',
  title: 'kill -9 x 20 of run while it posts buffered telemetry: 0 lost, 0 duplicate (buffer vs the server record)',
  fast: false,
  timeoutMs: 720_000,
  async run(ctx) {
    let victim: Started | undefined
    let killAfter: (typeof KILL_AFTER_MS)[number] = 0
    const site = await startSite(ctx, {
      arrange: (s) =>
        s.override(/^\/api\/v2\/mup\/\d+$/, async (req, normal): Promise<SimResponse> => {
          const target = req.method === 'POST' ? victim : undefined
          if (!target) return normal()
          victim = undefined
          if (killAfter === 'before') target.child.kill('SIGKILL')
          const answer = await normal()
          if (killAfter !== 'before') {
            const after = killAfter
            setTimeout(() => target.child.kill('SIGKILL'), after)
          }
          return answer
        }),
    })
    try {
      const values = fillBuffer(site)
      let killed = 0
      for (let cycle = 0; cycle < KILLS && !ctx.signal.aborted; cycle++) {
        const run = startRun(ctx, site)
        killAfter = KILL_AFTER_MS[cycle % KILL_AFTER_MS.length] ?? 0
        victim = run
        const f = await Promise.race([run.done, new Promise<undefined>((r) => setTimeout(() => r(undefined), 60_000))])
        if (f?.signal === 'SIGKILL') killed++
        else {
          victim = undefined
          const g = await interrupt(run)
          ctx.log(`cycle ${cycle}: not killed mid-post; exit ${g.code}; ${tail(g.stderr + g.stdout, 300)}`)
        }
      }
      const last = startRun(ctx, site)
      const deadline = Date.now() + 90_000
      while (Date.now() < deadline && !ctx.signal.aborted && new Set(serverRecord(site).records.values()).size < values.length) await new Promise((r) => setTimeout(r, 500))
      const f = await interrupt(last)
      const left = Number(/(\d+) reading\(s\) left in the buffer/.exec(f.stdout)?.[1] ?? NaN)
      const record = serverRecord(site)
      const seen = new Map<number, number>()
      for (const v of record.records.values()) seen.set(v, (seen.get(v) ?? 0) + 1)
      const duplicates = [...seen.values()].filter((n) => n > 1).length
      const missing = values.filter((v) => !seen.has(v)).length
      const lost = missing - (Number.isFinite(left) ? left : 0)
      return judge(
        [
          [killed === KILLS, `only ${killed} of ${KILLS} runs were killed mid-post (the others never posted within 60 s)`],
          [Number.isFinite(left), `the last run did not report its buffer (exit ${f.code}): ${f.stdout.slice(-120)}`],
          [lost === 0, `${lost} reading(s) lost`],
          [duplicates === 0, `${duplicates} reading(s) in more than one server record (re-posted under another usage point, mRID or time)`],
        ],
        `${values.length} readings buffered, ${killed} kill -9; the server accepted ${record.accepted} reading post(s) (${record.accepted - record.records.size} re-posts of the same reading, which 2030.5 mirroring updates in place) into ${record.records.size} record(s) holding ${seen.size} distinct reading(s); ${left} left in the buffer`,
      )
    } finally {
      await site.close()
    }
  },
}
