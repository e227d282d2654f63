import type { OverlapRuleSetting } from '../../../src-shared/contract/limits'
import { OVERLAP_EXPLANATIONS } from '../../../src-shared/contract/limits'

const LABELS: Record<OverlapRuleSetting, string> = { resume: 'Resume overlapped events (IEEE 2030.5:2023)', 'csip-no-resume': 'Do not resume (CSIP)' }
const OPTIONS: OverlapRuleSetting[] = ['resume', 'csip-no-resume']

/** handbook 12 / CTL-3: how an event overlapped by a higher-priority one behaves; stored per site. */
export function OverlapSetting({ value, pending, onChange }: { value: OverlapRuleSetting; pending: OverlapRuleSetting | null; onChange: (v: OverlapRuleSetting) => void }) {
  // The picked rule shows at once (checked, with its explanation); "Saving…" stays until the engine confirms it.
  const shown = pending ?? value
  return (
    <fieldset className="overlap-setting" data-testid="overlap-setting">
      <legend>Overlapping events</legend>
      {OPTIONS.map((o) => (
        <label key={o} className="overlap-option">
          <input type="radio" name="overlap" value={o} checked={shown === o} onChange={() => onChange(o)} />
          {LABELS[o]}
        </label>
      ))}
      <p className="muted" data-testid="overlap-explanation">
        {OVERLAP_EXPLANATIONS[shown]}
      </p>
      {pending !== null && (
        <p className="muted" data-testid="overlap-saving">
          Saving…
        </p>
      )}
    </fieldset>
  )
}
