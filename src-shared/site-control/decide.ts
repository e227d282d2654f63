/**
 * The site controller's decision (REQUIREMENTS SITE-1, SITE-2; handbook 4, 5.2, 11.3, 11.4): from the latest meter
 * sample, the devices' state and the effective ramped limits to device setpoints and the next controller state.
 * Pure: `now` is an argument, nothing is read or written.
 *
 * The loop is a feed-forward on the measured load rather than an integrator, so it cannot wind up: with P the site's
 * net import, G the inverters' output and B the batteries' (generation-positive),
 * - site export = -P; the household's own use including battery charging is L = P + G (+ the discharge a battery
 *   reports), load-estimate.ts, so export <= ExpLim holds when the inverters together produce at most L + ExpLim;
 * - managed generation (inverters + discharge) <= GenLim;
 * - import = L - G - B + charge: charging is allowed up to ImpLim - (P + B), and managed load (charging) <= LoadLim;
 * - connect or energize false -> every managed inverter is disconnected (Conn = 0) and held at 0 %.
 * A margin under each limit covers load noise between samples and the inverters' response time.
 *
 * Battery charging is counted as measured – by the meter, in L – with the fast cut when it stops coming from the
 * load estimate's step rule (the next sample shows the export, the cut is written in that decision). Why, in figures
 * (bench/controller, `npm run bench`; the plant tests in src-main/site/site-controller.plant.test.ts):
 * - the earlier rule capped generation at the load without the charging (P + G + min(0, B)), with B estimated from
 *   the commanded charge limit for a battery that does not report its power. A self-consumption battery charges only
 *   from surplus, so the estimate said "charging" while it charged nothing, the cap fell to 0, charging was released
 *   to unlimited (estimate 0), the cap rose, and round again: the demo's hunting, 49.5 setpoint reversals a minute on
 *   the plant; 47-57 a minute and 66-79 % of the best feasible generation thrown away in the bench's battery rows;
 * - counting it as measured: at most 1.2 reversals a minute and at most 2 % of the available energy curtailed beyond
 *   need in every figure-6 and export-step row (bench/controller/baseline.json). The price is the abrupt stop of a
 *   battery that fills up: the export it leaves lasts as long as the inverters take to shed it (1.3 kW for 1.2 s with
 *   the fast inverter, 6 s with a slow 70x one; 4.6 kW for 9 s with both), the cut itself is written in one sample.
 */
import { nextLoadEstimate, noiseDeadbandW, type LoadEstimate } from './load-estimate'
import { batteryW, findFault, generationW, ratedChargeW, ratedW, siteImportW } from './measure'
import { shareCharge, shareGeneration } from './share'
import { smoothTowards } from './smoothing'
import type {
  BindingLimit,
  Commanded,
  ControllerDecision,
  ControllerFault,
  ControllerInput,
  ControllerState,
  EnvelopeInput,
  ManualOverride,
  MeterInput,
} from './types'

export function decide(input: ControllerInput): ControllerDecision {
  if (input.manual) return manualDecision(input, input.manual)
  const fault = findFault(input) ?? input.forcedFault
  if (fault) return failSafeDecision(input, fault)
  // findFault returned nothing, so the meter is present and fresh.
  const meter = input.meter as MeterInput
  const loop = closedLoop(input, input.envelope, meter)
  const connect = connectAllowed(input.envelope)
  const state: ControllerState =
    loop.binding.length > 0
      ? { kind: 'limited', sinceMs: sinceFor(input, 'limited'), commanded: loop.commanded, binding: loop.binding, load: loop.load }
      : { kind: 'following', sinceMs: sinceFor(input, 'following'), commanded: loop.commanded, load: loop.load }
  return decision(input, state, connect)
}

interface LoopResult {
  commanded: Commanded
  binding: BindingLimit[]
  load: LoadEstimate
}

