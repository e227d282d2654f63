import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { TelemetryPoint } from '../../../src-shared/contract/telemetry'
import { qldTime } from '../../../src-shared/time/qld-time'

/** One row of the charts: site values import positive (handbook 10.8.2); the export limit drawn as a floor (−W). */
interface ChartRow {
  t: number
  wA: number | null
  wB: number | null
  wC: number | null
  wTotal: number | null
  derW: number | null
  exportFloor: number | null
  importCeiling: number | null
  varA: number | null
  varB: number | null
  varC: number | null
  vA: number | null
  vB: number | null
  vC: number | null
  hz: number | null
}

export function chartRows(points: readonly TelemetryPoint[]): ChartRow[] {
  return points.map((p) => ({
    t: p.t,
    wA: p.siteW.a,
    wB: p.siteW.b,
    wC: p.siteW.c,
    wTotal: p.siteW.total,
    derW: p.derW,
    exportFloor: p.exportLimitW === null ? null : -p.exportLimitW,
    importCeiling: p.importLimitW,
    varA: p.siteVar.a,
    varB: p.siteVar.b,
    varC: p.siteVar.c,
    vA: p.siteV.a,
    vB: p.siteV.b,
    vC: p.siteV.c,
    hz: p.hz,
  }))
}

const PHASE_COLOURS = { a: '#b42318', b: '#8a5a00', c: '#0b5cad' } as const
const timeOfDay = qldTime

interface Series {
  key: keyof ChartRow
  name: string
  colour: string
  dashed?: boolean
  width?: number
  className?: string
}

function Chart({ rows, series, unit, testId, height = 260 }: { rows: ChartRow[]; series: Series[]; unit: string; testId: string; height?: number }) {
  return (
    <div className="chart" data-testid={testId} data-points={rows.length}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={timeOfDay} />
          <YAxis unit={` ${unit}`} width={90} domain={['auto', 'auto']} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(unit === 'Hz' ? 2 : 0)} ${unit}` : String(value))} labelFormatter={(t) => timeOfDay(Number(t))} />
          <Legend />
          {series.map((s) => (
            <Line
              key={s.key}
              type={s.dashed ? 'stepAfter' : 'linear'}
              dataKey={s.key}
              name={s.name}
              stroke={s.colour}
              strokeWidth={s.width ?? 1.5}
              {...(s.dashed ? { strokeDasharray: '6 4' } : {})}
              {...(s.className ? { className: s.className } : {})}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}

/** APP-4: site W per phase and DER W with the effective export and import limits; var, V and Hz per phase. */
export function TelemetryCharts({ points }: { points: readonly TelemetryPoint[] }) {
  const rows = chartRows(points)
  const phases = (['a', 'b', 'c'] as const).filter((ph) => points.some((p) => p.siteW[ph] !== null))
  const upper = (ph: 'a' | 'b' | 'c') => ph.toUpperCase() as 'A' | 'B' | 'C'
  const power: Series[] = [
    ...phases.map((ph): Series => ({ key: `w${upper(ph)}`, name: `Site W phase ${upper(ph)}`, colour: PHASE_COLOURS[ph] })),
    ...(phases.length > 1 ? [{ key: 'wTotal', name: 'Site W total', colour: '#14202e', width: 2 } satisfies Series] : []),
    { key: 'derW', name: 'DER W', colour: '#1d7a3a', width: 2 },
    { key: 'exportFloor', name: 'Export limit (as −W)', colour: '#6b3fa0', dashed: true, width: 2, className: 'limit-export' },
    { key: 'importCeiling', name: 'Import limit', colour: '#8a94a6', dashed: true, width: 2, className: 'limit-import' },
  ]
  const perPhase = (prefix: 'var' | 'v', label: string): Series[] => phases.map((ph) => ({ key: `${prefix}${upper(ph)}` as keyof ChartRow, name: `${label} phase ${upper(ph)}`, colour: PHASE_COLOURS[ph] }))
  return (
    <div className="stack">
      <div>
        <h3>Power</h3>
        <p className="muted">Site power is import positive (handbook 10.8.2): exporting shows below zero, and must stay above the export limit line.</p>
        <Chart rows={rows} series={power} unit="W" testId="telemetry-power-chart" height={320} />
      </div>
      <div>
        <h3>Reactive power</h3>
        <Chart rows={rows} series={perPhase('var', 'Site var')} unit="var" testId="telemetry-var-chart" />
      </div>
      <div>
        <h3>Voltage</h3>
        <Chart rows={rows} series={perPhase('v', 'Site V')} unit="V" testId="telemetry-voltage-chart" />
      </div>
      <div>
        <h3>Frequency</h3>
        <Chart rows={rows} series={[{ key: 'hz', name: 'Frequency', colour: '#0b5cad' }]} unit="Hz" testId="telemetry-frequency-chart" />
      </div>
    </div>
  )
}
