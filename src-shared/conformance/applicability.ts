/**
 * Which cactus client test procedures apply to a Queensland (Energex / Ergon Energy) site, worked out from each
 * procedure's own classes and target versions, with the handbook clause that decides it. Where the handbook and a
 * procedure differ the handbook wins for Queensland; where both are valid IEEE 2030.5 the client supports both, so
 * such procedures are "optional" and still run (e.g. with in-band registration switched on).
 *
 * The harness's classes (CSIP-AUS Test Procedures, table 3 – handbook 7.2 asks providers to state them):
 * A every client · G generation · L load · C in-band registration · S-* subscriptions · DER-* physical response
 * of the DER · M several DER · DR-* demand-response (opModFixedW) · P-A provisional · STO / DER-STO storage (v1.3)
 * · PRC pricing (v1.3) · *-ALT EVSE alternates.
 */
import type { Procedure } from './procedure'

export type Applicability = 'applicable' | 'optional' | 'not-applicable'

export interface Classification {
  readonly applicability: Applicability
  /** Plain words: why, for an installer or a utility compliance engineer. */
  readonly reason: string
  /** The handbook clause (or "CSIP-AUS test procedures" designation) that decides it. */
  readonly clause: string
  /**
   * How the procedure has the EndDevice registered: 'out-of-band' when its set-up registers it on the server
   * (register-end-device, as Energex/Ergon do – handbook 9), else 'in-band' – the harness expects the client to POST
   * it, so the pre-check runs those with in-band registration on.
   */
  readonly registration: 'out-of-band' | 'in-band'
}

/** Procedures whose subject is in-band registration itself (ALL-02; class C, connection point registration). */
const isInBandSubject = (p: Procedure) => p.id === 'ALL-02' || p.classes.includes('C')

function registration(p: Procedure): Classification['registration'] {
  const setUp = [...p.preconditions.initActions, ...p.preconditions.actions]
  return setUp.some((a) => a.type === 'register-end-device') ? 'out-of-band' : 'in-band'
}

interface Rule {
  readonly test: (p: Procedure) => boolean
  readonly applicability: Applicability
  readonly reason: string
  readonly clause: string
}

const has = (p: Procedure, ...classes: string[]) => p.classes.some((c) => classes.includes(c))

/** First match wins; the order is the order of precedence. */
const RULES: readonly Rule[] = [
  {
    test: (p) => !p.targetVersions.includes('v1.2'),
    applicability: 'not-applicable',
    reason: 'CSIP-AUS v1.3 only; the handbook follows SA HB 218:2023 (CSIP-AUS v1.2), which the Energex/Ergon servers speak',
    clause: 'handbook 2.2 [4], 6',
  },
  {
    test: isInBandSubject,
    applicability: 'optional',
    reason: 'Energex/Ergon register devices out of band and do not support the Connection Point Registration extension; run with in-band registration on, as servers that expect it do',
    clause: 'handbook 9',
  },
  {
    test: (p) => has(p, 'A', 'G', 'L'),
    applicability: 'applicable',
    reason: 'required of every client supporting export (G) and import (L) limits',
    clause: 'handbook 7, 7.2; CSIP-AUS classes A/G/L',
  },
  {
    test: (p) => has(p, 'DER-A', 'DER-G', 'DER-L'),
    applicability: 'applicable',
    reason: 'the DER’s physical response; outside the communication scope but recommended end to end, and what this tool commissions',
    clause: 'handbook 7.1',
  },
  {
    test: (p) => has(p, 'M'),
    applicability: 'applicable',
    reason: 'a site with several DER reports them as one (status, capability and settings summed)',
    clause: 'handbook 5.2, 10.3.1, 10.3.2',
  },
  {
    test: (p) => has(p, 'S-L', 'S-G'),
    applicability: 'optional',
    reason: 'subscription notifications are an optional designation (S); the client polls',
    clause: 'handbook 7.2',
  },
  {
    test: (p) => has(p, 'DER-A-ALT', 'DER-L-ALT'),
    applicability: 'optional',
    reason: 'EVSE alternate of a DER test (import limits raised by 20 %); only for a site whose DER is an EV charger',
    clause: 'handbook 10.6.3; CSIP-AUS EVSE alternates',
  },
  {
    test: (p) => has(p, 'P-A'),
    applicability: 'optional',
    reason: 'provisional procedure, not yet part of the CSIP-AUS test procedures',
    clause: 'CSIP-AUS test procedures (provisional)',
  },
  {
    test: (p) => has(p, 'DR-A', 'DR-L', 'DR-G', 'DR-D'),
    applicability: 'not-applicable',
    reason: 'demand-response instructions (opModFixedW, DRED) are not among the Queensland control modes',
    clause: 'handbook 6.1, 10.6',
  },
]

export function classify(procedure: Procedure): Classification {
  const how = registration(procedure)
  const rule = RULES.find((r) => r.test(procedure))
  if (!rule) {
    return { applicability: 'not-applicable', reason: `no Queensland designation for classes ${procedure.classes.join(', ') || '(none)'}`, clause: 'handbook 7.2', registration: how }
  }
  return { applicability: rule.applicability, reason: rule.reason, clause: rule.clause, registration: how }
}
