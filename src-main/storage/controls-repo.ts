/**
 * Tables controls_* (migration 4): the controls' persistent state (CTL-2, CTL-4, CTL-6): programs with their default,
 * every stored event, the randomisation draw of each event, the DERControlResponses sent, and the overlap setting.
 * All times are Unix ms. A restart reads everything back, so an ordinary restart changes nothing (CSIP-AUS ALL-30).
 */
import type { DefaultControlInput, EventInput, RandomDraw } from '../../src-shared/controls'
import type { OverlapRuleSetting, ResponseState, ResponseStatusCode } from '../../src-shared/contract/limits'
import type { Db } from './database'

export interface StoredProgram {
  href: string
  mRID: string
  primacy: number
  description?: string
  /** Modes + setGradW; `since` is kept separately (defaultSince). */
  defaultControl?: Omit<DefaultControlInput, 'since'>
  defaultSince?: number
}

export interface StoredEvent {
  event: EventInput
  description?: string
  firstSeenAt: number
  lastSeenAt: number
  missingSince?: number
  cancelSeenAt?: number
}

/** The statuses a stored DERControlResponse can carry (one list, in the API contract). */
export type StoredResponseStatus = ResponseStatusCode

export interface StoredResponse {
  mRID: string
  status: StoredResponseStatus
  replyTo: string
  state: ResponseState
  firstTriedAt: number
  acceptedAt?: number
  attempts: number
  location?: string
  lastError?: string
  giveUpAt: number
}

interface ProgramRow {
  href: string
  mrid: string
  primacy: number
  description: string | null
  default_json: string | null
  default_since: number | null
}

interface EventRow {
  event_json: string
  description: string | null
  first_seen_at: number
  last_seen_at: number
  missing_since: number | null
  cancel_seen_at: number | null
}

interface ResponseRow {
  mrid: string
  status: number
  reply_to: string
  state: ResponseState
  first_tried_at: number
  accepted_at: number | null
  attempts: number
  location: string | null
  last_error: string | null
  give_up_at: number
}

const CANCEL_STATUSES: readonly number[] = [2, 3]

function programFromRow(r: ProgramRow): StoredProgram {
  const p: StoredProgram = { href: r.href, mRID: r.mrid, primacy: r.primacy }
  if (r.description !== null) p.description = r.description
  if (r.default_json !== null) p.defaultControl = JSON.parse(r.default_json) as Omit<DefaultControlInput, 'since'>
  if (r.default_since !== null) p.defaultSince = r.default_since
  return p
}

function eventFromRow(r: EventRow): StoredEvent {
  const e: StoredEvent = { event: JSON.parse(r.event_json) as EventInput, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at }
  if (r.description !== null) e.description = r.description
  if (r.missing_since !== null) e.missingSince = r.missing_since
  if (r.cancel_seen_at !== null) e.cancelSeenAt = r.cancel_seen_at
  return e
}

function responseFromRow(r: ResponseRow): StoredResponse {
  const out: StoredResponse = {
    mRID: r.mrid,
    status: r.status as StoredResponse['status'],
    replyTo: r.reply_to,
    state: r.state,
    firstTriedAt: r.first_tried_at,
    attempts: r.attempts,
    giveUpAt: r.give_up_at,
  }
  if (r.accepted_at !== null) out.acceptedAt = r.accepted_at
  if (r.location !== null) out.location = r.location
  if (r.last_error !== null) out.lastError = r.last_error
  return out
}

export type ControlsStore = ReturnType<typeof createControlsStore>

export function createControlsStore(db: Db, siteId: string) {
  return {
    ...programStatements(db, siteId),
    ...eventStatements(db, siteId),
    ...drawStatements(db, siteId),
    ...responseStatements(db, siteId),
    ...settingStatements(db, siteId),
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)()
    },
  }
}

