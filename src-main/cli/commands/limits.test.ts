/**
 * `limits` against the utility simulator's figure 8 scenario (handbook 12, figure 8; APP-2, CTL-3): the site
 * behaviour row of the slot asked for with --at, and where each value comes from.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { startUtilitySimulator, type UtilitySimulator } from '../../sim/utility'
import { CliUsageError, type CliIo } from '../types'
import { describeRejected, limitsCommand, parseTimeline } from './limits'

function fakeIo(cwd: string) {
  const printed: { human: string; json: unknown }[] = []
  const io: CliIo = { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd, env: {} }
  return { io, printed }
}

const MIN = 60_000
let dir: string
let sim: UtilitySimulator

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'limits-cli-'))
  // The simulator's scenario starts 7-12 minutes before the real now, so every figure 8 control is still listed
  // and the default (in force from 00:05) is published when the CLI, on the real clock, polls.
  const clock = new FakeClock(Date.now() - 7 * MIN)
  sim = await startUtilitySimulator({ clock, scenario: 'figure8', pkiDir: join(dir, 'pki') })
  clock.advance(7 * MIN)
}, 60_000)

afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

const args = () => {
  const f = sim.files
  if (!f) throw new Error('simulator wrote no PEM files')
  return { dcap: sim.dcapUrl, cert: f.deviceChain, key: f.deviceKey, ca: [f.serca], 'fixed-export': '1500', 'fixed-import': '1500' }
}
const slot = (s: number) => new Date(sim.startMs + s * 1000).toISOString()

interface Printed {
  effective: Record<string, { value: number | boolean | null; source: { kind: string; programId?: string } }>
}

async function limitsAt(seconds: number): Promise<{ human: string; json: Printed }> {
  const { io, printed } = fakeIo(dir)
  expect(await limitsCommand.run({ positionals: [], values: { ...args(), at: slot(seconds) }, json: true }, io)).toBe(0)
  return { human: printed[0]?.human ?? '', json: printed[0]?.json as Printed }
}

describe('limits command against the figure 8 scenario', () => {
  it.each([
    // slot 00:15-00:20: A's export 0 (primacy 1); import from the default 4.0 kW, the mode A does not set
    [1000, { expLimW: [0, 'event'], impLimW: [4000, 'default'], genLimW: ['unlimited', 'implied'], connect: [true, 'implied'] }],
    // slot 00:20-00:25: B, Exp 10 / Imp 15
    [1300, { expLimW: [10000, 'event'], impLimW: [15000, 'event'], genLimW: ['unlimited', 'implied'], connect: [true, 'implied'] }],
    // slot 00:25-00:30: back to the default
    [1650, { expLimW: [1500, 'default'], impLimW: [4000, 'default'], genLimW: ['unlimited', 'implied'], connect: [true, 'implied'] }],
    // slot 00:30-00:35: B's Exp 10 / Imp 15 with A's GenLim 0 and Connect false
    [1900, { expLimW: [10000, 'event'], impLimW: [15000, 'event'], genLimW: [0, 'event'], connect: [false, 'event'] }],
  ])('at %s s into the scenario: the figure 8 site behaviour row', async (seconds, want) => {
    const { json } = await limitsAt(seconds)
    for (const [mode, [value, source]] of Object.entries(want)) {
      expect([json.effective[mode]?.value, json.effective[mode]?.source.kind], mode).toEqual([value, source])
    }
  }, 30_000)

  it('prints each mode with its value and source, and the timeline', async () => {
    const { io, printed } = fakeIo(dir)
    expect(await limitsCommand.run({ positionals: [], values: { ...args(), at: slot(1000), timeline: '1h' }, json: false }, io)).toBe(0)
    const text = printed[0]?.human ?? ''
    expect(text).toMatch(/Export limit\s+0 W\s+event [0-9A-F]{32} \(program .*, primacy 1\)/)
    expect(text).toMatch(/Import limit\s+4000 W\s+default control/)
    expect(text).toMatch(/Generation limit\s+unlimited\s+implied default/)
    expect(text).toContain(`Next change at ${slot(1200).replace('.000Z', 'Z')}`)
    expect(text).toMatch(/Timeline \(1 h\):\n.*Export limit: 10000 W/)
  }, 30_000)

  it('rejects a timeline beyond the 24 h horizon and a bad --at', async () => {
    expect(parseTimeline('90m')).toBe(5400)
    expect(() => parseTimeline('25h')).toThrow(CliUsageError)
    await expect(limitsCommand.run({ positionals: [], values: { ...args(), at: 'yesterday' }, json: true }, fakeIo(dir).io)).rejects.toThrow(CliUsageError)
  })
})

describe('describeRejected (REL-4: what the client refused is said)', () => {
  it('prints nothing when nothing was refused, and one line per refused or flagged control otherwise', () => {
    expect(describeRejected([])).toEqual([])
    const lines = describeRejected([
      { kind: 'duplicate-mrid', programId: 'P1', mRID: 'AB01', reason: 'two events share this mRID with different content', refused: true, at: 0 },
      { kind: 'default', programId: 'P1', mRID: 'DD01', reason: 'opModExpLimW -5000 W is below 0', refused: true, at: 0 },
    ])
    expect(lines).toEqual([
      '',
      'Refused or flagged by the client (REL-4):',
      '  refused duplicate mRID AB01 (program P1): two events share this mRID with different content',
      '  refused default control DD01 (program P1): opModExpLimW -5000 W is below 0',
    ])
  })
})