/** Totals for the inverters and batteries that keep the site inside `envelope`, smoothed from the last command. */
function closedLoop(input: ControllerInput, envelope: EnvelopeInput, meter: MeterInput): LoopResult {
  const p = siteImportW(meter)
  const b = batteryW(input.batteries, input.state.commanded.chargeW)
  const allGeneration = generationW(input.inverters)
  const load = nextLoadEstimate(input.state.load, p + allGeneration + measuredDischargeW(input.batteries), meter.atMs, input.settings.deadbandW)
  const binding: BindingLimit[] = []
  const generation = generationCap(input, envelope, load.loadW, binding)
  const charge = chargeCap(input, envelope, p + b, binding)
  const previous = input.state.commanded
  const { settings } = input
  const ceilingW = ratedW(input.inverters.filter((i) => i.controllable))
  const noiseBandW = noiseDeadbandW(load, settings.deadbandW)
  return {
    commanded: {
      generationW: smoothTowards({ previousW: previous.generationW, targetW: generation ?? Infinity, ceilingW, settings, riseDeadbandW: noiseBandW, cutDeadbandW: noiseBandW }),
      chargeW: input.batteries.length === 0 ? undefined : chargeCommand(input, charge),
    },
    binding,
    load,
  }
}

/**
 * Discharge the batteries report: household use the PV could serve instead (a battery that covers the load hides it
 * from the meter). Charging is not added back: it stays in L. A battery that reports nothing adds nothing here.
 */
function measuredDischargeW(batteries: ControllerInput['batteries']): number {
  return batteries.reduce((acc, b) => acc + Math.max(0, b.powerW ?? 0), 0)
}

/**
 * The charge total to command. A battery that does not report its power is taken to charge at its last command, or
 * not at all when charging is unlimited (measure.ts) – so while an import or load limit is in force its command is
 * held at its rating once limited rather than released to "unlimited": releasing it would make the estimate jump from the rating
 * to 0, the import cap fall by the rating and the charge limit hunt between the two (the demo's self-consumption
 * battery did, every 2-3 s: bench/controller, plant test "the demo figure-6 site").
 */
function chargeCommand(input: ControllerInput, capW: number | undefined): number | undefined {
  const ceilingW = ratedChargeW(input.batteries)
  const next = smoothTowards({ previousW: input.state.commanded.chargeW, targetW: capW ?? Infinity, ceilingW, settings: input.settings })
  // Only once it has been limited: a battery never limited stays as it is (unlimited) until a cap first bites.
  const hold = capW !== undefined && input.state.commanded.chargeW !== undefined && input.batteries.some((b) => b.powerW === undefined)
  return next === undefined && hold ? ceilingW : next
}

/** The managed inverters' total: export cap on the load estimate, generation cap, disconnect. */
function generationCap(input: ControllerInput, envelope: EnvelopeInput, loadW: number, binding: BindingLimit[]): number | undefined {
  const { settings } = input
  const controllable = input.inverters.filter((i) => i.controllable)
  const fixedGeneration = generationW(input.inverters.filter((i) => !i.controllable))
  const discharge = Math.max(0, batteryW(input.batteries, input.state.commanded.chargeW))
  const caps: { limit: BindingLimit; w: number }[] = []
  if (envelope.expLimW !== undefined) caps.push({ limit: 'export', w: loadW + envelope.expLimW - exportMarginW(envelope.expLimW, settings) - fixedGeneration })
  if (envelope.genLimW !== undefined) caps.push({ limit: 'generation', w: envelope.genLimW - discharge - fixedGeneration })
  if (!connectAllowed(envelope)) caps.push({ limit: 'disconnect', w: 0 })
  const nowW = generationW(controllable)
  return tightest(caps, { ceilingW: ratedW(controllable), nowW, marginW: settings.marginW }, binding)
}

/**
 * The headroom kept under an export limit, never aiming below zero export: a self-consumption battery covers any
 * import the site would have, so under a 0 W limit the meter stays at 0 W whatever the inverters do, and a margin
 * below it would cut them a margin at a time down to nothing while the battery drained (bench/controller,
 * export-zero rows with a battery: 32-49 % of the generation thrown away). At 0 W the load noise then goes above
 * the limit for single samples only, which the tolerance covers.
 */
function exportMarginW(expLimW: number, settings: ControllerInput['settings']): number {
  return Math.min(settings.marginW, Math.max(0, expLimW))
}

