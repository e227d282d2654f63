/**
 * A cactus client test procedure as data (resources/cactus-client-procedures/*.yaml, MIT): its metadata, the server
 * set-up before it starts (preconditions), the steps (an event the harness waits for, then actions), and the
 * criteria checked at the end. `readProcedure` takes the parsed YAML and refuses anything outside the harness's
 * vocabulary (vocabulary.ts) – an unknown key, action, event or check, a missing required parameter, a value of the
 * wrong type, or an expression that does not parse – so a procedure is run exactly as written or not at all.
 */
import { z } from 'zod'
import { fail, ok, type Result } from '../result'
import { expressionBody, parseExpression, type Expression } from './expression'
import { ACTIONS, CHECKS, CSIP_AUS_VERSIONS, EVENTS, type CsipAusVersion, type ParameterKind, type ParameterTable } from './vocabulary'

/** A parameter value: a literal from the YAML or an expression worked out when the action runs. */
export type ParameterValue = string | number | boolean | readonly (string | number)[] | { expression: Expression }

export interface Invocation {
  readonly type: string
  readonly parameters: Readonly<Record<string, ParameterValue>>
}

export interface ProcedureEvent extends Invocation {
  /** Checks that must hold when the event happens, or the event is ignored (cactus events.py). */
  readonly checks: readonly Invocation[]
}

export interface ProcedureStep {
  readonly name: string
  readonly event: ProcedureEvent
  readonly actions: readonly Invocation[]
  readonly instructions: readonly string[]
}

export interface Procedure {
  readonly id: string
  readonly description: string
  readonly category: string
  readonly classes: readonly string[]
  readonly targetVersions: readonly CsipAusVersion[]
  readonly preconditions: {
    readonly initActions: readonly Invocation[]
    readonly immediateStart: boolean
    readonly actions: readonly Invocation[]
    readonly checks: readonly Invocation[]
    readonly instructions: readonly string[]
  }
  /** In the file's order: the first step is enabled at the start (cactus: every step listed is active until removed). */
  readonly steps: readonly ProcedureStep[]
  readonly criteria: readonly Invocation[]
}

const rawInvocation = z.strictObject({ type: z.string(), parameters: z.record(z.string(), z.unknown()).nullish() })
const rawEvent = rawInvocation.extend({ checks: z.array(rawInvocation).nullish() })
const rawStep = z.strictObject({
  event: rawEvent,
  actions: z.array(rawInvocation).nullish(),
  instructions: z.array(z.string()).nullish(),
})
const rawProcedure = z.strictObject({
  Description: z.string(),
  Category: z.string(),
  Classes: z.array(z.string()).nullish(),
  TargetVersions: z.array(z.enum(CSIP_AUS_VERSIONS)),
  Preconditions: z
    .strictObject({
      init_actions: z.array(rawInvocation).nullish(),
      immediate_start: z.boolean().nullish(),
      actions: z.array(rawInvocation).nullish(),
      checks: z.array(rawInvocation).nullish(),
      instructions: z.array(z.string()).nullish(),
    })
    .nullish(),
  Criteria: z.strictObject({ checks: z.array(rawInvocation).nullish() }).nullish(),
  Steps: z.record(z.string(), rawStep),
})

type RawInvocation = z.infer<typeof rawInvocation>

class ProcedureError extends Error {}

export function readProcedure(id: string, raw: unknown): Result<Procedure> {
  const parsed = rawProcedure.safeParse(raw)
  if (!parsed.success) return fail('CONFORMANCE_PROCEDURE_INVALID', `${id}: ${z.prettifyError(parsed.error)}`)
  try {
    return ok(toProcedure(id, parsed.data))
  } catch (e) {
    if (e instanceof ProcedureError) return fail('CONFORMANCE_PROCEDURE_INVALID', `${id}: ${e.message}`)
    throw e
  }
}

