/** A utility-simulator scenario for setGradW tests (issue 11 item 4): default 1.5 kW at setGradW 27, a 6 kW event at 400 s. */
import { parseSep2 } from '../../sep2/xml'
import type { UtilitySimulator } from '../../sim/utility'
import type { Scenario } from '../../sim/utility/scenario-schema'

export const EVENT_START_S = 400

export const SET_GRAD_W_SCENARIO: Scenario = {
  name: 'setgradw-live',
  description: 'Default export 1.5 kW at setGradW 27 (CSIP-AUS ALL-13 start value); a 6 kW export event from 400 s to 700 s.',
  extraDevices: [],
  actions: [],
  programs: [
    {
      id: 'RAMP',
      description: 'Ramp program',
      primacy: 1,
      fsa: 1,
      default: { modes: { opModExpLimW: 1500 }, setGradW: 27 },
      controls: [{ startS: EVENT_START_S, durationS: 300, modes: { opModExpLimW: 6000 } }],
    },
  ],
}

/** The setGradW of every DERSettings the simulator received, in order. */
export function settingsGradients(sim: UtilitySimulator): number[] {
  return sim.received.flatMap((r) => {
    if (r.kind !== 'DERSettings') return []
    const doc = parseSep2(r.xml, 'DERSettings')
    return doc.ok ? [doc.value.doc.setGradW] : []
  })
}
