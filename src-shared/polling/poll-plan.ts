/**
 * Poll and post periods and their randomised slots (pure: now and random draws are arguments).
 * handbook 10.2 table 2: default poll/post rates; a resource's pollRate (postRate for MirrorUsagePoint) overrides them.
 * handbook 13.1: a random offset per client so thousands of clients do not fire together, yet each poll or post
 * happens within 50 % of its period of the intended time.
 */

export type PolledResource = 'DeviceCapability' | 'EndDeviceList' | 'FunctionSetAssignmentsList' | 'DERProgramList' | 'DERList' | 'MirrorUsagePointList'
export type PostedResource = 'MirrorUsagePoint'
export type RatedResource = PolledResource | PostedResource

export interface DefaultRate {
  resource: RatedResource
  type: 'poll' | 'post'
  seconds: number
}

// handbook 10.2 table 2: default poll and post rates.
export const DEFAULT_RATES: readonly DefaultRate[] = [
  { resource: 'DeviceCapability', type: 'poll', seconds: 300 },
  { resource: 'EndDeviceList', type: 'poll', seconds: 300 },
  { resource: 'FunctionSetAssignmentsList', type: 'poll', seconds: 300 },
  { resource: 'DERProgramList', type: 'poll', seconds: 300 },
  { resource: 'MirrorUsagePoint', type: 'post', seconds: 300 },
]

/**
 * Lists the client also depends on that table 2 does not name (issue 12 item 4, cactus ALL-06/GET-MUP-2): re-read at
 * their pollRate, else at the IEEE 2030.5 schema default for pollRate (900 s).
 */
export const SCHEMA_DEFAULT_RATES: readonly DefaultRate[] = [
  { resource: 'DERList', type: 'poll', seconds: 900 },
  { resource: 'MirrorUsagePointList', type: 'poll', seconds: 900 },
]

// handbook 13.1: "posting shall occur within 30 seconds of the intended time" for a 60 s rate, i.e. half a period.
export const MAX_SLOT_DEVIATION_FRACTION = 0.5

export function defaultPeriodMs(resource: RatedResource): number {
  const row = DEFAULT_RATES.find((r) => r.resource === resource) ?? SCHEMA_DEFAULT_RATES.find((r) => r.resource === resource)
  if (!row) throw new Error(`no default rate for ${resource}`)
  return row.seconds * 1000
}

/** The period to use: the server's pollRate / postRate (seconds) when it gives a usable one, else table 2. */
export function effectivePeriodMs(resource: RatedResource, serverRateSeconds?: number): number {
  if (serverRateSeconds !== undefined && Number.isFinite(serverRateSeconds) && serverRateSeconds >= 1) {
    return Math.round(serverRateSeconds) * 1000
  }
  return defaultPeriodMs(resource)
}

/**
 * The task's fixed offset from its nominal slots, from a uniform draw in [0, 1): spread over the whole allowed window
 * [-period/2, +period/2) so that a fleet's requests cover the period evenly.
 */
export function slotOffsetMs(periodMs: number, random: number): number {
  const r = random >= 0 && random < 1 ? random : 0.5
  return Math.floor((r - 0.5) * 2 * MAX_SLOT_DEVIATION_FRACTION * periodMs)
}

/** Nominal slots are whole multiples of the period since the Unix epoch (like RTC-aligned telemetry). */
export function nominalSlotMs(index: number, periodMs: number): number {
  return index * periodMs
}

/** When the task fires for slot `index`. */
export function slotFireMs(index: number, periodMs: number, offsetMs: number): number {
  return nominalSlotMs(index, periodMs) + offsetMs
}

/** The first slot whose firing time is at or after `nowMs`. */
export function firstSlotIndex(nowMs: number, periodMs: number, offsetMs: number): number {
  return Math.ceil((nowMs - offsetMs) / periodMs)
}

/** handbook 13.1 check: did a request at `actualMs` meet the slot `nominalMs`? */
export function withinSlotWindow(actualMs: number, nominalMs: number, periodMs: number): boolean {
  return Math.abs(actualMs - nominalMs) <= MAX_SLOT_DEVIATION_FRACTION * periodMs
}
