import type { DecodedGroup, DecodedModel, DecodedPoint, PointValue } from './sunspec-model-types'

/**
 * A readable dump of decoded SunSpec models for installers and support: point name, label, raw value, scaled value
 * and units, as rows (JSON) or aligned text. Not-implemented points are shown as such rather than hidden.
 */
export interface DumpRow {
  model: number
  /** Point path, e.g. `W` or `module[1].DCW`. */
  point: string
  label: string
  address: number
  raw: PointValue | null
  value: PointValue | null
  units: string | undefined
  /** Enum symbol, bitfield flags or note. */
  detail: string | undefined
}

function detail(p: DecodedPoint): string | undefined {
  if (p.symbol) return p.symbol
  if (p.flags) return p.flags.length ? p.flags.join('|') : 'none'
  return p.note
}

function groupRows(model: DecodedModel, group: DecodedGroup, prefix: string): DumpRow[] {
  const rows: DumpRow[] = group.pointList
    .filter((p) => p.type !== 'pad')
    .map((p) => ({ model: model.id, point: prefix + p.name, label: p.label, address: model.address + p.offset, raw: p.raw, value: p.value, units: p.units, detail: detail(p) }))
  for (const [name, instances] of Object.entries(group.groups)) {
    instances.forEach((g, i) => rows.push(...groupRows(model, g, `${prefix}${name}[${i + 1}].`)))
  }
  return rows
}

export function dumpRows(models: DecodedModel[]): DumpRow[] {
  return models.flatMap((m) => groupRows(m, m.root, ''))
}

function show(v: PointValue | null): string {
  if (v === null) return 'not implemented'
  return typeof v === 'string' ? JSON.stringify(v) : String(v)
}

export function dumpText(models: DecodedModel[]): string {
  const lines: string[] = []
  for (const m of models) {
    lines.push(`Model ${m.id} ${m.label} at ${m.address}, length ${m.length}`)
    const rows = groupRows(m, m.root, '')
    const width = Math.max(...rows.map((r) => r.point.length), 4)
    for (const r of rows) {
      const value = r.value === null ? show(r.value) : `${show(r.value)}${r.units ? ` ${r.units}` : ''}`
      const raw = typeof r.raw === 'number' && r.raw !== r.value ? ` (raw ${r.raw})` : ''
      lines.push(`  ${r.point.padEnd(width)}  ${value}${raw}${r.detail ? `  [${r.detail}]` : ''}  – ${r.label}`)
    }
  }
  return lines.join('\n')
}
