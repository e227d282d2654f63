/**
 * Posting one buffered reading (REQUIREMENTS TEL-2, TEL-3): the MirrorUsagePoint of its scope is created first when
 * this client has none on the server, and re-created when the server has lost it (a 404 on a reading post).
 *
 * Two creation forms, both valid IEEE 2030.5 (issue 20 item 3): the handbook's two-step form (10.8.3: an empty
 * MirrorUsagePoint, then readings to its Location) is tried first; a server that refuses it (the reference server
 * answers 400 "MirrorUsagePoint … has no mirrorMeterReadings") gets the one-step form, the MirrorUsagePoint carrying
 * its first MirrorMeterReading. The form the server took is stored and used from then on. A refusal of both forms is
 * recorded with the server's words and the reading stays buffered ('refused'): it is never sent again unchanged.
 * After creation the MirrorUsagePoint is read back for the server's postRate (CSIP-AUS ALL-10).
 */
import { createMrid } from '../../src-shared/identity'
import type { AppErrorShape } from '../../src-shared/result'
import { readingKeyId, type ReadingTypeProfile, type ReadingValue, type Scope } from '../../src-shared/telemetry'
import type { Sep2TransportError } from '../sep2/transport'
import { parseSep2, serialiseSep2, type MirrorMeterReading } from '../sep2/xml'
import { mirrorMeterReading, mirrorUsagePointXml, type UsagePointIdentity } from './mirror-documents'
import { MupStore, describeRefusal, refusalError, refusalOf, type MupForm, type MupRecord, type TelemetryRefusal } from './mirror-usage-points'
import type { Sep2Poster } from './ports'
import type { BufferedReading, TelemetryBuffer } from './telemetry-buffer'

export type PostOutcome =
  | { kind: 'sent'; location: string | undefined }
  /** The server refused this reading for good (e.g. 400): it is dropped so it does not block the queue. */
  | { kind: 'rejected'; error: AppErrorShape }
  /** The server refused the MirrorUsagePoint in every form: the reading stays buffered, nothing is re-sent unchanged. */
  | { kind: 'refused'; error: AppErrorShape; refusal: TelemetryRefusal }
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
  clock: { now(): number }
  onMupCreated?: (event: { scope: Scope; location: string; recreated: boolean; form: MupForm }) => void
  /** The postRate of a MirrorUsagePoint read back after its creation. */
  onPostRate?: (postRateS: number) => void
}

type Created = { kind: 'created'; location: string } | Extract<PostOutcome, { kind: 'refused' | 'retry-later' }>
type Attempt = { signal: AbortSignal; recreated: boolean }

const MRID_RANDOM_BYTES = 12
const errorShape = (e: Sep2TransportError): AppErrorShape => ({ code: e.code, message: e.message })

export class MirrorPoster {
  /** Scopes whose MUP was created moments ago: a 404 right after is the server catching up (handbook FAQ). */
  private readonly fresh = new Set<Scope>()
  private readonly mups: MupStore

  constructor(private readonly options: MirrorPosterOptions) {
    this.mups = new MupStore(options.buffer)
  }

  mupLocation(scope: Scope): string | undefined {
    return this.mups.location(scope)
  }

  /** What is known of each scope's MirrorUsagePoint (status views). */
  records(): MupRecord[] {
    return (['site', 'der'] as const).map((scope) => this.mups.record(scope))
  }

  /** Forget a MirrorUsagePoint the server no longer lists: it is created again with the next reading. */
  forget(scope: Scope): void {
    this.mups.setLocation(scope, undefined)
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
    this.mups.setLocation(reading.key.scope, undefined)
    const again = await this.postOnce(reading, mRID, { signal, recreated: true })
    return again.kind === 'lost' ? { kind: 'retry-later', error: again.error } : again
  }

