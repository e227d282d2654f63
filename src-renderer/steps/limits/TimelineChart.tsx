import { useState } from 'react'
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ChartPoint, LimitsReferences } from '../../../src-shared/contract/limits'
import { QLD_ZONE_LABEL, qldClock, qldDateTime } from '../../../src-shared/time/qld-time'
import { CHART_WINDOWS, DEFAULT_SERIES, LIMIT_SERIES, SERIES_LABELS, pointsIn, referenceMarks, wattsTick, windowEnd, yTop, type ChartWindow, type LimitSeries } from './chart-scale'

const COLOURS = { export: '#0b5cad', import: '#b42318', generation: '#1d7a3a', load: '#8a5a00', ramped: '#5b8fd1', reference: '#8a94a6' }

function SeriesLines({ shown }: { shown: readonly LimitSeries[] }) {
  const common = { dot: false, isAnimationActive: false } as const
  return (
    <>
      {shown.includes('export') && <Line type="stepAfter" dataKey="expLimW" name="Export limit" stroke={COLOURS.export} strokeWidth={2} {...common} connectNulls={false} />}
      {shown.includes('export') && <Line type="linear" dataKey="expRampedW" name="Export (ramped)" stroke={COLOURS.ramped} strokeDasharray="4 3" {...common} />}
      {shown.includes('import') && <Line type="stepAfter" dataKey="impLimW" name="Import limit" stroke={COLOURS.import} strokeWidth={2} {...common} />}
      {shown.includes('generation') && <Line type="stepAfter" dataKey="genLimW" name="Generation limit" stroke={COLOURS.generation} {...common} />}
      {shown.includes('load') && <Line type="stepAfter" dataKey="loadLimW" name="Load limit" stroke={COLOURS.load} {...common} />}
    </>
  )
}

function ChartControls(props: { shown: readonly LimitSeries[]; onShown: (s: LimitSeries[]) => void; window: ChartWindow; onWindow: (w: ChartWindow) => void }) {
  const toggle = (s: LimitSeries) => props.onShown(props.shown.includes(s) ? props.shown.filter((x) => x !== s) : LIMIT_SERIES.filter((x) => x === s || props.shown.includes(x)))
  return (
    <div className="actions" data-testid="limits-chart-controls">
      {LIMIT_SERIES.map((s) => (
        <label key={s} className="inline">
          <input type="checkbox" checked={props.shown.includes(s)} onChange={() => toggle(s)} data-series={s} /> {SERIES_LABELS[s]}
        </label>
      ))}
      <label className="inline">
        Time
        <select value={props.window} onChange={(e) => props.onWindow(e.target.value as ChartWindow)} aria-label="Chart time span">
          {(Object.keys(CHART_WINDOWS) as ChartWindow[]).map((w) => (
            <option key={w} value={w}>
              {CHART_WINDOWS[w]}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

/**
 * APP-2: the coming limits – export and import by default, generation and load on request – with the default and fixed
 * limits as reference lines, the y-axis scaled to what is shown and the time axis zoomable (issue 17 item 6).
 */
export function TimelineChart({ points, references, eventEnds }: { points: ChartPoint[]; references: LimitsReferences; eventEnds: readonly number[] }) {
  const [shown, setShown] = useState<LimitSeries[]>([...DEFAULT_SERIES])
  const [window, setWindow] = useState<ChartWindow>('24h')
  const from = points[0]?.at ?? 0
  const visible = pointsIn(points, { from, to: windowEnd(window, { from, eventEnds }) })
  const marks = referenceMarks(references, shown)
  const top = yTop(visible, { shown, marks })
  return (
    <div className="chart" data-testid="limits-chart" data-points={visible.length} data-y-top={top} data-series={shown.join(' ')}>
      <ChartControls shown={shown} onShown={setShown} window={window} onWindow={setWindow} />
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={visible} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={qldClock} minTickGap={40} label={{ value: QLD_ZONE_LABEL, position: 'insideBottomRight', offset: -4 }} />
          <YAxis domain={[0, top]} allowDataOverflow tickFormatter={wattsTick} width={70} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(0)} W` : 'no limit')} labelFormatter={(t) => qldDateTime(Number(t))} />
          <Legend />
          <SeriesLines shown={shown} />
          {marks.map((m) => (
            <ReferenceLine key={m.y} y={m.y} stroke={COLOURS.reference} strokeDasharray="8 4" label={{ value: m.label, position: 'insideTopLeft', fontSize: 11 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
