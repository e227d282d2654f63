import { completeWizard, type StepState, type StepStatus, type WizardState, type WizardStep } from '../../src-shared/domain/wizard'
import type { Db } from './database'

interface StepRow {
  step: WizardStep
  status: StepStatus
  note: string | null
  updated_at: number
}

/** Wizard step statuses per site, remembered across restarts (issue 2 part 5). */
export function createWizardRepo(db: Db, now: () => number) {
  return {
    get(siteId: string): WizardState {
      const rows = db.prepare('SELECT step, status, note, updated_at FROM wizard_steps WHERE site_id = ?').all(siteId) as StepRow[]
      const recorded: StepState[] = rows.map((r) => ({ step: r.step, status: r.status, updatedAt: r.updated_at, ...(r.note ? { note: r.note } : {}) }))
      return completeWizard(siteId, recorded)
    },
    set(siteId: string, step: WizardStep, status: StepStatus, note?: string): WizardState {
      db.prepare(
        `INSERT INTO wizard_steps (site_id, step, status, note, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(site_id, step) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
      ).run(siteId, step, status, note ?? null, now())
      return this.get(siteId)
    },
  }
}
export type WizardRepo = ReturnType<typeof createWizardRepo>
