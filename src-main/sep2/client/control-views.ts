/** DERControl / DefaultDERControl as the installer (and the scheduler) sees them: multipliers applied, times in ms. */
import type { ControlEvent, ControlModes, DefaultControl } from '../../../src-shared/contract/server'
import { EVENT_STATUS_NAMES } from '../../../src-shared/contract/server'
import type { DERControl, DERControlBase, DefaultDERControl } from '../xml'
import { modeValuesOf } from '../xml/control-modes'
import { viewModes } from '../../../src-shared/controls/mode-views'

const SECOND_MS = 1000

/** handbook 10.6: the modes in the installer's units (W, percent, rampTms in seconds), from the control-mode table. */
export function controlModes(base: DERControlBase): ControlModes {
  return viewModes(modeValuesOf(base), base.rampTms)
}

export function controlEvent(control: DERControl, fallbackHref: string): ControlEvent {
  const status = control.EventStatus.currentStatus
  const event: ControlEvent = {
    href: control.href ?? fallbackHref,
    mRID: control.mRID,
    creationTime: control.creationTime * SECOND_MS,
    status,
    statusName: EVENT_STATUS_NAMES[status] ?? `status ${status}`,
    statusTime: control.EventStatus.dateTime * SECOND_MS,
    start: control.interval.start * SECOND_MS,
    durationS: control.interval.duration,
    modes: controlModes(control.DERControlBase),
  }
  if (control.DERControlBase.invalid !== undefined) event.invalid = control.DERControlBase.invalid.map((r) => ({ ...r }))
  if (control.description !== undefined) event.description = control.description
  if (control.randomizeStart !== undefined) event.randomizeStartS = control.randomizeStart
  if (control.randomizeDuration !== undefined) event.randomizeDurationS = control.randomizeDuration
  if (control.replyTo !== undefined) event.replyTo = control.replyTo
  if (control.responseRequired !== undefined) event.responseRequired = control.responseRequired.value
  return event
}

export function defaultControl(doc: DefaultDERControl, href: string): DefaultControl {
  const view: DefaultControl = { href: doc.href ?? href, mRID: doc.mRID, modes: controlModes(doc.DERControlBase) }
  if (doc.DERControlBase.invalid !== undefined) view.invalid = doc.DERControlBase.invalid.map((r) => ({ ...r }))
  if (doc.setGradW !== undefined) view.setGradW = doc.setGradW
  if (doc.setSoftGradW !== undefined) view.setSoftGradW = doc.setSoftGradW
  return view
}

/** A line of text for the CLI and logs, e.g. "export 1500 W, import 1500 W, energize". */
export { describeModes } from '../../../src-shared/contract/control-modes-text'
