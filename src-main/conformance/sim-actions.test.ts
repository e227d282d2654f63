import { describe, expect, it } from 'vitest'
import { SimActionBook } from './sim-actions'

describe('procedure actions as simulator actions', () => {
  it('a registration PIN gets its IEEE 2030.5 check digit; an aggregator LFDI is not used for a device client', () => {
    const book = new SimActionBook('T')
    expect(book.translate('register-end-device', { registration_pin: 11111, aggregator_lfdi: '3E4F45AB31EDFE5B67E343E5E4562E3100000000' }, 0)).toEqual({
      ok: true,
      actions: [{ type: 'register-end-device' }, { type: 'edit-registration', pin: 111115 }],
    })
  })

  it('a control joins the program of its tag, else of its primacy, else a new one – and its tag names its mRID', () => {
    const book = new SimActionBook('T')
    book.translate('create-der-program', { primacy: 2, tag: 'P2' }, 0)
    const byPrimacy = book.translate('create-der-control', { start: 60_000, duration_seconds: 300, opModExpLimW: 1000, primacy: 2, tag: 'C1' }, 0)
    expect(byPrimacy.ok && byPrimacy.actions.map((a) => [a.type, 'program' in a ? a.program : undefined])).toEqual([['create-der-control', 'derp-1']])
    const fresh = book.translate('create-der-control', { start: 0, duration_seconds: 60, opModImpLimW: 0 }, 0)
    expect(fresh.ok && fresh.actions.map((a) => a.type)).toEqual(['create-der-program', 'create-der-control'])
    expect(book.controls.find((c) => c.tag === 'C1')?.programId).toBe('derp-1')
    expect(book.translate('create-der-control', { start: 0, duration_seconds: 60, der_program_tag: 'NOPE' }, 0)).toMatchObject({ ok: false })
  })
})