  private async postOnce(reading: ReadingValue, mRID: string, o: Attempt): Promise<PostOutcome | { kind: 'lost'; error: AppErrorShape }> {
    const mmr = mirrorMeterReading(reading, { mRID, ...(this.options.profile ? { profile: this.options.profile } : {}) })
    const known = this.mups.location(reading.key.scope)
    if (known) return this.postReading(known, reading.key.scope, mmr, o)
    return this.createWith(reading.key.scope, mmr, o)
  }

  /** No MirrorUsagePoint yet: the form the server took before, else two-step and, when refused, one-step. */
  private async createWith(scope: Scope, mmr: MirrorMeterReading, o: Attempt): Promise<PostOutcome | { kind: 'lost'; error: AppErrorShape }> {
    if (this.mups.form(scope) !== 'one-step') {
      const twoStep = await this.createMup(scope, undefined, o)
      if (twoStep.kind === 'created') return this.postReading(twoStep.location, scope, mmr, o)
      if (twoStep.kind === 'retry-later') return twoStep
    }
    const oneStep = await this.createMup(scope, mmr, o)
    return oneStep.kind === 'created' ? { kind: 'sent', location: oneStep.location } : oneStep
  }

  private async postReading(location: string, scope: Scope, mmr: MirrorMeterReading, o: Attempt): Promise<PostOutcome | { kind: 'lost'; error: AppErrorShape }> {
    const xml = serialiseSep2('MirrorMeterReading', mmr)
    if (!xml.ok) return { kind: 'rejected', error: xml.error }
    const justCreated = this.fresh.delete(scope)
    const r = await this.options.poster.post(location, xml.value, { signal: o.signal, justCreated })
    if (r.ok) return { kind: 'sent', location: r.value.location }
    if (r.error.code === 'SEP2_NOT_FOUND') return { kind: 'lost', error: errorShape(r.error) }
    const refusal = refusalOf(r.error, { scope, document: 'MirrorMeterReading', at: this.options.clock.now() })
    if (!refusal) return { kind: 'retry-later', error: errorShape(r.error) }
    this.mups.setRefusal(refusal)
    // One reading the server will not take is dropped (reported), so it cannot hold back every later one.
    return { kind: 'rejected', error: { code: r.error.code, message: describeRefusal(refusal) } }
  }

  private async createMup(scope: Scope, first: MirrorMeterReading | undefined, o: Attempt): Promise<Created> {
    const form: MupForm = first ? 'one-step' : 'two-step'
    const xml = mirrorUsagePointXml(scope, this.options.identity, first)
    if (!xml.ok) return { kind: 'retry-later', error: xml.error }
    const r = await this.options.poster.post(this.options.mupListHref, xml.value, { signal: o.signal })
    if (!r.ok) {
      const refusal = refusalOf(r.error, { scope, document: 'MirrorUsagePoint', form, at: this.options.clock.now() })
      if (!refusal) return { kind: 'retry-later', error: errorShape(r.error) }
      this.mups.setRefusal(refusal)
      return { kind: 'refused', error: refusalError(refusal), refusal }
    }
    const location = r.value.location
    if (!location) return { kind: 'retry-later', error: { code: 'TELEMETRY_NO_LOCATION', message: `The server created the ${scope} MirrorUsagePoint but sent no Location header.` } }
    this.mups.setLocation(scope, location)
    this.mups.setForm(scope, form)
    if (!first) this.fresh.add(scope)
    this.options.onMupCreated?.({ scope, location, recreated: o.recreated, form })
    await this.readBack(location, o.signal)
    return { kind: 'created', location }
  }

  /** CSIP-AUS ALL-06 / ALL-10: read the new MirrorUsagePoint back; a postRate on it is followed. */
  private async readBack(location: string, signal: AbortSignal): Promise<void> {
    const r = await this.options.poster.get(location, { signal })
    if (!r.ok) return
    const parsed = parseSep2(r.value.body, 'MirrorUsagePoint')
    const rate = parsed.ok ? parsed.value.doc.postRate : undefined
    if (rate !== undefined) this.options.onPostRate?.(rate)
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
