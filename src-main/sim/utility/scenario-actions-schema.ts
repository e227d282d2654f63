/**
 * Timed scenario actions as data (issue 12 item 1), named after the CSIP-AUS harness's actions (cactus
 * set-comms-rate, communications-status, create-der-control, cancel-active-der-controls, set-default-der-control,
 * create-der-program, remove-function-set-assignment, register-end-device) plus what the procedures need besides:
 * replace a control, clear the default, edit a registration. Each fires once, at `atS` seconds after the scenario start
 * on the simulator's clock, or right after the first request matching `on` was answered (a control created in reaction
 * to the client).
 */
import { z } from 'zod'
import { scenarioModesSchema, scenarioProgramSchema } from './scenario-parts-schema'

const mrid = z.string().regex(/^[0-9A-F]{32}$/, 'mRID: 32 upper-case hex digits')
const seconds = z.number().int().positive()

const trigger = {
  /** Seconds after the scenario start. */
  atS: z.number().int().optional(),
  /** Fire after the first request with this method whose path matches this regular expression has been answered. */
  on: z.object({ method: z.string().min(1), path: z.string().min(1) }).strict().optional(),
}

/** A DERControl an action creates: its times relative to the moment the action fires. */
export const actionControlSchema = z
  .object({
    mRID: mrid.optional(),
    description: z.string().max(200).optional(),
    startInS: z.number().int().min(0).default(0),
    durationS: seconds,
    modes: scenarioModesSchema,
    rampTms: z.number().int().min(0).optional(),
    randomizeStart: z.number().int().optional(),
    randomizeDuration: z.number().int().optional(),
    responseRequired: z.number().int().min(0).max(255).optional(),
  })
  .strict()

const pollRates = z
  .object({ dcap: seconds, edev: seconds, fsa: seconds, derp: seconds, derc: seconds, der: seconds, mup: seconds })
  .partial()
  .strict()

const actions = [
  z.object({ type: z.literal('set-comms-rate'), pollRates: pollRates.optional(), mupPostRateS: seconds.optional(), ...trigger }).strict(),
  z.object({ type: z.literal('communications-status'), enabled: z.boolean(), ...trigger }).strict(),
  z.object({ type: z.literal('create-der-control'), program: z.string(), control: actionControlSchema, ...trigger }).strict(),
  /** Without mRID: every control of the program (of every program without `program`) not yet ended (cactus cancel-active-der-controls). */
  z.object({ type: z.literal('cancel-der-control'), program: z.string().optional(), mRID: mrid.optional(), randomized: z.boolean().optional(), ...trigger }).strict(),
  /** The control `mRID` is superseded and `control` takes its place. */
  z.object({ type: z.literal('replace-der-control'), program: z.string(), mRID: mrid, control: actionControlSchema, ...trigger }).strict(),
  z.object({ type: z.literal('set-default-der-control'), program: z.string(), modes: scenarioModesSchema, setGradW: z.number().int().min(0).optional(), ...trigger }).strict(),
  z.object({ type: z.literal('clear-default-der-control'), program: z.string(), ...trigger }).strict(),
  z.object({ type: z.literal('create-der-program'), program: scenarioProgramSchema, ...trigger }).strict(),
  z.object({ type: z.literal('remove-function-set-assignment'), fsa: z.number().int().min(1).max(9), ...trigger }).strict(),
  /** Without `device`: every EndDevice. `registrationLink: false` drops the link from the EndDevice (and 404s /rg). */
  z.object({ type: z.literal('edit-registration'), device: z.string().optional(), pin: z.number().int().min(0).max(999_999_999).optional(), registrationLink: z.boolean().optional(), ...trigger }).strict(),
  /** Registers an EndDevice: the client certificate's `pkiDevice` (1-based, default 1), or `lfdi` seen by that client. */
  z
    .object({
      type: z.literal('register-end-device'),
      id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
      pkiDevice: z.number().int().min(1).optional(),
      lfdi: z.string().regex(/^[0-9A-Fa-f]{40}$/).optional(),
      sfdi: z.number().int().min(0).optional(),
      ...trigger,
    })
    .strict(),
] as const

/** An action as the simulator's API applies it at once (a trigger, if given, is ignored). */
export const immediateActionSchema = z.discriminatedUnion('type', actions)
export type ImmediateAction = z.infer<typeof immediateActionSchema>
export type ImmediateActionInput = z.input<typeof immediateActionSchema>

export const scenarioActionSchema = immediateActionSchema.refine((a) => (a.atS === undefined) !== (a.on === undefined), { message: 'an action has either atS or on' })
export type ScenarioAction = z.infer<typeof scenarioActionSchema>
