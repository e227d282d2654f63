/** The controller benchmark's table: one line per matrix row, each figure with its delta against the baseline. */
import type { MatrixRow, RowFigures } from './matrix'

export const TARGETS =
  'overshoot beyond tolerance (100 W) only within the grace (2 s): "grace" column 0; curtailed beyond need <= 2 % of available; reversals <= 2/min; first cut <= 200 ms'

interface Column {
  head: string
  width: number
  value: (f: RowFigures) => number | undefined
  digits: number
}

const COLUMNS: Column[] = [
  { head: 'over W', width: 12, value: (f) => f.overshootW, digits: 0 },
  { head: 'over s', width: 10, value: (f) => f.overshootS, digits: 1 },
  { head: 'grace', width: 7, value: (f) => f.beyondGrace, digits: 0 },
  { head: 'above Wh', width: 12, value: (f) => f.energyAboveWh, digits: 2 },
  { head: 'curt %orc', width: 13, value: (f) => f.curtailedPctOfOracle, digits: 2 },
  { head: 'curt %avl', width: 13, value: (f) => f.curtailedPctOfAvailable, digits: 2 },
  { head: 'rev/min', width: 11, value: (f) => f.reversalsPerMin, digits: 2 },
  { head: 'settle s', width: 12, value: (f) => f.settleS, digits: 1 },
  { head: 'cut ms', width: 11, value: (f) => f.firstCutMs, digits: 0 },
  { head: 'no cut', width: 7, value: (f) => f.exceedancesWithoutCut, digits: 0 },
]

function cell(now: number | undefined, before: number | undefined, c: Column): string {
  const text = now === undefined ? '-' : now.toFixed(c.digits)
  if (before === undefined || now === undefined) return text.padStart(c.width)
  const delta = now - before
  const shown = Math.abs(delta) < 10 ** -c.digits / 2 ? '' : `${delta > 0 ? '+' : ''}${delta.toFixed(c.digits)}`
  return `${text}${shown ? `(${shown})` : ''}`.padStart(c.width)
}

export function formatTable(rows: readonly MatrixRow[], baseline: Readonly<Record<string, RowFigures>>): string {
  const keyWidth = Math.max(...rows.map((r) => r.key.length), 10)
  const head = ['row'.padEnd(keyWidth), ...COLUMNS.map((c) => c.head.padStart(c.width))].join(' ')
  const lines = rows.map((r) => {
    const before = baseline[r.key]
    return [r.key.padEnd(keyWidth), ...COLUMNS.map((c) => cell(c.value(r.figures), before ? c.value(before) : undefined, c))].join(' ')
  })
  return [head, ...lines].join('\n')
}
