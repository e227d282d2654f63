/** Built-in scenarios by name, or a scenario file (JSON) by path; validated with the schema. */
import { readFileSync } from 'node:fs'
import { AppError } from '../../errors'
import { scenarioSchema, type Scenario } from './scenario-schema'
import annexD from './scenarios/annex-d.json'
import figure6 from './scenarios/figure6.json'
import figure8 from './scenarios/figure8.json'
import figure9 from './scenarios/figure9.json'
import figure10 from './scenarios/figure10.json'
import queenslandTest from './scenarios/queensland-test.json'

export const BUILT_IN_SCENARIOS: Record<string, unknown> = {
  'annex-d': annexD,
  figure6,
  figure8,
  figure9,
  figure10,
  'queensland-test': queenslandTest,
}

export const DEFAULT_SCENARIO = 'queensland-test'

export class ScenarioError extends AppError {
  constructor(message: string) {
    super('SIM_SCENARIO_INVALID', message, { hint: `Use one of the built-in scenarios (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}) or a JSON file in that format.` })
  }
}

export function parseScenario(data: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(data)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.')}: ${i.message}`)
    throw new ScenarioError(`Scenario ${source} is not valid: ${issues.join('; ')}`)
  }
  return parsed.data
}

/** A built-in name, or a path to a JSON scenario file. */
export function loadScenario(nameOrFile: string): Scenario {
  const builtIn = BUILT_IN_SCENARIOS[nameOrFile]
  if (builtIn !== undefined) return parseScenario(builtIn, nameOrFile)
  let text: string
  try {
    text = readFileSync(nameOrFile, 'utf8')
  } catch {
    throw new ScenarioError(`No built-in scenario "${nameOrFile}" and no such file`)
  }
  try {
    return parseScenario(JSON.parse(text) as unknown, nameOrFile)
  } catch (error) {
    if (error instanceof ScenarioError) throw error
    throw new ScenarioError(`Scenario file ${nameOrFile} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}
