/**
 * A procedure's server actions (cactus create-der-control, set-default-der-control, …) as the utility simulator's
 * actions (sim/utility/scenario-actions-schema.ts), with the bookkeeping the checks need: which DERProgram a tag
 * names, which mRID a control tag got. Values arrive worked out (expressions resolved by the caller). Actions the
 * simulator cannot express are reported, never silently dropped – a procedure that needs one is not run.
 */
import { withSumCheckDigit } from '../../src-shared/identity'
import type { ImmediateActionInput } from '../sim/utility/scenario-actions-schema'
import type { ScenarioModes } from '../sim/utility/scenario-parts-schema'

export type Resolved = Readonly<Record<string, string | number | boolean | readonly (string | number)[] | undefined>>

export interface HarnessProgram {
  readonly id: string
  readonly tag?: string
  readonly primacy: number
  readonly fsa: number
}

export interface HarnessControl {
  readonly mrid: string
  readonly tag?: string
  readonly programId: string
}

export type Translation = { ok: true; actions: ImmediateActionInput[] } | { ok: false; unsupported: string }

const MODE_KEYS = ['opModExpLimW', 'opModImpLimW', 'opModGenLimW', 'opModLoadLimW', 'opModConnect', 'opModEnergize'] as const

export class SimActionBook {
  readonly programs: HarnessProgram[] = []
  readonly controls: HarnessControl[] = []
  private counter = 0

  constructor(private readonly scenarioName: string) {}

  translate(type: string, p: Resolved, nowMs: number): Translation {
    switch (type) {
      case 'set-comms-rate':
        return this.commsRate(p)
      case 'communications-status':
        return done({ type, enabled: p.enabled === true })
      case 'create-der-program':
        return done(this.newProgram(p).action)
      case 'create-der-control':
        return this.createControl(p, nowMs)
      case 'cancel-active-der-controls':
        return done({ type: 'cancel-der-control' })
      case 'set-default-der-control':
        return this.setDefault(p)
      case 'remove-function-set-assignment':
        return done({ type, fsa: num(p.fsa_id) ?? 1 })
      case 'edev-registration-links':
        return done({ type: 'edit-registration', registrationLink: p.enabled === true })
      case 'register-end-device':
        return this.register(p)
      default:
        return { ok: false, unsupported: `${type} (not used by a Queensland client)` }
    }
  }

  private commsRate(p: Resolved): Translation {
    const map: [string, 'dcap' | 'edev' | 'fsa' | 'derp' | 'der'][] = [
      ['dcap_poll_seconds', 'dcap'],
      ['edev_list_poll_seconds', 'edev'],
      ['fsa_list_poll_seconds', 'fsa'],
      ['derp_list_poll_seconds', 'derp'],
      ['der_list_poll_seconds', 'der'],
    ]
    const pollRates = Object.fromEntries(map.filter(([k]) => num(p[k]) !== undefined).map(([k, list]) => [list, num(p[k])]))
    const mup = num(p.mup_post_seconds)
    return done({ type: 'set-comms-rate', pollRates, ...(mup !== undefined ? { mupPostRateS: mup } : {}) })
  }

  private newProgram(p: Resolved): { program: HarnessProgram; action: ImmediateActionInput } {
    this.counter += 1
    const tag = str(p.tag)
    const program: HarnessProgram = { id: `derp-${this.programs.length + 1}`, primacy: num(p.primacy) ?? 0, fsa: num(p.fsa_id) ?? 1, ...(tag ? { tag } : {}) }
    this.programs.push(program)
    const description = `${this.scenarioName} program ${this.programs.length}${tag ? ` (${tag})` : ''}`
    return { program, action: { type: 'create-der-program', program: { id: program.id, description, primacy: program.primacy, fsa: program.fsa } } }
  }

