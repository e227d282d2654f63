/** Failure words for a discovery step: the stable code, what it means and what to do (handbook FAQ via the hints). */
import type { DiscoveryStep } from '../../../src-shared/contract/server'
import type { ReadFailure } from './read-resource'

export type StepError = NonNullable<DiscoveryStep['error']>

/** The transport's hint reads "<meaning>. <what to do>"; split it at the first sentence when it has two. */
export function stepError(failure: ReadFailure): StepError {
  const hint = failure.hint.trim()
  const cut = hint.indexOf('. ')
  if (cut > 0 && cut < hint.length - 2) return { code: failure.code, meaning: `${failure.message}. ${hint.slice(0, cut + 1)}`, whatToDo: hint.slice(cut + 2) }
  return { code: failure.code, meaning: failure.message, whatToDo: hint || 'Check the exchange log for the request and the server answer.' }
}

export const CLIENT_CODES = {
  notRegistered: 'SEP2_END_DEVICE_NOT_FOUND',
  wrongPin: 'SEP2_REGISTRATION_PIN_MISMATCH',
  clockOffset: 'SEP2_CLOCK_OFFSET',
  missingLink: 'SEP2_LINK_MISSING',
} as const

export function notRegistered(lfdi: string, listed: number): StepError {
  return {
    code: CLIENT_CODES.notRegistered,
    meaning: `None of the ${listed} EndDevice(s) the server lists for this certificate has the LFDI ${lfdi}: the utility has not registered this device (or this site) yet.`,
    whatToDo: 'Send the LFDI/SFDI shown in the certificates step to the utility and ask them to register it, then connect again.',
  }
}

export function wrongPin(serverPin: number, expectedPin: number): StepError {
  return {
    code: CLIENT_CODES.wrongPin,
    meaning: `The server registered this device with PIN ${serverPin}, not ${expectedPin}: it may be registered to another site, so the flow stops here.`,
    whatToDo: 'Check the PIN the utility gave you for this site. If it is right, call the utility before going on: the registration is for another installation.',
  }
}

export function clockOffset(offsetMs: number): StepError {
  return {
    code: CLIENT_CODES.clockOffset,
    meaning: `This computer's clock differs from the server's by ${Math.round(offsetMs / 1000)} s (more than a minute).`,
    whatToDo: 'Events are timed on the server clock: sync this device clock (NTP) before relying on event timing.',
  }
}

export function missingLink(what: string, parent: string): StepError {
  return {
    code: CLIENT_CODES.missingLink,
    meaning: `The ${parent} has no ${what}.`,
    whatToDo: 'The server does not offer this resource for this certificate; ask the utility whether the registration is complete.',
  }
}