function programStatements(db: Db, siteId: string) {
  return {
    listPrograms(): StoredProgram[] {
      const rows = db.prepare('SELECT * FROM controls_programs WHERE site_id = ? ORDER BY primacy, href').all(siteId) as ProgramRow[]
      return rows.map(programFromRow)
    },
    /** handbook 10.7: the default's `since` is the first time the client had a default for this program. */
    upsertProgram(p: Omit<StoredProgram, 'defaultSince'>, at: number): void {
      const prev = db.prepare('SELECT default_since FROM controls_programs WHERE site_id = ? AND href = ?').get(siteId, p.href) as
        | { default_since: number | null }
        | undefined
      const since = p.defaultControl ? (prev?.default_since ?? at) : null
      db.prepare(
        `INSERT INTO controls_programs (site_id, href, mrid, primacy, description, default_json, default_since, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, href) DO UPDATE SET mrid = excluded.mrid, primacy = excluded.primacy,
           description = excluded.description, default_json = excluded.default_json, default_since = excluded.default_since,
           updated_at = excluded.updated_at`,
      ).run(siteId, p.href, p.mRID, p.primacy, p.description ?? null, p.defaultControl ? JSON.stringify(p.defaultControl) : null, since, at)
    },
    /** Programs a successful poll no longer lists: nothing of them applies any more (their events included). */
    deleteProgramsExcept(keep: readonly string[]): void {
      const rows = db.prepare('SELECT href FROM controls_programs WHERE site_id = ?').all(siteId) as { href: string }[]
      const del = db.prepare('DELETE FROM controls_programs WHERE site_id = ? AND href = ?')
      for (const r of rows) if (!keep.includes(r.href)) del.run(siteId, r.href)
    },
  }
}

function eventStatements(db: Db, siteId: string) {
  return {
    listEvents(): StoredEvent[] {
      const rows = db.prepare('SELECT * FROM controls_events WHERE site_id = ? ORDER BY first_seen_at, mrid').all(siteId) as EventRow[]
      return rows.map(eventFromRow)
    },
    /** Seen in a poll: store its latest form; note when a Cancelled status was first seen; it is no longer missing. */
    upsertEvent(event: EventInput, opts: { description?: string; at: number }): void {
      const cancelAt = CANCEL_STATUSES.includes(event.currentStatus) ? opts.at : null
      db.prepare(
        `INSERT INTO controls_events (site_id, mrid, program_href, event_json, description, first_seen_at, last_seen_at, missing_since, cancel_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT (site_id, mrid) DO UPDATE SET program_href = excluded.program_href, event_json = excluded.event_json,
           description = excluded.description, last_seen_at = excluded.last_seen_at, missing_since = NULL,
           cancel_seen_at = COALESCE(controls_events.cancel_seen_at, excluded.cancel_seen_at)`,
      ).run(siteId, event.mRID, event.programId, JSON.stringify(event), opts.description ?? null, opts.at, opts.at, cancelAt)
    },
    /** A successful poll of a program no longer lists these events: note since when (first time only). */
    markMissing(programHref: string, present: ReadonlySet<string>, at: number): void {
      const rows = db.prepare('SELECT mrid FROM controls_events WHERE site_id = ? AND program_href = ? AND missing_since IS NULL').all(siteId, programHref) as {
        mrid: string
      }[]
      const mark = db.prepare('UPDATE controls_events SET missing_since = ? WHERE site_id = ? AND mrid = ?')
      for (const r of rows) if (!present.has(r.mrid)) mark.run(at, siteId, r.mrid)
    },
    /** Forget events that ended long ago (their responses stay recorded). */
    deleteEvents(mRIDs: readonly string[]): void {
      const del = db.prepare('DELETE FROM controls_events WHERE site_id = ? AND mrid = ?')
      for (const m of mRIDs) del.run(siteId, m)
    },
    /** handbook 11.2: after a power outage every stored DERControl is removed. */
    discardEvents(): number {
      return db.prepare('DELETE FROM controls_events WHERE site_id = ?').run(siteId).changes
    },
  }
}

