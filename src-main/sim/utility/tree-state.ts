/** The simulated server's state, shared by the GET tree and the client-document endpoints. */
import type { Clock } from '../../../src-shared/clock'
import type { Sep2Documents, Sep2Kind } from '../../sep2/xml'
import { serialiseSep2 } from '../../sep2/xml'
import type { SimRequest, SimResponse } from './core'
import type { SimDevice } from './documents'
import type { Scenario } from './scenario-schema'

export interface ReceivedDocument {
  method: 'POST' | 'PUT'
  path: string
  kind: Sep2Kind
  clientLfdi: string
  at: number
  xml: string
  location?: string
}

/**
 * One mirrored reading as a 2030.5 server keeps it: the MirrorMeterReading (by mRID, within its MirrorUsagePoint)
 * and the Reading's interval (timePeriod.start). A POST of a known mRID + interval updates this record.
 */
export interface MirroredReading {
  mupPath: string
  mRID: string
  description: string
  /** Reading.timePeriod.start, s (falls back to lastUpdateTime - duration). */
  intervalStartS: number
  durationS: number
  value: number | undefined
  /** The MeterReading's location (same for every interval of one mRID). */
  location: string
  /** POSTs that carried this record: 1, or more when the client sent it again (e.g. after a crash). */
  posts: number
  firstAt: number
  lastAt: number
}

export interface TreeState {
  clock: Clock
  scenario: Scenario
  startMs: number
  devices: SimDevice[]
  /** Added to the served Time (a wrong server clock). */
  clockOffsetMs: number
  received: ReceivedDocument[]
  /** PUT DER resources and POSTed mirror usage points, by path. */
  stored: Map<string, { kind: Sep2Kind; xml: string; owner: string }>
  nextId: number
  /** Mirrored readings keyed by mupPath|mRID|intervalStartS (see MirroredReading). */
  readings: Map<string, MirroredReading>
  /** MeterReading locations by mupPath|mRID. */
  meterReadings: Map<string, string>
  /** Called once a reading is stored, before the 201 is sent (tests stop a client at exactly that point). */
  onReading?: (reading: MirroredReading) => void
  /** The most entries one list page holds, whatever `l` asks for. */
  pageLimit?: number
  /** cactus ALL-02/03: POST /edev registers the client (default off: Energex/Ergon register out of band, handbook 9). */
  inBandRegistration?: boolean
  /** Refuse what the reference server (envoy) refuses, e.g. a MirrorUsagePoint without MirrorMeterReadings. */
  referenceStrict?: boolean
  /** pollRate served on lists, by list (set-comms-rate); absent: SIM_POLL_RATE_S. */
  pollRates?: Partial<Record<PolledList, number>>
  /** The registration pIN of an EndDevice a client registers itself (POST /edev). */
  defaultPin?: number
  /** postRate served on every MirrorUsagePoint (set-comms-rate), when set. */
  mupPostRateS?: number
}

/** The lists whose pollRate a scenario can set (cactus set-comms-rate). */
export type PolledList = 'dcap' | 'edev' | 'fsa' | 'derp' | 'derc' | 'der' | 'mup'

export const NOT_FOUND: SimResponse = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' }

export function xml<K extends Sep2Kind>(kind: K, doc: Sep2Documents[K]): SimResponse {
  const out = serialiseSep2(kind, doc)
  if (!out.ok) return { status: 500, headers: { 'content-type': 'text/plain' }, body: out.error.message }
  return { status: 200, body: out.value }
}

export function visibleDevices(state: TreeState, clientLfdi: string): SimDevice[] {
  return state.devices.filter((d) => d.owner === clientLfdi || d.lfdi === clientLfdi)
}

export function deviceFor(state: TreeState, req: SimRequest, id: string | undefined): SimDevice | undefined {
  return visibleDevices(state, req.clientLfdi).find((d) => d.id === id)
}
