/**
 * The `$(...)` expressions of the cactus procedures: `$(now + '5 minutes')`, `$(maxExportW * 0.3)`,
 * `$(this <= rtgMaxVA)`, `$(0 - setMaxChargeRateW)`. Every expression in the 83 procedures is one operand or two
 * operands joined by one operator, so that is the grammar (anything else is refused with a code, never guessed).
 * Times are epoch milliseconds, durations milliseconds, powers watts (after the multiplier).
 */
import { fail, ok, type Result } from '../result'
import { QLD_OFFSET_MINUTES } from '../time/qld-time'

export type Operator = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>='

export type Operand =
  | { kind: 'number'; value: number }
  | { kind: 'variable'; name: string }
  | { kind: 'duration'; ms: number }

export interface Expression {
  readonly source: string
  readonly left: Operand
  readonly op?: Operator
  readonly right?: Operand
}

/** The values an expression may name; `now`, `now_day`, `now_hour` are derived from `nowMs`. */
export interface ExpressionContext {
  nowMs: number
  variables: Readonly<Record<string, number | undefined>>
  /** The value of the parameter that holds the expression (`$(this > 0)`). */
  this?: number
}

const OPERATORS: readonly Operator[] = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '<', '>']
const UNIT_MS: Readonly<Record<string, number>> = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 }
const EXPRESSION = /^\$\((.*)\)$/s
const BARE_VARIABLE = /^\$([A-Za-z_][A-Za-z0-9_]*)$/

/** `"$(...)"` or a bare `"$name"` → the expression's body; anything else is a literal. */
export function expressionBody(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return EXPRESSION.exec(text)?.[1] ?? BARE_VARIABLE.exec(text)?.[1]
}

export function parseExpression(body: string): Result<Expression> {
  const source = body.trim()
  const split = splitAtOperator(source)
  const left = parseOperand(split.left)
  if (!left.ok) return left
  if (split.op === undefined) return ok({ source, left: left.value })
  const right = parseOperand(split.right ?? '')
  if (!right.ok) return right
  return ok({ source, left: left.value, op: split.op, right: right.value })
}

/** The first operator outside quotes that is not a leading sign. */
function splitAtOperator(source: string): { left: string; op?: Operator; right?: string } {
  let quoted = false
  for (let i = 1; i < source.length; i += 1) {
    const ch = source[i]
    if (ch === "'") quoted = !quoted
    if (quoted) continue
    const op = OPERATORS.find((o) => source.startsWith(o, i))
    if (op && !/[eE]/.test(source[i - 1] ?? '')) return { left: source.slice(0, i), op, right: source.slice(i + op.length) }
  }
  return { left: source }
}

function parseOperand(text: string): Result<Operand> {
  const t = text.trim()
  if (/^-?\d+(\.\d+)?$/.test(t)) return ok({ kind: 'number', value: Number(t) })
  const duration = /^'(\d+(?:\.\d+)?)\s*(second|minute|hour|day)s?'$/.exec(t)
  if (duration) return ok({ kind: 'duration', ms: Number(duration[1]) * (UNIT_MS[duration[2] ?? ''] ?? 0) })
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t)) return ok({ kind: 'variable', name: t })
  return fail('CONFORMANCE_EXPRESSION', `cannot read "${t}" in an expression`)
}

/** The harness's `now_day` / `now_hour` are AEST boundaries: Queensland time (src-shared/time/qld-time.ts). */
const AEST_OFFSET_MS = QLD_OFFSET_MINUTES * 60_000

function variableValue(name: string, ctx: ExpressionContext): number | undefined {
  switch (name) {
    case 'now':
      return ctx.nowMs
    case 'now_day':
      return Math.floor((ctx.nowMs + AEST_OFFSET_MS) / UNIT_MS.day!) * UNIT_MS.day! - AEST_OFFSET_MS
    case 'now_hour':
      return Math.floor(ctx.nowMs / UNIT_MS.hour!) * UNIT_MS.hour!
    case 'this':
      return ctx.this
    default:
      return ctx.variables[name]
  }
}

function operandValue(operand: Operand, ctx: ExpressionContext): Result<number> {
  if (operand.kind === 'number') return ok(operand.value)
  if (operand.kind === 'duration') return ok(operand.ms)
  const value = variableValue(operand.name, ctx)
  if (value === undefined || !Number.isFinite(value)) {
    return fail('CONFORMANCE_EXPRESSION', `"${operand.name}" has no value here`)
  }
  return ok(value)
}

export function evaluateExpression(expr: Expression, ctx: ExpressionContext): Result<number | boolean> {
  const left = operandValue(expr.left, ctx)
  if (!left.ok || expr.op === undefined || expr.right === undefined) return left
  const right = operandValue(expr.right, ctx)
  if (!right.ok) return right
  return apply(expr.op, left.value, right.value)
}

function apply(op: Operator, a: number, b: number): Result<number | boolean> {
  switch (op) {
    case '+':
      return ok(a + b)
    case '-':
      return ok(a - b)
    case '*':
      return ok(a * b)
    case '/':
      return b === 0 ? fail('CONFORMANCE_EXPRESSION', 'division by zero') : ok(a / b)
    case '==':
      return ok(a === b)
    case '!=':
      return ok(a !== b)
    case '<':
      return ok(a < b)
    case '<=':
      return ok(a <= b)
    case '>':
      return ok(a > b)
    case '>=':
      return ok(a >= b)
  }
}
