import { z } from 'zod'
import { command, siteId } from './command'

/**
 * Step "Telemetry" (APP-4, TEL-1..TEL-5, SITE-1/2): live chart points of the site and the DER with the effective
 * (ramped) export and import limits, the readings posted to the utility with the server's answers, the buffer depth
 * and the site controller's state. Values cross as JSON: "no limit" and "not measured" are null (never Infinity).
 */

/** One chart point: per-phase site values (import positive, handbook 10.8.2), DER W, the limits in force then. */
export interface TelemetryPoint {
  t: number
  siteW: { a: number | null; b: number | null; c: number | null; total: number | null }
  siteVar: { a: number | null; b: number | null; c: number | null }
  siteV: { a: number | null; b: number | null; c: number | null }
  hz: number | null
  derW: number | null
  /** Effective ramped export limit, W (as a negative site power it is -exportLimitW); null = none. */
  exportLimitW: number | null
  importLimitW: number | null
}

/** The controller's state in words (SITE-2): following / limited by X / fail-safe: fault / manual. */
export type ControllerStateView =
  | { kind: 'following'; sinceMs: number; text: string }
  | { kind: 'limited'; sinceMs: number; binding: string[]; text: string }
  | { kind: 'fail-safe'; sinceMs: number; fault: string; text: string }
  | { kind: 'manual'; sinceMs: number; reason: string; text: string }

/** A reading sent to the utility and what the server answered (TEL-2..TEL-5). */
export interface PostedReadingView {
  at: number
  intervalEndMs: number
  readingKey: string
  outcome: 'posted' | 'rejected'
  /** The server's answer in words: "201 Created at /mup/1/mr/3", or the error. */
  answer: string
}

export type TelemetryLinkView =
  /** No live readings: the site controller and telemetry run only while the site is sampled. */
  | { state: 'not-live' }
  /** Live, but not connected to the utility server: readings are not produced for the server yet. */
  | { state: 'not-connected' }
  | { state: 'reporting'; postRateS: number }

/** A MirrorUsagePoint on the server: the creation form it took (issue 20 item 3) and the server's last refusal. */
export interface MirrorUsagePointView {
  scope: 'site' | 'der'
  location: string | null
  /** two-step: the handbook's empty MirrorUsagePoint then readings; one-step: it carried its first reading. */
  form: 'two-step' | 'one-step' | null
  /** In words, with the server's answer when it refused something. */
  text: string
  /** Sending is stopped by this refusal until the next start (readings kept in the buffer). */
  blocking: boolean
}

export interface TelemetryStatus {
  siteId: string
  link: TelemetryLinkView
  controller: ControllerStateView | null
  /** Readings waiting in the durable buffer (TEL-5). */
  buffer: { readings: number; intervals: number; oldestEndMs: number | null }
  /** The latest posts and answers, newest first. */
  recent: PostedReadingView[]
  /** The last send failure (communications), cleared by the next successful post. */
  lastFailure: string | null
  /** DER status/capability/settings PUTs (TEL-1): the last outcome per resource. */
  der: { resource: string; ok: boolean; at: number; text: string }[]
  /** The MirrorUsagePoints created (or refused) on the server, while reporting. */
  mirrorUsagePoints?: MirrorUsagePointView[]
}

export const telemetryCommands = {
  /** Start the closed loop and reporting for a site whose devices are being sampled; returns the status. */
  'telemetry.start': command(z.object({ siteId })).returns<TelemetryStatus>(),
  'telemetry.status': command(z.object({ siteId })).returns<TelemetryStatus>(),
  /** Chart points since `sinceMs` (default: the last hour), downsampled from the stored samples to `maxPoints`. */
  'telemetry.history': command(
    z.object({ siteId, sinceMs: z.number().int().optional(), maxPoints: z.number().int().min(10).max(5000).optional() }),
  ).returns<TelemetryPoint[]>(),
} as const

const nullableNumber = z.number().nullable()
const phases3 = z.object({ a: nullableNumber, b: nullableNumber, c: nullableNumber })

export const telemetryPointSchema = z.object({
  t: z.number(),
  siteW: phases3.extend({ total: nullableNumber }),
  siteVar: phases3,
  siteV: phases3,
  hz: nullableNumber,
  derW: nullableNumber,
  exportLimitW: nullableNumber,
  importLimitW: nullableNumber,
})

export const telemetryEvents = {
  /** New chart points of a live site (at most ~2 per second). */
  'telemetry.points': z.object({ siteId: z.string(), points: z.array(telemetryPointSchema) }),
  /** The status changed: controller state, a post and its answer, buffered readings, a send failure, a DER PUT. */
  'telemetry.changed': z.object({ siteId: z.string(), status: z.custom<TelemetryStatus>() }),
} as const
