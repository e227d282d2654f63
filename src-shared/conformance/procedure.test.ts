import { describe, expect, it } from 'vitest'
import { readProcedure } from './procedure'

const minimal = () => ({
  Description: 'x',
  Category: 'Control',
  Classes: ['A'],
  TargetVersions: ['v1.2'],
  Steps: {
    FIRST: {
      event: { type: 'GET-request-received', parameters: { endpoint: '/dcap' } },
      actions: [{ type: 'remove-steps', parameters: { steps: ['FIRST'] } }],
    },
  },
})

describe('reading a procedure refuses anything outside the harness vocabulary', () => {
  it('reads a well-formed procedure', () => {
    expect(readProcedure('T', minimal())).toMatchObject({ ok: true, value: { id: 'T', steps: [{ name: 'FIRST' }] } })
  })

  const cases: [string, (p: ReturnType<typeof minimal> & Record<string, unknown>) => void, RegExp][] = [
    ['an unknown top-level key', (p) => (p.Extra = 1), /Extra|Unrecognized/i],
    ['an unknown action', (p) => (p.Steps.FIRST.actions[0]!.type = 'reboot-server'), /reboot-server/],
    ['an unknown event', (p) => (p.Steps.FIRST.event.type = 'PATCH-request-received'), /PATCH-request-received/],
    ['an unknown parameter', (p) => Object.assign(p.Steps.FIRST.event.parameters, { colour: 'red' }), /colour/],
    ['a missing required parameter', (p) => (p.Steps.FIRST.event.parameters = {} as { endpoint: string }), /needs "endpoint"/],
    ['a value of the wrong type', (p) => (p.Steps.FIRST.actions[0]!.parameters.steps = 'FIRST' as unknown as string[]), /not a strings/],
    ['a reference to a step that does not exist', (p) => (p.Steps.FIRST.actions[0]!.parameters.steps = ['SECOND']), /unknown step "SECOND"/],
    ['an expression that does not parse', (p) => Object.assign(p.Steps.FIRST.event.parameters, { serve_request_first: '$(now +)' }), /cannot read/],
    ['an unknown version', (p) => (p.TargetVersions = ['v9']), /TargetVersions|v9|Invalid/i],
  ]
  for (const [what, spoil, message] of cases) {
    it(`refuses ${what}`, () => {
      const raw = minimal() as ReturnType<typeof minimal> & Record<string, unknown>
      spoil(raw)
      const read = readProcedure('T', raw)
      expect(read.ok).toBe(false)
      if (!read.ok) {
        expect(read.error.code).toBe('CONFORMANCE_PROCEDURE_INVALID')
        expect(read.error.message).toMatch(message)
      }
    })
  }
})
