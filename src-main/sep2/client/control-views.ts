/** DERControl / DefaultDERControl as the installer (and the scheduler) sees them: multipliers applied, times in ms. */
import type { ControlEvent, ControlModes, DefaultControl } from '../../../src-shared/contract/server'
import { EVENT_STATUS_NAMES } from '../../../src-shared/contract/server'
import type { DERControl, DERControlBase, DefaultDERControl } from '../xml'
import { scaledNumber } from '../xml'

const SECOND_MS = 1000

/** handbook 10.6: the CSIP-AUS limits are ActivePower (value x 10^multiplier W); rampTms is hundredths of a second. */
export function controlModes(base: DERControlBase): ControlModes {
  const modes: ControlModes = {}
  if (base.opModExpLimW) modes.opModExpLimW = scaledNumber(base.opModExpLimW)
  if (base.opModImpLimW) modes.opModImpLimW = scaledNumber(base.opModImpLimW)
  if (base.opModGenLimW) modes.opModGenLimW = scaledNumber(base.opModGenLimW)
  if (base.opModLoadLimW) modes.opModLoadLimW = scaledNumber(base.opModLoadLimW)
  if (base.opModConnect !== undefined) modes.opModConnect = base.opModConnect
  if (base.opModEnergize !== undefined) modes.opModEnergize = base.opModEnergize
  if (base.opModFixedW !== undefined) modes.opModFixedW = base.opModFixedW / 100
  if (base.opModMaxLimW !== undefined) modes.opModMaxLimW = base.opModMaxLimW / 100
  if (base.opModTargetW) modes.opModTargetW = scaledNumber(base.opModTargetW)
  if (base.rampTms !== undefined) modes.rampTms = base.rampTms / 100
  return modes
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
  if (control.description !== undefined) event.description = control.description
  if (control.randomizeStart !== undefined) event.randomizeStartS = control.randomizeStart
  if (control.randomizeDuration !== undefined) event.randomizeDurationS = control.randomizeDuration
  if (control.replyTo !== undefined) event.replyTo = control.replyTo
  if (control.responseRequired !== undefined) event.responseRequired = control.responseRequired.value
  return event
}

export function defaultControl(doc: DefaultDERControl, href: string): DefaultControl {
  const view: DefaultControl = { href: doc.href ?? href, mRID: doc.mRID, modes: controlModes(doc.DERControlBase) }
  if (doc.setGradW !== undefined) view.setGradW = doc.setGradW
  if (doc.setSoftGradW !== undefined) view.setSoftGradW = doc.setSoftGradW
  return view
}

/** A line of text for the CLI and logs, e.g. "export 1500 W, import 1500 W, energize". */
export { describeModes } from '../../../src-shared/contract/control-modes-text'
