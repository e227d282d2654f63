import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { DecodedGroup, DecodedModel, PointValue } from '../../src-shared/devices/sunspec-model-types'
import { readSunSpecDevice } from '../modbus/sunspec/discover'
import { createModbusTcpTransport } from '../modbus/tcp-transport'
import { spawnPythonPeer, type PymodbusPeer } from '../modbus/testing/pymodbus-peer'
import type { ModbusTransport } from '../modbus/transport'
import { scanDevice } from './scan'

/**
 * DEV-2 against an independent oracle: Debian's python3-pymodbus serves SunSpec maps that testing/sunspec_oracle.py
 * lays out by hand from the bundled model JSON (struct-packed registers, not this app's codec), with known values,
 * "not implemented" sentinels and repeating groups; the script also writes what a correct decoder must report.
 * The product's discovery reads the maps over Modbus TCP and every decoded point is compared with that.
 */
const MODELS_DIR = fileURLToPath(new URL('../../resources/sunspec/models', import.meta.url))
const ORACLE = fileURLToPath(new URL('./testing/sunspec_oracle.py', import.meta.url))

/** Unit id -> its model chain: inverters with 1x/12x/160 and with 70x, the meters, and the float variants. */
const UNITS: Record<number, number[]> = {
  1: [1, 101, 120, 121, 122, 123, 124, 160],
  2: [1, 103, 701, 702, 703, 704, 705],
  3: [1, 201],
  4: [1, 203],
  5: [1, 102, 111, 112, 113],
  6: [1, 202, 204, 211, 212, 213, 214],
}

interface ExpectedPoint {
  raw: PointValue | null
  value: PointValue | null
  symbol: string | null
  flags: string[] | null
}
interface ExpectedGroup {
  points: Record<string, ExpectedPoint>
  groups: Record<string, ExpectedGroup[]>
}
interface ExpectedModel {
  id: number
  address: number
  length: number
  root: ExpectedGroup
}

/** Scaled values may differ in the last bits of a double (x 10^sf computed differently); everything else is exact. */
function sameValue(actual: PointValue | null, expected: PointValue | null): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
  return actual === expected
}

function pointDifferences(path: string, actual: DecodedGroup['points'][string] | undefined, expected: ExpectedPoint): string[] {
  if (!actual) return [`${path}: missing`]
  const got = { raw: actual.raw, value: actual.value, symbol: actual.symbol ?? null, flags: actual.flags ?? null }
  const same = got.raw === expected.raw && sameValue(got.value, expected.value) && got.symbol === expected.symbol && JSON.stringify(got.flags) === JSON.stringify(expected.flags)
  return same ? [] : [`${path}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`]
}

/** Every difference between a decoded group and the oracle's, as readable lines (empty when they agree). */
function groupDifferences(path: string, actual: DecodedGroup, expected: ExpectedGroup): string[] {
  const out: string[] = []
  const extra = Object.keys(actual.points).filter((name) => !(name in expected.points))
  if (extra.length > 0) out.push(`${path}: unexpected points ${extra.join(', ')}`)
  for (const [name, point] of Object.entries(expected.points)) out.push(...pointDifferences(`${path}.${name}`, actual.points[name], point))
  for (const [name, instances] of Object.entries(expected.groups)) {
    const got = actual.groups[name] ?? []
    if (got.length !== instances.length) out.push(`${path}.${name}: ${got.length} instance(s), expected ${instances.length}`)
    instances.forEach((instance, i) => {
      const decoded = got[i]
      if (decoded) out.push(...groupDifferences(`${path}.${name}[${i}]`, decoded, instance))
    })
  }
  return out
}

function modelDifferences(actual: DecodedModel | undefined, expected: ExpectedModel): string[] {
  if (!actual) return [`model ${expected.id}: not decoded`]
  const header = actual.address === expected.address && actual.length === expected.length ? [] : [`model ${expected.id}: at ${actual.address} length ${actual.length}, expected ${expected.address} length ${expected.length}`]
  return [...header, ...groupDifferences(`${expected.id}`, actual.root, expected.root)]
}