/** The batteries' total charge: import cap on the import without charging (P + B), load cap. */
function chargeCap(input: ControllerInput, envelope: EnvelopeInput, importWithoutChargeW: number, binding: BindingLimit[]): number | undefined {
  if (input.batteries.length === 0) return undefined
  const { settings } = input
  const caps: { limit: BindingLimit; w: number }[] = []
  if (envelope.impLimW !== undefined) caps.push({ limit: 'import', w: envelope.impLimW - importWithoutChargeW - settings.marginW })
  if (envelope.loadLimW !== undefined) caps.push({ limit: 'load', w: envelope.loadLimW })
  const charging = Math.max(0, -batteryW(input.batteries, input.state.commanded.chargeW))
  return tightest(caps, { ceilingW: ratedChargeW(input.batteries), nowW: charging, marginW: settings.marginW }, binding)
}

/**
 * The lowest cap (>= 0); undefined = no cap. It is named in `binding` when it actually holds the devices back: below
 * their rating and with the devices at (or within the margin of) it – a 1.5 kW export limit at night binds nothing.
 */
function tightest(
  caps: readonly { limit: BindingLimit; w: number }[],
  devices: { ceilingW: number; nowW: number; marginW: number },
  binding: BindingLimit[],
): number | undefined {
  if (caps.length === 0) return undefined
  const low = caps.reduce((a, c) => (c.w < a.w ? c : a))
  const w = Math.max(0, low.w)
  if (w < devices.ceilingW && devices.nowW >= w - devices.marginW) binding.push(low.limit)
  return w
}

/**
 * SITE-2 / handbook 11.4: the fixed limits replace the envelope (or zero export when the site has none). Without
 * meter data the loop is open: the inverters together may produce at most the fixed export limit, which keeps
 * export under it whatever the load, and batteries stop charging (the import they would cause cannot be seen).
 * With the meter still live but a device silent, the loop keeps running on the fixed limits.
 */
function failSafeDecision(input: ControllerInput, fault: ControllerFault): ControllerDecision {
  const fixedEnvelope: EnvelopeInput = {
    expLimW: input.fixed.expLimW ?? 0,
    ...(input.fixed.impLimW !== undefined ? { impLimW: input.fixed.impLimW } : {}),
    connect: connectAllowed(input.envelope),
  }
  const loop: Pick<LoopResult, 'commanded'> & { load?: LoadEstimate } =
    fault.kind === 'meter-silent' || !input.meter
      ? {
          commanded: {
            generationW: connectAllowed(input.envelope) ? Math.max(0, fixedEnvelope.expLimW ?? 0) : 0,
            chargeW: input.batteries.length > 0 ? 0 : undefined,
          },
        }
      : closedLoop(input, fixedEnvelope, input.meter)
  const state: ControllerState = { kind: 'fail-safe', sinceMs: sinceFor(input, 'fail-safe'), commanded: loop.commanded, fault, ...(loop.load ? { load: loop.load } : {}) }
  return decision(input, state, connectAllowed(input.envelope))
}

function manualDecision(input: ControllerInput, manual: ManualOverride): ControllerDecision {
  const commanded: Commanded = { generationW: manual.generationW, chargeW: manual.chargeW }
  const state: ControllerState = { kind: 'manual', sinceMs: sinceFor(input, 'manual'), commanded, reason: manual.reason }
  return decision(input, state, manual.connect)
}

function decision(input: ControllerInput, state: ControllerState, connect: boolean): ControllerDecision {
  return {
    inverters: shareGeneration(state.commanded.generationW, input.inverters, { connect }),
    batteries: shareCharge(state.commanded.chargeW, input.batteries),
    state,
  }
}

/** 2030.5 opModConnect / opModEnergize: absent means allowed. */
function connectAllowed(envelope: EnvelopeInput): boolean {
  return envelope.connect !== false && envelope.energize !== false
}

function sinceFor(input: ControllerInput, kind: ControllerState['kind']): number {
  return input.state.kind === kind ? input.state.sinceMs : input.nowMs
}