function drawStatements(db: Db, siteId: string) {
  return {
    draws(): Record<string, RandomDraw> {
      const rows = db.prepare('SELECT mrid, start_s, duration_s FROM controls_draws WHERE site_id = ?').all(siteId) as {
        mrid: string
        start_s: number
        duration_s: number
      }[]
      return Object.fromEntries(rows.map((r) => [r.mrid, { start: r.start_s, duration: r.duration_s }]))
    },
    /** Inserts only if the event has no draw yet: a draw is made once per event (CTL-2). */
    saveDraw(mRID: string, draw: RandomDraw, at: number): void {
      db.prepare('INSERT OR IGNORE INTO controls_draws (site_id, mrid, start_s, duration_s, drawn_at) VALUES (?, ?, ?, ?, ?)').run(
        siteId,
        mRID,
        draw.start,
        draw.duration,
        at,
      )
    },
  }
}

function responseStatements(db: Db, siteId: string) {
  return {
    responses(): StoredResponse[] {
      const rows = db.prepare('SELECT * FROM controls_responses WHERE site_id = ? ORDER BY first_tried_at, mrid, status').all(siteId) as ResponseRow[]
      return rows.map(responseFromRow)
    },
    /** Responses not yet settled (sending or failed): the ones the responder may still send. */
    openResponses(): StoredResponse[] {
      const rows = db.prepare(`SELECT * FROM controls_responses WHERE site_id = ? AND state IN ('sending', 'failed') ORDER BY first_tried_at, mrid, status`).all(siteId) as ResponseRow[]
      return rows.map(responseFromRow)
    },
    /** The responses recorded for these events (the stored ones: the table keeps every response ever sent). */
    responsesFor(mRIDs: readonly string[]): StoredResponse[] {
      if (mRIDs.length === 0) return []
      const wanted = new Set(mRIDs)
      const rows = db
        .prepare(`SELECT r.* FROM controls_responses r JOIN controls_events e ON e.site_id = r.site_id AND e.mrid = r.mrid WHERE r.site_id = ? ORDER BY r.first_tried_at, r.mrid, r.status`)
        .all(siteId) as ResponseRow[]
      return rows.filter((r) => wanted.has(r.mrid)).map(responseFromRow)
    },
    /** Records the response before the first POST; false if this (event, status) was already recorded. */
    claimResponse(r: { mRID: string; status: number; replyTo: string; at: number; giveUpAt: number }): boolean {
      const res = db
        .prepare(
          `INSERT OR IGNORE INTO controls_responses (site_id, mrid, status, reply_to, state, first_tried_at, attempts, give_up_at)
           VALUES (?, ?, ?, ?, 'sending', ?, 0, ?)`,
        )
        .run(siteId, r.mRID, r.status, r.replyTo, r.at, r.giveUpAt)
      return res.changes === 1
    },
    recordAttempt(r: { mRID: string; status: number; outcome: { accepted: true; location?: string; at: number } | { accepted: false; error: string } }): void {
      const o = r.outcome
      if (o.accepted) {
        db.prepare(
          `UPDATE controls_responses SET state = 'accepted', attempts = attempts + 1, accepted_at = ?, location = ?, last_error = NULL
           WHERE site_id = ? AND mrid = ? AND status = ?`,
        ).run(o.at, o.location ?? null, siteId, r.mRID, r.status)
      } else {
        db.prepare(
          `UPDATE controls_responses SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE site_id = ? AND mrid = ? AND status = ?`,
        ).run(o.error.slice(0, 500), siteId, r.mRID, r.status)
      }
    },
    abandonResponse(mRID: string, status: number): void {
      db.prepare(`UPDATE controls_responses SET state = 'abandoned' WHERE site_id = ? AND mrid = ? AND status = ?`).run(siteId, mRID, status)
    },
  }
}

function settingStatements(db: Db, siteId: string) {
  return {
    overlap(): OverlapRuleSetting {
      const row = db.prepare('SELECT overlap FROM controls_settings WHERE site_id = ?').get(siteId) as { overlap: OverlapRuleSetting } | undefined
      return row?.overlap ?? 'resume'
    },
    setOverlap(overlap: OverlapRuleSetting, at: number): void {
      db.prepare(
        `INSERT INTO controls_settings (site_id, overlap, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET overlap = excluded.overlap, updated_at = excluded.updated_at`,
      ).run(siteId, overlap, at)
    },
  }
}
