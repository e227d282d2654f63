/**
 * `end-device-contents` and `end-device-count` (cactus-runner check.py, read for meaning): the EndDevice the client
 * is registered as – optionally with a ConnectionPoint id (the NMI), any of the given deviceCategory bits, and an
 * LFDI of 40 upper-case hex digits whose SFDI is the one it declared (IEEE 2030.5 6.3.3 – src-shared/identity).
 */
import { sfdiFromLfdi } from '../../identity/lfdi'
import { failed, passed, type CheckResult, type RecordedEndDevice } from '../record'

export function endDeviceContents(
  devices: readonly RecordedEndDevice[],
  want: { hasConnectionPointId?: boolean; deviceCategoryAnySet?: string; checkLfdi?: boolean },
): CheckResult {
  const device = devices[0]
  if (!device) return failed('no EndDevice is registered')
  if (want.hasConnectionPointId && !device.nmi) return failed('the EndDevice has no ConnectionPoint id (NMI)')
  const mask = want.deviceCategoryAnySet === undefined ? 0 : Number.parseInt(want.deviceCategoryAnySet, 16)
  if (mask && ((device.deviceCategory ?? 0) & mask) === 0) return failed(`the EndDevice has none of the deviceCategory bits 0x${mask.toString(16)}`)
  if (want.checkLfdi) {
    if (!/^[0-9A-F]{40}$/.test(device.lfdi)) return failed(`the EndDevice LFDI "${device.lfdi}" is not 40 upper-case hex digits`)
    const sfdi = sfdiFromLfdi(device.lfdi)
    if (sfdi !== device.sfdi) return failed(`the EndDevice SFDI ${device.sfdi} is not the one its LFDI gives (${sfdi})`)
  }
  return passed(`EndDevice ${device.lfdi} registered`)
}

export function endDeviceCount(devices: readonly RecordedEndDevice[], want: { minimum?: number; maximum?: number }): CheckResult {
  const n = devices.length
  if (want.minimum !== undefined && n < want.minimum) return failed(`${n} EndDevice(s), expected at least ${want.minimum}`)
  if (want.maximum !== undefined && n > want.maximum) return failed(`${n} EndDevice(s), expected at most ${want.maximum}`)
  return passed(`${n} EndDevice(s)`)
}
