/**
 * Where the installer left off (issue 17 item 3): the app opens on the last site and step, so a restart or a reload
 * never drops a half-commissioned site back to an empty "New site" form.
 */
import { z } from 'zod'
import { wizardStepSchema, type WizardStep } from './wizard'

export const lastPlaceSchema = z.object({ siteId: z.string().min(1).max(64), step: wizardStepSchema })
export type LastPlace = z.infer<typeof lastPlaceSchema>

/**
 * The place to open: the remembered site and step while that site still exists; otherwise, with exactly one site,
 * that site at its first step; otherwise the "New site" form.
 */
export function openingPlace(siteIds: readonly string[], last: LastPlace | null): { siteId: string | null; step: WizardStep } {
  if (last && siteIds.includes(last.siteId)) return last
  const only = siteIds.length === 1 ? siteIds[0] : undefined
  return { siteId: only ?? null, step: 'site' }
}
