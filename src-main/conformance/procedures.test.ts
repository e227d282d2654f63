import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { loadProcedures } from './procedures'

const byId = () => new Map(loadProcedures().map((c) => [c.procedure.id, c]))

describe('the shipped cactus procedures', () => {
  it('procedures.json is exactly what the YAML files give (they cannot drift apart)', () => {
    const out = execFileSync(process.execPath, ['scripts/import-cactus-procedures.mjs', '--check'], { encoding: 'utf8' })
    expect(out).toContain('83 YAML procedures')
  })

  it('all 83 read inside the harness vocabulary, each with steps and a classification with a reason and a clause', () => {
    const all = loadProcedures()
    expect(all).toHaveLength(83)
    for (const { procedure, classification } of all) {
      expect(procedure.steps.length, procedure.id).toBeGreaterThan(0)
      expect(classification.reason.length, procedure.id).toBeGreaterThan(10)
      expect(classification.clause, procedure.id).toMatch(/handbook|CSIP-AUS/)
    }
  })

  it('keeps the YAML step order and parses expressions: ALL-18 (control responses)', () => {
    const all18 = byId().get('ALL-18')!.procedure
    expect(all18.steps.map((s) => s.name).slice(0, 3)).toEqual(['POST-RESPONSE-RECEIVED', 'POST-RESPONSE-STARTED', 'POST-RESPONSE-COMPLETED'])
    expect(all18.steps[0]!.event).toMatchObject({ type: 'POST-request-received', parameters: { endpoint: '/edev/1/rsps/site_control/rsp' } })
    const create = all18.preconditions.actions[0]!
    expect(create.type).toBe('create-der-control')
    expect(create.parameters.opModExpLimW).toMatchObject({ expression: { left: { kind: 'variable', name: 'maxExportW' }, op: '*', right: { kind: 'number', value: 2 } } })
    expect(all18.criteria.map((c) => c.type)).toEqual(['all-steps-complete', 'response-contents'])
  })

  it('classifies for Queensland (handbook wins), and says how each registers its EndDevice, row by row on the deciding cases', () => {
    const rows: [string, string, string][] = [
      ['ALL-01', 'applicable', 'out-of-band'],
      ['ALL-02', 'optional', 'in-band'],
      ['ALL-03', 'optional', 'in-band'],
      ['ALL-03-REJ', 'applicable', 'out-of-band'],
      ['ALL-04', 'applicable', 'out-of-band'],
      ['ALL-14', 'optional', 'in-band'],
      ['ALL-15', 'optional', 'in-band'],
      ['ALL-18', 'applicable', 'in-band'],
      ['ALL-19', 'applicable', 'in-band'],
      ['ALL-28', 'applicable', 'in-band'],
      ['ALT-ALL-29', 'optional', 'in-band'],
      ['DRA-01', 'not-applicable', 'in-band'],
      ['DRD-01', 'not-applicable', 'in-band'],
      ['GEN-03', 'applicable', 'in-band'],
      ['GEN-05', 'optional', 'in-band'],
      ['LOA-10', 'applicable', 'in-band'],
      ['MUL-02', 'applicable', 'in-band'],
      ['P-02', 'optional', 'in-band'],
      ['PRC-01', 'not-applicable', 'in-band'],
      ['SDVN-01', 'not-applicable', 'in-band'],
      ['STO-06', 'not-applicable', 'in-band'],
    ]
    const all = byId()
    for (const [id, applicability, registration] of rows) {
      expect(all.get(id)?.classification, id).toMatchObject({ applicability, registration })
    }
    const count = (a: string) => loadProcedures().filter((c) => c.classification.applicability === a).length
    expect({ applicable: count('applicable'), optional: count('optional'), notApplicable: count('not-applicable') }).toEqual({
      applicable: 47,
      optional: 19,
      notApplicable: 17,
    })
  })
})

describe('every check the procedures name has an evaluator', () => {
  it('no check of the 83 procedures is unknown, and on an empty record each one fails with words (none passes by default)', async () => {
    const { runCheck } = await import('../../src-shared/conformance/checks/run-check')
    const { startMachine } = await import('../../src-shared/conformance/step-machine')
    const empty = { startedAtMs: 0, requests: [], responses: [], controls: [], endDevices: [], readings: [] }
    const seen = new Set<string>()
    for (const { procedure } of loadProcedures()) {
      const machine = startMachine(procedure, 0)
      const checks = [...procedure.criteria, ...procedure.preconditions.checks, ...procedure.steps.flatMap((s) => s.event.checks)]
      for (const check of checks) {
        const result = runCheck(check, { record: empty, machine, expressions: { nowMs: 0, variables: {} } })
        seen.add(check.type)
        expect(result.detail, `${procedure.id} ${check.type}`).not.toMatch(/unknown check/)
        const passesEmpty = result.pass && !(check.type === 'response-contents' && check.parameters.exists === false) && check.type !== 'end-device-count'
        expect(passesEmpty, `${procedure.id} ${check.type} passed on nothing: ${result.detail}`).toBe(false)
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(15)
  })
})
