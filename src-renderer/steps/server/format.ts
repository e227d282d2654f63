import { describeModes } from '../../../src-shared/contract/control-modes-text'
import type { ControlModes } from '../../../src-shared/contract/server'
import { qldDateTime } from '../../../src-shared/time/qld-time'

/** "export 1,500 W, import 1,500 W, energize" – the modes of a control with multipliers already applied. */
export function modesText(modes: ControlModes): string {
  return describeModes(modes, (w) => w.toLocaleString('en-AU'))
}

export function timeText(ms: number): string {
  return qldDateTime(ms)
}
