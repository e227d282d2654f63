import { describe, expect, it } from 'vitest'
import { validateJsonSchema, type JsonSchema } from './json-schema-validator'

const messages = (value: unknown, schema: JsonSchema) => validateJsonSchema(value, schema).map((i) => `${i.path} ${i.message}`)

describe('validateJsonSchema (the keywords the report schema uses)', () => {
  it.each<[string, JsonSchema, unknown, boolean]>([
    ['type integer', { type: 'integer' }, 3, true],
    ['type integer refuses 3.5', { type: 'integer' }, 3.5, false],
    ['type number takes an integer', { type: 'number' }, 3, true],
    ['type list', { type: ['string', 'null'] }, null, true],
    ['type list refuses', { type: ['string', 'null'] }, 1, false],
    ['array is not object', { type: 'object' }, [], false],
    ['const', { const: 'done' }, 'done', true],
    ['const refuses', { const: 'done' }, 'not-done', false],
    ['enum', { enum: ['a', 'b'] }, 'b', true],
    ['enum refuses', { enum: ['a', 'b'] }, 'c', false],
    ['minimum', { minimum: 0 }, -1, false],
    ['maximum', { maximum: 10 }, 10, true],
    ['exclusiveMinimum', { exclusiveMinimum: 0 }, 0, false],
    ['minLength', { minLength: 2 }, 'a', false],
    ['maxLength counts characters', { maxLength: 1 }, '😀', true],
    ['pattern', { pattern: '^\\d{4}$' }, '2026', true],
    ['pattern refuses', { pattern: '^\\d{4}$' }, '20261', false],
    ['required', { type: 'object', required: ['a'] }, { b: 1 }, false],
    ['additionalProperties false', { type: 'object', properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 }, false],
    ['additionalProperties schema', { type: 'object', additionalProperties: { type: 'number' } }, { x: 'no' }, false],
    ['propertyNames', { type: 'object', propertyNames: { enum: ['expLimW'] } }, { genLimW: 1 }, false],
    ['items', { type: 'array', items: { type: 'number' } }, [1, 'x'], false],
    ['prefixItems + items false', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false }, [1, 2, 3], false],
    ['prefixItems', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false }, [1, 2], true],
    ['minItems', { minItems: 2 }, [1], false],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, true, false],
    ['oneOf exactly one', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1.5, true],
    ['oneOf refuses two', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1, false],
    ['allOf', { allOf: [{ minimum: 0 }, { maximum: 5 }] }, 6, false],
    ['$ref', { $defs: { n: { type: 'number' } }, $ref: '#/$defs/n' }, 'x', false],
    ['true schema', true, { any: 1 }, true],
    ['false schema', false, 1, false],
  ])('%s', (_name, schema, value, valid) => {
    expect(validateJsonSchema(value, schema).length === 0).toBe(valid)
  })

  it('points at the offending value', () => {
    const schema: JsonSchema = { type: 'object', properties: { runs: { type: 'array', items: { type: 'object', properties: { 'a/b': { type: 'number' } } } } } }
    expect(messages({ runs: [{ 'a/b': 1 }, { 'a/b': 'x' }] }, schema)).toEqual(['/runs/1/a~1b must be number, is string'])
  })

  it('reports inside the closest alternative of a tagged union', () => {
    const tagged = (tag: string, rest: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties: { status: { const: tag }, ...rest }, required: ['status', ...Object.keys(rest)], additionalProperties: false })
    const schema: JsonSchema = { oneOf: [tagged('done', { data: { type: 'number' } }), tagged('not-done', { reason: { type: 'string' } })] }
    expect(messages({ status: 'done', data: 'x' }, schema)).toEqual(['/data must be number, is string'])
  })

  it('refuses to pass a schema keyword it does not check', () => {
    expect(() => validateJsonSchema(1, { multipleOf: 2 })).toThrow(/multipleOf/)
  })
})
