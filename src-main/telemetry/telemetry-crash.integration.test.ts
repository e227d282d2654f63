/**
 * Telemetry exactly once across kill -9 (issue 15.8; REQUIREMENTS REL-2, TEL-5). A child process posts readings from
 * the real on-disk buffer to the utility simulator over mutual TLS; the test kills it with SIGKILL 20 times at seeded
 * random moments (the instant the server has stored a reading but not yet answered, a few event-loop turns after the
 * 201 went out, or after the child reported a step) and restarts it each time. After every kill: nothing queued is
 * lost (each reading is in the server's record or still in the buffer, and a row the server already has is marked in
 * flight); at the end: every interval exactly once in the server's record (one record per reading and interval,
 * the re-posts counted as updates of it) and the buffer empty.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createPrng } from '../../src-shared/prng'
import { readingDescription } from '../../src-shared/telemetry'
import { startUtilitySimulator, type MirroredReading, type UtilitySimulator } from '../sim/utility'
import { openDatabase } from '../storage/database'
import { TelemetryBuffer, type BufferedReading } from './telemetry-buffer'
import { CRASH_INTERVAL_MS, CRASH_PLAN, crashReadingValue, type CrashChildConfig } from './testing/crash-plan'

const REPO = resolve(__dirname, '../..')
const START_MS = Date.UTC(2026, 2, 1)
const INTERVALS = 60
const KILLS = 20
const SEED = 0x15_08
const SITE = 'crash-site'

type KillPlan = { kind: 'at-store'; nth: number } | { kind: 'after-reply'; nth: number; turns: number } | { kind: 'child-line'; nth: number }

function planKill(random: () => number): KillPlan {
  const nth = 1 + Math.floor(random() * 8)
  const pick = random()
  if (pick < 0.4) return { kind: 'at-store', nth }
  if (pick < 0.75) return { kind: 'after-reply', nth, turns: 1 + Math.floor(random() * 30) }
  return { kind: 'child-line', nth: 1 + Math.floor(random() * 12) }
}

/** Bundle the child (TypeScript) into one ESM file inside the repo, so its dependencies resolve from node_modules. */
async function buildChild(outDir: string): Promise<string> {
  const deps = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies)
  const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite', ...deps]
  await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO,
    build: {
      ssr: join(REPO, 'src-main/telemetry/testing/crash-child.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { external: (id) => external.some((d) => id === d || id.startsWith(`${d}/`)), output: { format: 'esm', entryFileNames: 'crash-child.mjs' } },
    },
  })
  return join(outDir, 'crash-child.mjs')
}

interface ChildRun {
  signal: NodeJS.Signals | null
  code: number | null
  lines: string[]
  stderr: string
}

