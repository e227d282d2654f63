import { describe, expect, it } from 'vitest'
import { evaluateExpression, expressionBody, parseExpression, type ExpressionContext } from './expression'

const NOW = Date.UTC(2026, 11, 4, 18, 37, 12) // 2026-12-05 04:37:12 AEST
const ctx: ExpressionContext = { nowMs: NOW, variables: { maxExportW: 5000, setMaxChargeRateW: 3000, rtgMaxVA: 6000 } }

function value(text: string, context: ExpressionContext = ctx): number | boolean {
  const body = expressionBody(text)
  if (body === undefined) throw new Error(`not an expression: ${text}`)
  const parsed = parseExpression(body)
  if (!parsed.ok) throw new Error(parsed.error.message)
  const result = evaluateExpression(parsed.value, context)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('cactus $(...) expressions', () => {
  it('works out times from now, with quoted durations in every unit the procedures use', () => {
    expect(value('$(now)')).toBe(NOW)
    expect(value('$now')).toBe(NOW)
    expect(value("$(now + '5 minutes')")).toBe(NOW + 300_000)
    expect(value("$(now + '1 minute')")).toBe(NOW + 60_000)
    expect(value("$(now - '60 seconds')")).toBe(NOW - 60_000)
    expect(value("$(now + '6 hours')")).toBe(NOW + 6 * 3_600_000)
    expect(value("$(now + '1 hour')")).toBe(NOW + 3_600_000)
  })

  it('now_day is midnight AEST (Queensland, UTC+10) and now_hour the top of the hour', () => {
    expect(value('$(now_day)')).toBe(Date.UTC(2026, 11, 4, 14, 0, 0)) // 2026-12-05 00:00 AEST
    expect(value("$(now_hour + '120 minutes')")).toBe(Date.UTC(2026, 11, 4, 20, 0, 0))
  })

  it('scales powers either way round and subtracts from a constant (STO-06 charge target)', () => {
    expect(value('$(maxExportW * 0.3)')).toBe(1500)
    expect(value('$(2 * maxExportW)')).toBe(10_000)
    expect(value('$(0 - setMaxChargeRateW)')).toBe(-3000)
  })

  it('compares `this` (the parameter’s own value) with a rating', () => {
    expect(value('$(this <= rtgMaxVA)', { ...ctx, this: 6000 })).toBe(true)
    expect(value('$(this <= rtgMaxVA)', { ...ctx, this: 6001 })).toBe(false)
    expect(value('$(this > 0)', { ...ctx, this: 0 })).toBe(false)
  })

  it('refuses what it cannot read or has no value for, with a code – never a guess', () => {
    expect(parseExpression('now + + 5')).toMatchObject({ ok: false, error: { code: 'CONFORMANCE_EXPRESSION' } })
    expect(parseExpression("now + '5 fortnights'")).toMatchObject({ ok: false })
    const unknown = parseExpression('setMaxWh * 2')
    expect(unknown.ok && evaluateExpression(unknown.value, ctx)).toMatchObject({ ok: false, error: { code: 'CONFORMANCE_EXPRESSION' } })
    const self = parseExpression('this > 0')
    expect(self.ok && evaluateExpression(self.value, ctx)).toMatchObject({ ok: false })
    expect(expressionBody('plain text')).toBeUndefined()
    expect(expressionBody(42)).toBeUndefined()
  })
})
