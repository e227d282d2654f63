import { describe, expect, it } from 'vitest'
import { WIZARD_STEPS } from '../../src-shared/domain/wizard'
import { STEP_STATUS_TEXT, stepStatusOf } from './step-status'

describe('step status (APP-1)', () => {
  it("is the engine's status for a recorded step, 'not-started' for one it has no record of or before any state", () => {
    const wizard = { siteId: 's1', steps: [{ step: 'site' as const, status: 'done' as const }, { step: 'server' as const, status: 'failed' as const, note: 'PIN mismatch' }] }
    expect(WIZARD_STEPS.map((step) => stepStatusOf(wizard, step))).toEqual(['done', 'not-started', 'not-started', 'failed', 'not-started', 'not-started', 'not-started', 'not-started'])
    expect(stepStatusOf(null, 'site')).toBe('not-started')
  })

  it('has words for every status', () => {
    expect(STEP_STATUS_TEXT).toEqual({ 'not-started': 'Not started', 'in-progress': 'In progress', done: 'Done', failed: 'Failed' })
  })
})
