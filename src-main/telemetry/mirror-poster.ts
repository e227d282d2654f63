/**
 * Posting one buffered reading (REQUIREMENTS TEL-2, TEL-3): the MirrorUsagePoint of its scope is created first when
 * this client has none on the server (POST to the MirrorUsagePointList; the Location is the URL for readings), and
 * re-created when the server has lost it (a 404 on a reading post -> POST the MUP again, then the reading).
 */
import { createMrid } from '../../src-shared/identity'
import type { AppErrorShape } from '../../src-shared/result'
import { readingKeyId, type ReadingTypeProfile, type ReadingValue, type Scope } from '../../src-shared/telemetry'
import type { Sep2Response, Sep2Result } from '../sep2/transport'
import { mirrorMeterReadingXml, mirrorUsagePointXml, type UsagePointIdentity } from './mirror-documents'
import type { Sep2Poster } from './ports'
import type { BufferedReading, TelemetryBuffer } from './telemetry-buffer'

export type PostOutcome =
  | { kind: 'sent'; location: string | undefined }
  /** The server refused this reading for good (e.g. 400): it is dropped so it does not block the queue. */
  | { kind: 'rejected'; error: AppErrorShape }
  /** Communications trouble: keep it and try again later (handbook 13.3). */
  | { kind: 'retry-later'; error: AppErrorShape }

export interface MirrorPosterOptions {
  poster: Sep2Poster
  buffer: TelemetryBuffer
  /** The MirrorUsagePointListLink href from DeviceCapability, e.g. /api/v2/mup. */
  mupListHref: string
  identity: UsagePointIdentity
  randomBytes: (count: number) => Uint8Array
  profile?: ReadingTypeProfile
  onMupCreated?: (event: { scope: Scope; location: string; recreated: boolean }) => void
}

const MRID_RANDOM_BYTES = 12
const mupKey = (scope: Scope): string => `mup.${scope}`

export class MirrorPoster {
  /** Scopes whose MUP was created moments ago: a 404 right after is the server catching up (handbook FAQ). */
  private readonly fresh = new Set<Scope>()

  constructor(private readonly options: MirrorPosterOptions) {}

  mupLocation(scope: Scope): string | undefined {
    return this.options.buffer.getState(mupKey(scope))
  }

  /**
   * Post one buffered reading. The row is marked in flight with its mRID before anything is sent (REL-2): after a
   * crash it goes again with the same mRID and interval, which the server takes as the same record.
   */
  async post(item: BufferedReading, signal: AbortSignal): Promise<PostOutcome> {
    const { reading } = item
    const mRID = this.options.buffer.markInFlight(item.id, item.mrid ?? this.readingMrid(readingKeyId(reading.key)))
    const first = await this.postOnce(reading, mRID, { signal, recreated: false })
    if (first.kind !== 'lost') return first
    // handbook 10.8 / TEL-2: the server no longer knows our usage point; create it again and resend.
    this.options.buffer.setState(mupKey(reading.key.scope), undefined)
    const again = await this.postOnce(reading, mRID, { signal, recreated: true })
    return again.kind === 'lost' ? { kind: 'retry-later', error: again.error } : again
  }

  private async postOnce(reading: ReadingValue, mRID: string, o: { signal: AbortSignal; recreated: boolean }): Promise<PostOutcome | { kind: 'lost'; error: AppErrorShape }> {
    const { signal } = o
    const scope = reading.key.scope
    const location = await this.ensureMup(scope, signal, o.recreated)
    if (!location.ok) return { kind: 'retry-later', error: location.error }
    const xml = mirrorMeterReadingXml(reading, { mRID, ...(this.options.profile ? { profile: this.options.profile } : {}) })
    if (!xml.ok) return { kind: 'rejected', error: xml.error }
    const justCreated = this.fresh.delete(scope)
    const r = await this.options.poster.post(location.value, xml.value, { signal, justCreated })
    if (r.ok) return { kind: 'sent', location: r.value.location }
    const error = { code: r.error.code, message: r.error.message }
    if (r.error.code === 'SEP2_NOT_FOUND') return { kind: 'lost', error }
    return r.error.code === 'SEP2_HTTP_STATUS' ? { kind: 'rejected', error } : { kind: 'retry-later', error }
  }

  private async ensureMup(scope: Scope, signal: AbortSignal, recreated: boolean): Promise<{ ok: true; value: string } | { ok: false; error: AppErrorShape }> {
    const known = this.mupLocation(scope)
    if (known) return { ok: true, value: known }
    const xml = mirrorUsagePointXml(scope, this.options.identity)
    if (!xml.ok) return xml
    const r: Sep2Result<Sep2Response> = await this.options.poster.post(this.options.mupListHref, xml.value, { signal })
    if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message } }
    const location = r.value.location
    if (!location) return { ok: false, error: { code: 'TELEMETRY_NO_LOCATION', message: `The server created the ${scope} MirrorUsagePoint but sent no Location header.` } }
    this.options.buffer.setState(mupKey(scope), location)
    this.fresh.add(scope)
    this.options.onMupCreated?.({ scope, location, recreated })
    return { ok: true, value: location }
  }

  /** One mRID per reading, created once and kept (handbook 10.8.4: unique for the EndDevice, same every interval). */
  private readingMrid(keyId: string): string {
    const stateKey = `mrid.${keyId}`
    const known = this.options.buffer.getState(stateKey)
    if (known) return known
    const mrid = createMrid({ randomBytes: this.options.randomBytes(MRID_RANDOM_BYTES), pen: this.options.identity.pen })
    this.options.buffer.setState(stateKey, mrid)
    return mrid
  }
}
