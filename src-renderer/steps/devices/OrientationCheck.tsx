import type { OrientationView } from '../../../src-shared/contract/devices'

const HEADINGS: Record<OrientationView['verdict'], string> = {
  ok: 'Meter CT direction and phases: OK',
  'ct-reversed': 'Meter CT reversed',
  'phase-swapped': 'Meter CT on the wrong phase',
  inconclusive: 'Meter CT check: not possible yet',
}

/**
 * The CT direction / phase check (handbook 10.8.2): with generation running and little load, site export must read
 * negative. Shows the engine's verdict on the latest reading, in plain words, with what to do.
 */
export function OrientationCheck({ orientation }: { orientation: OrientationView | null }) {
  if (!orientation) return <p className="muted">The CT check needs a site meter reading.</p>
  const tone = orientation.verdict === 'ok' ? 'check-pass' : orientation.verdict === 'inconclusive' ? 'check-warn' : 'check-fail'
  return (
    <div className={`check ${tone} orientation`} data-testid="orientation" data-verdict={orientation.verdict}>
      <span className="check-icon">{orientation.verdict === 'ok' ? '✓' : orientation.verdict === 'inconclusive' ? '!' : '✗'}</span>
      <span className="check-label">{HEADINGS[orientation.verdict]}</span>
      <span className="check-detail">{orientation.words}</span>
    </div>
  )
}