describe('telemetry exactly once across kill -9 (issue 15.8, REL-2)', { timeout: 300_000 }, () => {
  const clock = new FakeClock(START_MS)
  const dir = mkdtempSync(join(tmpdir(), 'tel-crash-'))
  const outDir = join(REPO, 'out', `crash-child-${process.pid}`)
  let sim: UtilitySimulator
  let childFile: string
  let config: CrashChildConfig
  /** What to do when the simulator stores a reading during the current run (set per run). */
  let onStore: ((r: MirroredReading) => void) | undefined

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true })
    childFile = await buildChild(outDir)
    sim = await startUtilitySimulator({ clock, pkiDir: join(dir, 'pki'), onReading: (r) => onStore?.(r) })
    const files = sim.files
    if (!files) throw new Error('the simulator wrote no PKI files')
    config = {
      dataDir: join(dir, 'data'),
      siteId: SITE,
      baseUrl: sim.url,
      certFile: files.deviceChain,
      keyFile: files.deviceKey,
      trustFile: files.serca,
      lfdi: sim.pki.devices[0]?.lfdi ?? '',
      pen: 57269,
      startMs: START_MS,
      intervals: INTERVALS,
    }
  }, 120_000)

  afterAll(async () => {
    await sim?.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(outDir, { recursive: true, force: true })
  })

  /** Run the child once; `kill` decides when (if ever) it gets SIGKILL. */
  function runChild(kill: KillPlan | undefined): Promise<ChildRun> {
    const child = spawn(process.execPath, [childFile, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] })
    const run: ChildRun = { signal: null, code: null, lines: [], stderr: '' }
    const killNow = (): void => void child.kill('SIGKILL')
    let stored = 0
    onStore = () => {
      stored++
      if (kill?.kind === 'at-store' && stored === kill.nth) killNow()
      if (kill?.kind === 'after-reply' && stored === kill.nth) afterTurns(kill.turns, killNow)
    }
    let partial = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8')
      const parts = text.split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) {
        run.lines.push(line)
        if (kill?.kind === 'child-line' && run.lines.length === kill.nth) killNow()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')))
    return new Promise((done) => {
      child.on('exit', (code, signal) => {
        onStore = undefined
        done({ ...run, code, signal })
      })
    })
  }

  /** The buffer as the next run will find it (the database file as the killed process left it). */
  function bufferState(): { rows: BufferedReading[]; lastQueuedMs: number } {
    const db = openDatabase(config.dataDir)
    const buffer = new TelemetryBuffer(db, { siteId: SITE, capacity: 100_000, clock })
    const state = { rows: buffer.pending(), lastQueuedMs: buffer.lastQueuedEndMs() ?? START_MS }
    db.close()
    return state
  }

  it('loses nothing and duplicates nothing over 20 seeded kills at random moments', async () => {
    const random = createPrng(SEED)
    let kills = 0
    for (let i = 0; i < KILLS; i++) {
      const run = await runChild(planKill(random))
      expect(run.stderr).toBe('')
      if (run.signal === 'SIGKILL') kills++
      checkNothingLost()
    }
    const last = await runChild(undefined)
    expect(last.stderr).toBe('')
    expect(last.lines.at(-1)).toBe('done')
    const records = sim.mirroredReadings()
    expect(records).toHaveLength(INTERVALS * CRASH_PLAN.length)
    expect(everyIntervalOnce(records)).toEqual([])
    console.log(`[REL-2] ${kills} kills, ${records.length} readings on the server, each once; ${sim.readingReposts} re-post(s) taken as updates`)
    expect(kills).toBeGreaterThanOrEqual(KILLS - 2)
    expect(sim.readingReposts).toBeGreaterThan(0)
  })

  /**
   * After a kill: every queued reading is on the server or in the buffer (none lost), and a buffered row the server
   * already has was marked in flight before it was sent (so the next run sends it again as the same record).
   */
  function checkNothingLost(): void {
    const onServer = new Set(sim.mirroredReadings().map((r) => `${r.description}@${r.intervalStartS + r.durationS}`))
    const { rows, lastQueuedMs } = bufferState()
    const buffered = new Map(rows.map((r) => [`${readingDescription(r.reading.key)}@${r.reading.timeTagS}`, r]))
    const lost: string[] = []
    for (let end = START_MS + CRASH_INTERVAL_MS; end <= lastQueuedMs; end += CRASH_INTERVAL_MS) {
      for (const key of CRASH_PLAN) {
        const id = `${readingDescription(key)}@${end / 1000}`
        if (!onServer.has(id) && !buffered.has(id)) lost.push(id)
      }
    }
    expect(lost).toEqual([])
    const unmarked = [...buffered.entries()].filter(([id, r]) => onServer.has(id) && r.attempts === 0).map(([id]) => id)
    expect(unmarked).toEqual([])
  }
})

/** Run `fn` after `turns` trips round the event loop (the 201 is on its way; the child is handling it). */
function afterTurns(turns: number, fn: () => void): void {
  if (turns <= 0) return fn()
  setImmediate(() => afterTurns(turns - 1, fn))
}

/** Each planned reading of each interval exactly once, with its own value and one mRID per reading; else what is wrong. */
function everyIntervalOnce(records: readonly MirroredReading[]): string[] {
  const wrong: string[] = []
  const byId = new Map<string, MirroredReading[]>()
  for (const r of records) {
    const id = `${r.description}@${r.intervalStartS + r.durationS}`
    byId.set(id, [...(byId.get(id) ?? []), r])
  }
  for (let k = 1; k <= INTERVALS; k++) {
    const end = START_MS + k * CRASH_INTERVAL_MS
    CRASH_PLAN.forEach((key, i) => {
      const id = `${readingDescription(key)}@${end / 1000}`
      const found = byId.get(id) ?? []
      if (found.length !== 1) wrong.push(`${id}: ${found.length} record(s)`)
      else if (found[0]?.value !== crashReadingValue(end, i)) wrong.push(`${id}: value ${found[0]?.value}`)
    })
  }
  for (const key of CRASH_PLAN) {
    const mrids = new Set(records.filter((r) => r.description === readingDescription(key)).map((r) => r.mRID))
    if (mrids.size !== 1) wrong.push(`${readingDescription(key)}: ${mrids.size} mRIDs`)
  }
  return wrong
}
