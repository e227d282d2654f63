/**
 * `der-settings-contents`, `der-capability-contents`, `der-status-contents` (cactus-runner check.py, read for
 * meaning) on the last DERSettings / DERCapability / DERStatus the client PUT:
 * - `name: true|false` – the element is present / absent;
 * - `name: $(this <= rtgMaxVA)` – present and the expression holds with `this` = its value;
 * - `x_set: 'hex'` / `x_unset: 'hex'` – at least those bits of bitmap x are 1 / 0;
 * - `setGradW: n` – equal; `genConnectStatus` / `operationalModeStatus` / `alarmStatus: n` – equal;
 *   `genConnectStatus_bitN: bool` – that bit is 1 / 0.
 * Every failed condition is listed, not only the first.
 */
import { evaluateExpression, type ExpressionContext } from '../expression'
import type { ParameterValue } from '../procedure'
import { failed, passed, type CheckResult, type DerValues } from '../record'

export function derDocumentContents(
  name: 'DERSettings' | 'DERCapability' | 'DERStatus',
  document: DerValues | undefined,
  parameters: Readonly<Record<string, ParameterValue>>,
  ctx: ExpressionContext,
): CheckResult {
  if (!document) return failed(`the client has not sent its ${name}`)
  const problems = Object.entries(parameters).flatMap(([key, want]) => condition(name, document, key, want, ctx))
  return problems.length === 0 ? passed(`${name} as expected`) : failed(problems.join('; '))
}

function condition(name: string, doc: DerValues, key: string, want: ParameterValue, ctx: ExpressionContext): string[] {
  const bits = /^(.*)_(set|unset)$/.exec(key)
  if (bits && typeof want === 'string') return bitmap(name, doc[bits[1] ?? ''], bits[1] ?? '', bits[2] === 'set', Number.parseInt(want, 16))
  const bit = /^(.*)_bit(\d)$/.exec(key)
  if (bit && typeof want === 'boolean') {
    const value = doc[bit[1] ?? '']
    if (value === undefined) return [`${name}.${bit[1]} is missing (bit ${bit[2]} should be ${want ? 1 : 0})`]
    return Boolean(value & (1 << Number(bit[2]))) === want ? [] : [`${name}.${bit[1]} is ${value}: bit ${bit[2]} should be ${want ? 1 : 0}`]
  }
  const value = doc[key]
  if (typeof want === 'boolean') {
    if (want && value === undefined) return [`${name}.${key} must be set but is missing`]
    if (!want && value !== undefined) return [`${name}.${key} must not be set but is ${value}`]
    return []
  }
  if (typeof want === 'object' && 'expression' in want) {
    if (value === undefined) return [`${name}.${key} must satisfy ${want.expression.source} but is missing`]
    const holds = evaluateExpression(want.expression, { ...ctx, this: value })
    if (!holds.ok) return [`${name}.${key}: ${holds.error.message}`]
    return holds.value === true ? [] : [`${name}.${key} is ${value}, which does not satisfy ${want.expression.source}`]
  }
  if (typeof want === 'number') return value === want ? [] : [`${name}.${key} is ${value ?? 'missing'}, expected ${want}`]
  return [`${name}.${key}: cannot check ${JSON.stringify(want)}`]
}

function bitmap(name: string, value: number | undefined, field: string, one: boolean, mask: number): string[] {
  if (value === undefined) return [`${name}.${field} is missing`]
  const ok = one ? (value & mask) === mask : (value & mask) === 0
  return ok ? [] : [`${name}.${field} is 0x${value.toString(16)}: bits 0x${mask.toString(16)} should be ${one ? 1 : 0}`]
}
