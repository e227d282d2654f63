/** Server section: the utility server connection, registration check, programs, default control, events, responses. */
import { z } from 'zod'
import { isoTimeSchema, modeValuesSchema } from './common'
import { serverCheckSchema } from './server-check'

export const programSchema = z.object({
  /** The FunctionSetAssignments the program was found through (handbook 12), when known. */
  fsa: z.string().optional(),
  mRID: z.string().optional(),
  description: z.string(),
  /** handbook 12: lower primacy wins. */
  primacy: z.number().int(),
  defaultControl: z.object({ modes: modeValuesSchema, setGradW: z.number().optional() }).optional(),
})
export type ReportProgram = z.infer<typeof programSchema>

export const eventSeenSchema = z.object({
  mRID: z.string(),
  program: z.string().optional(),
  start: isoTimeSchema,
  durationS: z.number(),
  modes: modeValuesSchema,
  /** handbook 10.5.2 EventStatus currentStatus code. */
  currentStatus: z.number().int(),
  rampTms: z.number().optional(),
})
export type EventSeen = z.infer<typeof eventSeenSchema>

export const responseSentSchema = z.object({
  at: isoTimeSchema,
  eventMRID: z.string(),
  /** The Response status code sent (e.g. 1 received, 2 started, 3 completed). */
  status: z.number().int(),
  /** The HTTP status the server answered with. */
  httpStatus: z.number().int().optional(),
})
export type ResponseSent = z.infer<typeof responseSentSchema>

export const serverSectionSchema = z.object({
  url: z.string(),
  checkedAt: isoTimeSchema.optional(),
  tls: z.object({ protocol: z.string(), cipher: z.string() }).optional(),
  /** Server time minus local time, seconds. */
  clockOffsetS: z.number().optional(),
  endDevice: z.object({ found: z.boolean(), href: z.string().optional(), lfdi: z.string().optional(), lfdiMatches: z.boolean().optional() }),
  registration: z.object({
    outcome: z.enum(['pass', 'fail', 'not-checked']),
    expectedPin: z.number().int().optional(),
    serverPin: z.number().int().optional(),
    detail: z.string().optional(),
  }),
  programs: z.array(programSchema),
  events: z.array(eventSeenSchema),
  responses: z.array(responseSentSchema),
  /**
   * The stored server-check record the fields above come from (issue 17 item 1): the verdict is computed from it.
   * A report without one has no server verdict to give.
   */
  check: serverCheckSchema.optional(),
})
export type ServerSection = z.infer<typeof serverSectionSchema>
