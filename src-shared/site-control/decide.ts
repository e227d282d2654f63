/**
 * The site controller's decision (REQUIREMENTS SITE-1, SITE-2; handbook 4, 5.2, 11.3, 11.4): from the latest meter
 * sample, the devices' state and the effective ramped limits to device setpoints and the next controller state.
 * Pure: `now` is an argument, nothing is read or written.
 *
 * The loop is a feed-forward on the measured load rather than an integrator, so it cannot wind up: with P the site's
 * net import, G the inverters' output and B the batteries' (generation-positive),
 * - site export = -P; the household's own use is L = P + G + B, so export <= ExpLim holds when the inverters together
 *   produce at most P + G + ExpLim (B cancels out);
 * - managed generation (inverters + discharge) <= GenLim;
 * - import = L - G - B + charge: charging is allowed up to ImpLim - (P + B), and managed load (charging) <= LoadLim;
 * - connect or energize false -> every managed inverter is disconnected (Conn = 0) and held at 0 %.
 * A margin under each limit covers load noise between samples and the inverters' response time.
 */
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
      ? { kind: 'limited', sinceMs: sinceFor(input, 'limited'), commanded: loop.commanded, binding: loop.binding }
      : { kind: 'following', sinceMs: sinceFor(input, 'following'), commanded: loop.commanded }
  return decision(input, state, connect)
}

interface LoopResult {
  commanded: Commanded
  binding: BindingLimit[]
}

/** Totals for the inverters and batteries that keep the site inside `envelope`, smoothed from the last command. */
function closedLoop(input: ControllerInput, envelope: EnvelopeInput, meter: MeterInput): LoopResult {
  const { settings } = input
  const p = siteImportW(meter)
  const b = batteryW(input.batteries, input.state.commanded.chargeW)
  const controllable = input.inverters.filter((i) => i.controllable)
  const fixedGeneration = generationW(input.inverters.filter((i) => !i.controllable))
  const allGeneration = generationW(input.inverters)
  const binding: BindingLimit[] = []
  const caps: { limit: BindingLimit; w: number }[] = []
  // Export cap: generation may cover the load plus the export limit, but never count on battery charging to soak up
  // more – the controller cuts charging at once for the import limit, and generation it had raised for the battery
  // would then be exported (an oscillation the simulated battery showed). Discharge (b > 0) is already in p.
  if (envelope.expLimW !== undefined) caps.push({ limit: 'export', w: p + allGeneration + Math.min(0, b) + envelope.expLimW - settings.marginW - fixedGeneration })
  if (envelope.genLimW !== undefined) caps.push({ limit: 'generation', w: envelope.genLimW - Math.max(0, b) - fixedGeneration })
  if (!connectAllowed(envelope)) caps.push({ limit: 'disconnect', w: 0 })
  const generation = tightest(caps, { ceilingW: ratedW(controllable), nowW: allGeneration - fixedGeneration, marginW: settings.marginW }, binding)
  const chargeCaps: { limit: BindingLimit; w: number }[] = []
  if (envelope.impLimW !== undefined) chargeCaps.push({ limit: 'import', w: envelope.impLimW - p - b - settings.marginW })
  if (envelope.loadLimW !== undefined) chargeCaps.push({ limit: 'load', w: envelope.loadLimW })
  const charge =
    input.batteries.length > 0 ? tightest(chargeCaps, { ceilingW: ratedChargeW(input.batteries), nowW: Math.max(0, -b), marginW: settings.marginW }, binding) : undefined
  const previous = input.state.commanded
  return {
    commanded: {
      generationW: smoothTowards({ previousW: previous.generationW, targetW: generation ?? Infinity, ceilingW: ratedW(controllable), settings }),
      chargeW:
        input.batteries.length === 0
          ? undefined
          : smoothTowards({ previousW: previous.chargeW, targetW: charge ?? Infinity, ceilingW: ratedChargeW(input.batteries), settings }),
    },
    binding,
  }
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
  const commanded: Commanded =
    fault.kind === 'meter-silent' || !input.meter
      ? {
          generationW: connectAllowed(input.envelope) ? Math.max(0, fixedEnvelope.expLimW ?? 0) : 0,
          chargeW: input.batteries.length > 0 ? 0 : undefined,
        }
      : closedLoop({ ...input, state: input.state }, fixedEnvelope, input.meter).commanded
  const state: ControllerState = { kind: 'fail-safe', sinceMs: sinceFor(input, 'fail-safe'), commanded, fault }
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
