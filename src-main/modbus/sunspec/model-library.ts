import { z } from 'zod'
import type { SunSpecGroupDef, SunSpecModelDef } from '../../../src-shared/devices/sunspec-model-types'
import model1 from '../../../resources/sunspec/models/model_1.json'
import model101 from '../../../resources/sunspec/models/model_101.json'
import model102 from '../../../resources/sunspec/models/model_102.json'
import model103 from '../../../resources/sunspec/models/model_103.json'
import model111 from '../../../resources/sunspec/models/model_111.json'
import model112 from '../../../resources/sunspec/models/model_112.json'
import model113 from '../../../resources/sunspec/models/model_113.json'
import model120 from '../../../resources/sunspec/models/model_120.json'
import model121 from '../../../resources/sunspec/models/model_121.json'
import model122 from '../../../resources/sunspec/models/model_122.json'
import model123 from '../../../resources/sunspec/models/model_123.json'
import model124 from '../../../resources/sunspec/models/model_124.json'
import model160 from '../../../resources/sunspec/models/model_160.json'
import model201 from '../../../resources/sunspec/models/model_201.json'
import model202 from '../../../resources/sunspec/models/model_202.json'
import model203 from '../../../resources/sunspec/models/model_203.json'
import model204 from '../../../resources/sunspec/models/model_204.json'
import model211 from '../../../resources/sunspec/models/model_211.json'
import model212 from '../../../resources/sunspec/models/model_212.json'
import model213 from '../../../resources/sunspec/models/model_213.json'
import model214 from '../../../resources/sunspec/models/model_214.json'
import model701 from '../../../resources/sunspec/models/model_701.json'
import model702 from '../../../resources/sunspec/models/model_702.json'
import model703 from '../../../resources/sunspec/models/model_703.json'
import model704 from '../../../resources/sunspec/models/model_704.json'
import model705 from '../../../resources/sunspec/models/model_705.json'

/**
 * The SunSpec model definitions this app understands (data in resources/sunspec/models, Apache-2.0), validated once.
 * handbook 5 / DEV-2: inverter 101-103 and 111-113, nameplate 120, settings 121, status 122, controls 123, storage 124,
 * meters 201-204 and 211-214, DER 701-705; plus common model 1 and MPPT 160.
 */
const pointTypes = [
  'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'acc16', 'acc32', 'acc64', 'float32', 'float64', 'enum16',
  'enum32', 'bitfield16', 'bitfield32', 'bitfield64', 'sunssf', 'string', 'pad', 'count', 'ipaddr', 'ipv6addr', 'eui48',
] as const

const pointSchema = z.object({
  name: z.string(),
  type: z.enum(pointTypes),
  size: z.number().int().positive(),
  label: z.string().optional(),
  desc: z.string().optional(),
  units: z.string().optional(),
  sf: z.union([z.string(), z.number()]).optional(),
  access: z.enum(['R', 'RW']).optional(),
  mandatory: z.enum(['M', 'O']).optional(),
  static: z.enum(['S', 'D']).optional(),
  symbols: z.array(z.object({ name: z.string(), value: z.number(), label: z.string().optional() })).optional(),
  value: z.union([z.number(), z.string()]).optional(),
})

const groupSchema: z.ZodType<SunSpecGroupDef> = z.object({
  name: z.string(),
  type: z.enum(['group', 'sync']),
  label: z.string().optional(),
  desc: z.string().optional(),
  count: z.union([z.number(), z.string()]).optional(),
  points: z.array(pointSchema),
  get groups() {
    return z.array(groupSchema).optional()
  },
})

const modelSchema = z.object({ id: z.number().int(), group: groupSchema })

const rawModels: unknown[] = [
  model1, model101, model102, model103, model111, model112, model113, model120, model121,
  model122, model123, model124, model160, model201, model202, model203, model204, model211,
  model212, model213, model214, model701, model702, model703, model704, model705,
]

let library: Map<number, SunSpecModelDef> | undefined

/** All bundled model definitions by model id. */
export function sunspecModels(): ReadonlyMap<number, SunSpecModelDef> {
  library ??= new Map(rawModels.map((json) => {
    const def = modelSchema.parse(json)
    return [def.id, def]
  }))
  return library
}

/** The definition of one model, or undefined when this app does not know it (the chain walk then skips it). */
export function sunspecModel(id: number): SunSpecModelDef | undefined {
  return sunspecModels().get(id)
}

/** The definition of a model this code depends on (simulators, control writes); throws if the data file is missing. */
export function requireSunspecModel(id: number): SunSpecModelDef {
  const def = sunspecModel(id)
  if (!def) throw new Error(`SunSpec model ${id} definition is not bundled`)
  return def
}
