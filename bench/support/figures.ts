/**
 * How the issue 14 benches report: each figure with its goal (or the peer / wire limit it is measured against) and the
 * ratio figure / goal. A bench never passes or fails on time; a ratio <= 1 means the goal is met on this machine.
 */
export interface Figure {
  /** What was measured, e.g. `sep2-commissioner nmi (median of 9)`. */
  what: string
  value: number
  unit: string
  /** The goal or limit the figure is compared with. */
  goal: number
  /** How the goal reads, e.g. `goal <= 0.3 s` or `wire time`. */
  goalText: string
  /** Extra context printed after the ratio, e.g. the peer's figure. */
  note?: string
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

const digits = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(3))

export function formatFigure(figure: Figure): string {
  const ratio = figure.value / figure.goal
  const note = figure.note ? `  (${figure.note})` : ''
  return `${figure.what}: ${digits(figure.value)} ${figure.unit}  |  ${figure.goalText} ${digits(figure.goal)} ${figure.unit}  |  ratio ${ratio.toFixed(2)}${note}`
}

/** Print a block of figures under a title (stdout, shown by `npm run bench`). */
export function printFigures(title: string, figures: readonly Figure[]): void {
  console.log([`\n== ${title}`, ...figures.map((f) => `  ${formatFigure(f)}`)].join('\n'))
}