  private createControl(p: Resolved, nowMs: number): Translation {
    const actions: ImmediateActionInput[] = []
    // As the harness does: the tagged program, else the first with this primacy (default 0) and FSA, else a new one.
    const primacy = num(p.primacy) ?? 0
    const fsa = num(p.fsa_id)
    let program =
      p.der_program_tag !== undefined
        ? this.programs.find((x) => x.tag !== undefined && x.tag === str(p.der_program_tag))
        : this.programs.find((x) => x.primacy === primacy && (fsa === undefined || x.fsa === fsa))
    if (!program && p.der_program_tag !== undefined) return { ok: false, unsupported: `create-der-control names an unknown program tag ${String(p.der_program_tag)}` }
    if (!program) {
      const created = this.newProgram({ primacy: p.primacy, fsa_id: p.fsa_id })
      program = created.program
      actions.push(created.action)
    }
    if (p.pow_10_multipliers !== undefined) return { ok: false, unsupported: 'create-der-control with pow_10_multipliers (the simulator encodes its own multiplier)' }
    if (p.end_device_indexes !== undefined) return { ok: false, unsupported: 'a DERControl shared by several EndDevices' }
    const start = num(p.start) ?? nowMs
    const mrid = this.nextMrid()
    const tag = str(p.tag)
    this.controls.push({ mrid, programId: program.id, ...(tag ? { tag } : {}) })
    const ramp = num(p.ramp_time_seconds)
    actions.push({
      type: 'create-der-control',
      program: program.id,
      control: {
        mRID: mrid,
        startInS: Math.max(0, Math.round((start - nowMs) / 1000)),
        durationS: num(p.duration_seconds) ?? 1,
        modes: modes(p),
        // The harness's server asks for every Response (IEEE 2030.5 responseRequired bits 0 and 1).
        responseRequired: 3,
        ...(ramp !== undefined ? { rampTms: Math.round(ramp * 100) } : {}),
        ...(num(p.randomizeStart_seconds) !== undefined ? { randomizeStart: num(p.randomizeStart_seconds) } : {}),
      },
    })
    return { ok: true, actions }
  }

  private setDefault(p: Resolved): Translation {
    const index = num(p.derp_id)
    const targets = index === undefined ? this.programs : this.programs.filter((_, i) => i + 1 === index)
    if (targets.length === 0) return { ok: false, unsupported: 'set-default-der-control before any DERProgram exists' }
    if (p.cancelled === true) return { ok: true, actions: targets.map((t) => ({ type: 'clear-default-der-control', program: t.id })) }
    const grad = num(p.setGradW)
    return { ok: true, actions: targets.map((t) => ({ type: 'set-default-der-control', program: t.id, modes: modes(p), ...(grad !== undefined ? { setGradW: grad } : {}) })) }
  }

  /** The client is a device (its certificate's LFDI): aggregator_lfdi / aggregator_sfdi apply only to aggregator tests. */
  private register(p: Resolved): Translation {
    const actions: ImmediateActionInput[] = [{ type: 'register-end-device' }]
    const pin = num(p.registration_pin)
    // cactus registration_pin is the PIN without its check digit ("11111 – with checksum is 111115").
    if (pin !== undefined) actions.push({ type: 'edit-registration', pin: Number(withSumCheckDigit(String(pin))) })
    return { ok: true, actions }
  }

  private nextMrid(): string {
    this.counter += 1
    return `C0FFEE${this.counter.toString(16).toUpperCase().padStart(26, '0')}`
  }
}

const done = (action: ImmediateActionInput): Translation => ({ ok: true, actions: [action] })
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined)
const str = (x: unknown) => (typeof x === 'string' && x.length > 0 ? x : undefined)

function modes(p: Resolved): ScenarioModes {
  const out: Record<string, number | boolean> = {}
  for (const key of MODE_KEYS) {
    const v = p[key]
    if (typeof v === 'number') out[key] = Math.max(0, v)
    if (typeof v === 'boolean') out[key] = v
  }
  return out as ScenarioModes
}
