import { z } from 'zod'
import type { MeterProfile } from '../../src-shared/devices/meter-profile'
import sdm630 from '../../resources/meter-profiles/eastron-sdm630.json'

/** Meter profiles bundled as data in resources/meter-profiles (DEV-3), validated when first used. */
const pointSchema = z.object({
  name: z.string(),
  register: z.number().int().min(0).max(0xffff),
  function: z.enum(['input', 'holding']),
  type: z.enum(['float32', 'int16', 'uint16', 'int32', 'uint32']),
  wordOrder: z.enum(['big', 'little']),
  scale: z.number(),
  unit: z.string(),
  quantity: z.enum(['V', 'A', 'W', 'VA', 'var', 'PF', 'Hz', 'WhImport', 'WhExport']),
  phase: z.enum(['A', 'B', 'C', 'total']),
})

export const meterProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  phases: z.union([z.literal(1), z.literal(3)]),
  defaultUnitId: z.number().int(),
  points: z.array(pointSchema).min(1),
})

let profiles: MeterProfile[] | undefined

export function meterProfiles(): MeterProfile[] {
  profiles ??= [sdm630].map((json) => meterProfileSchema.parse(json))
  return profiles
}

export function meterProfile(id: string): MeterProfile | undefined {
  return meterProfiles().find((p) => p.id === id)
}
