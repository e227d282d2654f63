/**
 * The CT direction / phase check as stored when live readings ran (issue 17 item 6; handbook 10.8.2: export reads
 * negative): the last conclusive verdict for the site, with what the meter and the inverters read at that moment.
 */
import { z } from 'zod'
import { isoTimeSchema } from './common'

export const ctCheckSchema = z.object({
  checkedAt: isoTimeSchema,
  verdict: z.enum(['ok', 'ct-reversed', 'phase-swapped']),
  /** Phases the verdict names (reversed or swapped CTs). */
  phases: z.array(z.enum(['A', 'B', 'C'])),
  /** What the installer was told, in words. */
  words: z.string(),
})
export type CtCheck = z.infer<typeof ctCheckSchema>
