/**
 * The site controller benchmark (issue 11 item 2; `npm run bench`): the matrix of bench/controller/matrix.ts on the
 * deterministic plant, printed as a table with the delta against bench/controller/baseline.json. Plant time only –
 * no figure depends on wall time, and nothing passes or fails: the targets are printed next to the figures.
 * CONTROLLER_BASELINE=write rewrites the baseline from this run.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bench, describe } from 'vitest'
import { decide, DEFAULT_CONTROLLER_SETTINGS, INITIAL_CONTROLLER_STATE } from '../../src-shared/site-control'
import { BATTERIES, INVERTERS, PROFILES, runRow, type MatrixRow, type RowFigures } from './matrix'
import { formatTable, TARGETS } from './table'

const BASELINE = join(__dirname, 'baseline.json')

function readBaseline(): Record<string, RowFigures> {
  try {
    return JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, RowFigures>
  } catch {
    return {}
  }
}

async function runMatrix(): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = []
  for (const profile of PROFILES) for (const battery of BATTERIES) for (const inverters of INVERTERS) rows.push(await runRow(battery, inverters, profile))
  return rows
}

const rows = await runMatrix()
const baseline = readBaseline()
console.log(`\nSite controller on the plant (issue 11). Targets: ${TARGETS}\n${formatTable(rows, baseline)}\n`)
if (process.env.CONTROLLER_BASELINE === 'write') {
  writeFileSync(BASELINE, `${JSON.stringify(Object.fromEntries(rows.map((r) => [r.key, r.figures])), null, 2)}\n`)
  console.log(`baseline written: ${BASELINE}`)
}

describe('site controller', () => {
  const input = {
    nowMs: 1000,
    meter: { atMs: 1000, phasesW: { a: -2000, b: -1000, c: -500 } },
    inverters: [{ id: 'inv', ratedW: 5000, outputW: 4300, limitW: undefined, online: true, lastSeenMs: 1000, controllable: true }],
    batteries: [],
    envelope: { expLimW: 1500, impLimW: 1500 },
    fixed: { expLimW: 1500 },
    settings: DEFAULT_CONTROLLER_SETTINGS,
    state: INITIAL_CONTROLLER_STATE,
  }
  bench('decide(): one decision (every 200 ms sample)', () => {
    decide(input)
  })
})
