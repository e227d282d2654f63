/**
 * One check of a procedure, evaluated on the record (record.ts) and the step machine's state. Parameters that are
 * expressions are worked out first (except where the check compares `this`). Checks this client has no part in –
 * subscriptions (optional, handbook 7.2) and pricing (v1.3) – fail with that said, never pass silently.
 */
import { evaluateExpression, type ExpressionContext } from '../expression'
import type { Invocation, ParameterValue } from '../procedure'
import { failed, passed, type CheckResult, type HarnessRecord, type ReadingKind } from '../record'
import { allStepsComplete, type HttpMethod, type MachineState } from '../step-machine'
import { derDocumentContents } from './der-documents'
import { endDeviceContents, endDeviceCount } from './end-device'
import { pollTiming } from './poll-timing'
import { readingsCheck } from './readings'
import { responseContents } from './responses'
import { resourceRequests } from './resource-requests'

export interface CheckContext {
  readonly record: HarnessRecord
  readonly machine: MachineState
  readonly expressions: ExpressionContext
}

export function runCheck(check: Invocation, ctx: CheckContext): CheckResult {
  const p = check.parameters
  const v = (key: string) => resolve(p[key], ctx.expressions)
  switch (check.type) {
    case 'all-steps-complete': {
      const ignored = Array.isArray(p.ignored_steps) ? p.ignored_steps.map(String) : []
      const open = ctx.machine.listeners.filter((l) => !ignored.includes(l.step)).map((l) => l.step)
      return allStepsComplete(ctx.machine, ignored) ? passed('every step completed') : failed(`steps not completed: ${open.join(', ')}`)
    }
    case 'end-device-contents':
      return endDeviceContents(ctx.record.endDevices, { hasConnectionPointId: bool(v('has_connection_point_id')), deviceCategoryAnySet: text(v('deviceCategory_anyset')), checkLfdi: bool(v('check_lfdi')) })
    case 'end-device-count':
      return endDeviceCount(ctx.record.endDevices, { minimum: num(v('minimum_count')), maximum: num(v('maximum_count')) })
    case 'der-settings-contents':
      return derDocumentContents('DERSettings', ctx.record.derSettings, p, ctx.expressions)
    case 'der-capability-contents':
      return derDocumentContents('DERCapability', ctx.record.derCapability, p, ctx.expressions)
    case 'der-status-contents':
      return derDocumentContents('DERStatus', ctx.record.derStatus, p, ctx.expressions)
    case 'response-contents':
      return responseContents(ctx.record, { latest: bool(v('latest')), all: bool(v('all')), status: num(v('status')), subjectTag: text(v('subject_tag')), exists: bool(v('exists')) })
    case 'all-polls-at-correct-time':
      return pollTiming({
        requests: ctx.record.requests,
        endpoints: Array.isArray(p.endpoints) ? p.endpoints.map(String) : [],
        method: String(v('request_type_str')).toUpperCase() as HttpMethod,
        intervalS: num(v('poll_interval_seconds')) ?? 0,
        startedAtMs: ctx.record.startedAtMs,
      })
    case 'resource-requests':
      return resourceRequests(ctx.record.requests, { resources: Array.isArray(p.resources) ? p.resources.map(String) : [], minimum: num(v('minimum_count')), maximum: num(v('maximum_count')) })
    case 'subscription-contents':
    case 'all-notifications-transmitted':
      return failed('the client polls; it does not use subscription notifications (optional, handbook 7.2)')
    case 'price-response-contents':
      return failed('pricing (CSIP-AUS v1.3) is not used in Queensland')
    default:
      if (check.type.startsWith('readings-')) {
        const kind = check.type.slice('readings-'.length) as ReadingKind
        return readingsCheck(kind, ctx.record.readings, { minimumCount: num(v('minimum_count')), minimumLevel: num(v('minimum_level')), maximumLevel: num(v('maximum_level')), windowSeconds: num(v('window_seconds')) })
      }
      return failed(`unknown check ${check.type}`)
  }
}

/** Literal as is; an expression worked out now (undefined when it cannot be). */
export function resolve(value: ParameterValue | undefined, ctx: ExpressionContext): string | number | boolean | undefined {
  if (value === undefined || Array.isArray(value)) return undefined
  if (typeof value === 'object' && 'expression' in value) {
    const r = evaluateExpression(value.expression, ctx)
    return r.ok ? r.value : undefined
  }
  return value as string | number | boolean
}

const bool = (x: unknown) => (typeof x === 'boolean' ? x : undefined)
const num = (x: unknown) => (typeof x === 'number' ? x : undefined)
const text = (x: unknown) => (typeof x === 'string' ? x : x === undefined ? undefined : String(x))
