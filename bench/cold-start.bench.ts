/**
 * Issue 14 item 6: cold start of the CLI commands that do not touch the network (`nmi`, `identity`, `virtual-lfdi`),
 * goal <= 0.3 s each, printed next to a bare `node -e 0`. The bench builds the plain-Node bundle (vite.node.config.ts)
 * into out/bench-node first, so the figure is of the code as it is now, and runs it as a fresh process each time.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { median, printFigures, type Figure } from './support/figures'

const ROOT = resolve(__dirname, '..')
const OUT = join(ROOT, 'out/bench-node')
const CLI = join(OUT, 'cli.js')
const GOAL_S = 0.3
const RUNS = 9
const work = mkdtempSync(join(tmpdir(), 'sep2-bench-cold-'))
const times = new Map<string, number[]>()

function timed(label: string, args: string[]): void {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' })
  const seconds = (performance.now() - start) / 1000
  if (result.status !== 0) throw new Error(`${label} exited ${String(result.status)}: ${result.stderr}`)
  times.set(label, [...(times.get(label) ?? []), seconds])
}

const commands: [string, () => string[]][] = [
  ['node -e 0 (bare Node)', () => ['-e', '0']],
  ['sep2-commissioner nmi', () => [CLI, 'nmi', '4102345678']],
  ['sep2-commissioner virtual-lfdi', () => [CLI, 'virtual-lfdi', '--nmi', '4102345678', '--pen', '12345']],
  ['sep2-commissioner identity', () => [CLI, 'identity', join(work, 'pki/device-1.pem')]],
]

beforeAll(async () => {
  await build({ configFile: join(ROOT, 'vite.node.config.ts'), logLevel: 'warn', build: { outDir: OUT, sourcemap: false } })
  const pki = spawnSync(process.execPath, [CLI, 'pki', '--out', join(work, 'pki')], { encoding: 'utf8' })
  if (pki.status !== 0) throw new Error(`pki failed: ${pki.stderr}`)
}, 120_000)

afterAll(() => {
  const bare = median(times.get('node -e 0 (bare Node)') ?? [])
  const figures: Figure[] = commands.map(([label]) => {
    const value = median(times.get(label) ?? [])
    return { what: `${label} (median of ${String(RUNS)} fresh processes)`, value, unit: 's', goal: GOAL_S, goalText: 'goal <=', note: `${(value / bare).toFixed(1)}x bare node -e 0 at ${bare.toFixed(3)} s` }
  })
  printFigures('Cold start (issue 14 item 6)', figures)
  rmSync(work, { recursive: true, force: true })
})

describe('cold start', () => {
  for (const [label, args] of commands) bench(label, () => timed(label, args()), { iterations: RUNS, time: 0, warmupIterations: 1, warmupTime: 0 })
})
