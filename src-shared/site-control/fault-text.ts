/** The installer-facing words for a fail-safe fault (SITE-2: "the fault is shown"), naming the silent device. */
import type { ControllerFault } from './types'

export function describeFault(fault: ControllerFault): string {
  switch (fault.kind) {
    case 'meter-silent':
      return 'the site meter stopped answering'
    case 'device-silent':
      return `device ${fault.deviceId} stopped answering`
    case 'process-fault':
      return `an internal error (${fault.code}); fixed limits held while it clears`
  }
}

/** Short form for status lines: `meter silent`, `inverter-2 silent`, `internal error CODE`. */
export function faultTag(fault: ControllerFault): string {
  switch (fault.kind) {
    case 'meter-silent':
      return 'meter silent'
    case 'device-silent':
      return `${fault.deviceId} silent`
    case 'process-fault':
      return `internal error ${fault.code}`
  }
}