function toProcedure(id: string, raw: z.infer<typeof rawProcedure>): Procedure {
  const pre = raw.Preconditions
  const steps = Object.entries(raw.Steps).map(([name, step]) => ({
    name,
    event: { ...invocation(step.event, EVENTS, `${name} event`), checks: invocations(step.event.checks, CHECKS, `${name} event check`) },
    actions: invocations(step.actions, ACTIONS, `${name} action`),
    instructions: step.instructions ?? [],
  }))
  checkStepReferences(steps)
  return {
    id,
    description: raw.Description.trim(),
    category: raw.Category,
    classes: raw.Classes ?? [],
    targetVersions: raw.TargetVersions,
    preconditions: {
      initActions: invocations(pre?.init_actions, ACTIONS, 'init action'),
      immediateStart: pre?.immediate_start ?? false,
      actions: invocations(pre?.actions, ACTIONS, 'start action'),
      checks: invocations(pre?.checks, CHECKS, 'start check'),
      instructions: pre?.instructions ?? [],
    },
    steps,
    criteria: invocations(raw.Criteria?.checks, CHECKS, 'criterion'),
  }
}

function invocations(list: readonly RawInvocation[] | null | undefined, table: ParameterTable, where: string): Invocation[] {
  return (list ?? []).map((item) => invocation(item, table, where))
}

function invocation(item: RawInvocation, table: ParameterTable, where: string): Invocation {
  const schema = table[item.type]
  if (!schema) throw new ProcedureError(`${where} "${item.type}" is not in the harness's vocabulary`)
  const given = item.parameters ?? {}
  const parameters: Record<string, ParameterValue> = {}
  for (const [key, value] of Object.entries(given)) {
    const spec = schema[key]
    if (!spec) throw new ProcedureError(`${where} ${item.type} has an unknown parameter "${key}"`)
    parameters[key] = parameterValue(value, spec.kind, `${where} ${item.type}.${key}`)
  }
  for (const [key, spec] of Object.entries(schema)) {
    if (spec.required && !(key in given)) throw new ProcedureError(`${where} ${item.type} needs "${key}"`)
  }
  return { type: item.type, parameters }
}

function parameterValue(value: unknown, kind: ParameterKind, where: string): ParameterValue {
  const body = expressionBody(value)
  if (body !== undefined) {
    const expression = parseExpression(body)
    if (!expression.ok) throw new ProcedureError(`${where}: ${expression.error.message}`)
    return { expression: expression.value }
  }
  if (literalFits(value, kind)) return value as ParameterValue
  throw new ProcedureError(`${where}: ${JSON.stringify(value)} is not a ${kind}`)
}

function literalFits(value: unknown, kind: ParameterKind): boolean {
  switch (kind) {
    case 'int':
      return Number.isInteger(value)
    case 'uint':
      return Number.isInteger(value) && (value as number) >= 0
    case 'float':
      return typeof value === 'number' && Number.isFinite(value)
    case 'bool':
      return typeof value === 'boolean'
    case 'strings':
    case 'resources':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
    case 'ints':
      return Array.isArray(value) && value.every((v) => Number.isInteger(v))
    case 'hex':
      return (typeof value === 'string' && /^[0-9a-fA-F]+$/.test(value)) || Number.isInteger(value)
    case 'string':
    case 'datetime':
      return typeof value === 'string'
  }
}

/** enable-steps / remove-steps must name steps of this procedure (cactus validate.py does the same). */
function checkStepReferences(steps: readonly ProcedureStep[]): void {
  const names = new Set(steps.map((s) => s.name))
  for (const step of steps) {
    for (const action of step.actions) {
      if (action.type !== 'enable-steps' && action.type !== 'remove-steps') continue
      const listed = action.parameters.steps
      for (const name of Array.isArray(listed) ? listed : []) {
        if (!names.has(String(name))) throw new ProcedureError(`${step.name} ${action.type} names an unknown step "${String(name)}"`)
      }
    }
  }
}
