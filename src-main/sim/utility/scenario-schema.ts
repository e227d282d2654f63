/**
 * Utility-server scenarios as data (DESIGN.md "Simulators are product features"): programs with their default control
 * and controls, times in seconds relative to the scenario start (aligned to a 5-minute boundary of the clock), and
 * timed actions (scenario-actions-schema.ts).
 */
import { z } from 'zod'
import { scenarioActionSchema } from './scenario-actions-schema'
import { extraDeviceSchema, scenarioProgramSchema, watts } from './scenario-parts-schema'

export { extraDeviceSchema, scenarioControlSchema, scenarioModesSchema, scenarioProgramSchema } from './scenario-parts-schema'
export type { ScenarioControl, ScenarioModes, ScenarioProgram } from './scenario-parts-schema'

export const scenarioSchema = z
  .object({
    name: z.string().min(1).max(60),
    description: z.string().max(1000),
    /** Registration pIN served for every device (the installer compares it). */
    pin: z.number().int().min(0).max(999_999_999).optional(),
    /** Rated power of the simulated site's DER (figure 6 uses 10 kW). */
    ratedW: watts.optional(),
    /** Refuse what the reference server (envoy) refuses, e.g. a MirrorUsagePoint without MirrorMeterReadings (400). */
    referenceStrict: z.boolean().optional(),
    /** Offer TLS 1.3 as well (default: TLS 1.2 only, as IEEE 2030.5 and the utilities use it). */
    tls13: z.boolean().optional(),
    /** More EndDevices the first client (a cloud proxy) sees, e.g. Annex D's EQLDEV1-4. */
    extraDevices: z.array(extraDeviceSchema).default([]),
    /** The client certificates' EndDevices are not registered at the start (a register-end-device action or the client's POST does it). */
    unregistered: z.boolean().optional(),
    /** Accept POST /edev from a client that registers itself (cactus ALL-02/03); default off, as Energex/Ergon (handbook 9). */
    inBandRegistration: z.boolean().optional(),
    /** Empty: an FSA list with nothing in it until a create-der-program action. */
    programs: z.array(scenarioProgramSchema).default([]),
    /** Timed actions (scenario-actions-schema.ts). */
    actions: z.array(scenarioActionSchema).default([]),
  })
  .strict()
export type Scenario = z.infer<typeof scenarioSchema>
/** A scenario as written (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>
