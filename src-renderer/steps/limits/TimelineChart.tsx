import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ChartPoint, LimitsReferences } from '../../../src-shared/contract/limits'
import { timeOf } from './format'

const COLOURS = { export: '#0b5cad', import: '#b42318', generation: '#1d7a3a', load: '#8a5a00', ramped: '#5b8fd1', reference: '#8a94a6' }

/** APP-2: the next 24 h of export, import, generation and load limits, with the default and fixed limits as reference lines. */
export function TimelineChart({ points, references }: { points: ChartPoint[]; references: LimitsReferences }) {
  return (
    <div className="chart" data-testid="limits-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => timeOf(t).slice(0, 5)} />
          <YAxis unit=" W" width={80} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(0)} W` : 'no limit')} labelFormatter={(t) => timeOf(Number(t))} />
          <Legend />
          <Line type="stepAfter" dataKey="expLimW" name="Export limit" stroke={COLOURS.export} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="linear" dataKey="expRampedW" name="Export (ramped)" stroke={COLOURS.ramped} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="impLimW" name="Import limit" stroke={COLOURS.import} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="genLimW" name="Generation limit" stroke={COLOURS.generation} dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="loadLimW" name="Load limit" stroke={COLOURS.load} dot={false} isAnimationActive={false} />
          {references.defaultExpW !== undefined && <ReferenceLine y={references.defaultExpW} stroke={COLOURS.export} strokeDasharray="2 4" label={{ value: 'default export', position: 'insideTopLeft' }} />}
          {references.defaultImpW !== undefined && <ReferenceLine y={references.defaultImpW} stroke={COLOURS.import} strokeDasharray="2 4" label={{ value: 'default import', position: 'insideTopLeft' }} />}
          <ReferenceLine y={references.fixedExpW} stroke={COLOURS.reference} strokeDasharray="8 4" label={{ value: 'fixed export', position: 'insideBottomRight' }} />
          <ReferenceLine y={references.fixedImpW} stroke={COLOURS.reference} strokeDasharray="8 4" label={{ value: 'fixed import', position: 'insideTopRight' }} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
