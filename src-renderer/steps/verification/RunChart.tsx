import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { RunPointView } from '../../../src-shared/contract/verification'

/** APP-3: target limit, ramped envelope, the measured (judged) quantity, the inverters' output and the controller's setpoint, live. */
export function RunChart({ points, measuredLabel }: { points: RunPointView[]; measuredLabel: string }) {
  return (
    <div className="chart" data-testid="run-chart" data-points={points.length}>
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} unit=" s" tickFormatter={(t: number) => t.toFixed(0)} />
          <YAxis unit=" W" width={80} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(0)} W` : String(value))} labelFormatter={(t) => `${Number(t).toFixed(1)} s`} />
          <Legend />
          <Line type="stepAfter" dataKey="target" name="Target limit" stroke="#8a94a6" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="ramped" name="Ramped envelope" stroke="#0b5cad" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="measured" name={measuredLabel} stroke="#b42318" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="derW" name="Inverter output" stroke="#1d7a3a" dot={false} isAnimationActive={false} />
          {/* Issue 11 item 3: the total generation setpoint the controller commanded (a gap while unlimited). */}
          <Line type="stepAfter" dataKey="commandedW" name="Commanded setpoint" stroke="#6a3d9a" strokeDasharray="2 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  )
}