/** Points the oracle served as numbers, as not implemented, and with a missing scale factor (so each case is exercised). */
function coverage(group: ExpectedGroup, tally = { numbers: 0, notImplemented: 0, missingScale: 0, strings: 0, instances: 0 }) {
  for (const p of Object.values(group.points)) {
    if (typeof p.raw === 'number') tally.numbers++
    if (typeof p.raw === 'string') tally.strings++
    if (p.raw === null) tally.notImplemented++
    if (p.raw !== null && p.value === null) tally.missingScale++
  }
  for (const instances of Object.values(group.groups)) {
    tally.instances += instances.length
    for (const g of instances) coverage(g, tally)
  }
  return tally
}

describe('SunSpec decoding against an independent pymodbus oracle (DEV-2)', () => {
  let dir: string
  let peer: PymodbusPeer
  let transport: ModbusTransport
  let expected: Record<string, ExpectedModel[]>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sunspec-oracle-'))
    const out = join(dir, 'expected.json')
    const units = Object.entries(UNITS).map(([unit, ids]) => `${unit}:${ids.join(',')}`)
    peer = await spawnPythonPeer([ORACLE, MODELS_DIR, out, ...units])
    expected = JSON.parse(readFileSync(out, 'utf8')) as Record<string, ExpectedModel[]>
    transport = createModbusTcpTransport({ host: '127.0.0.1', port: peer.port ?? 0, clock: new FakeClock(), timeoutMs: 1000, retries: 0 })
  })

  afterAll(async () => {
    await transport?.close()
    await peer?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it.each(Object.entries(UNITS))('unit %s: every point of models %j decodes to the value the oracle laid out', async (unit, ids) => {
    const device = await readSunSpecDevice(transport, { unitId: Number(unit) })
    const models = expected[unit] ?? []
    expect(device.base).toBe(40000)
    expect(device.skipped).toEqual([])
    expect(device.models.map((m) => m.id)).toEqual(ids)
    expect(models.map((m) => m.id)).toEqual(ids)
    expect(models.flatMap((m) => modelDifferences(device.models.find((d) => d.id === m.id), m))).toEqual([])
  })

  it('the oracle exercises numbers, strings, not-implemented points, missing scale factors and repeating groups', () => {
    const all = Object.values(expected).flat()
    const tally = { numbers: 0, notImplemented: 0, missingScale: 0, strings: 0, instances: 0 }
    for (const m of all) coverage(m.root, tally)
    expect(tally.numbers).toBeGreaterThan(500)
    expect(tally.strings).toBeGreaterThan(10)
    expect(tally.notImplemented).toBeGreaterThan(50)
    expect(tally.missingScale).toBeGreaterThan(0)
    // 160's modules, 704's PF groups, 705's curves and their points.
    expect(tally.instances).toBeGreaterThanOrEqual(2 + 4 + 2 + 4)
  })

  it("the scan's identity and ratings are model 1's strings and the 120 / 124 / 702 ratings the oracle served", async () => {
    const point = (unit: number, id: number, name: string) => {
      const v = expected[unit]?.find((m) => m.id === id)?.root.points[name]?.value
      return v === null ? undefined : v
    }
    const inverter = await scanDevice(transport, { unitId: 1 })
    if (inverter.kind !== 'sunspec') throw new Error('expected SunSpec')
    expect(inverter.identity).toEqual({ manufacturer: point(1, 1, 'Mn'), model: point(1, 1, 'Md'), serial: point(1, 1, 'SN'), version: point(1, 1, 'Vr'), options: point(1, 1, 'Opt') })
    expect(inverter.ratings).toEqual({ WRtg: point(1, 120, 'WRtg'), VARtg: point(1, 120, 'VARtg'), WChaMax: point(1, 124, 'WChaMax') })
    const der = await scanDevice(transport, { unitId: 2 })
    if (der.kind !== 'sunspec') throw new Error('expected SunSpec')
    expect(der.ratings).toEqual({ WRtg: point(2, 702, 'WMaxRtg'), VARtg: point(2, 702, 'VAMaxRtg'), WChaMax: undefined })
  })
})
