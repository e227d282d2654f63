/**
 * `discover` and `limits` when the server answers 429 / 5xx (handbook 13.2, SRV-5): every retry is printed, a walk that
 * recovers within the retries exits 0, and retries spent end with the code, its meaning and what to do, and exit 1.
 * Real mutual TLS against the utility simulator; all waiting on one FakeClock.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { startUtilitySimulator, type UtilitySimulator } from '../../sim/utility'
import type { CliCommand, CliIo } from '../types'
import { discoverCommand } from './discover'
import { limitsCommand } from './limits'

let dir: string
let clock: FakeClock
let sim: UtilitySimulator

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-retries-cli-'))
  clock = new FakeClock(Date.now())
  sim = await startUtilitySimulator({ clock, pkiDir: join(dir, 'pki') })
}, 60_000)

afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

const args = () => {
  const f = sim.files
  if (!f) throw new Error('simulator wrote no PEM files')
  return { dcap: sim.dcapUrl, cert: f.deviceChain, key: f.deviceKey, ca: [f.serca] }
}

/** Runs a command on the FakeClock; each printed retry line lets the clock move on by the retry's delay. */
function start(command: CliCommand, json = false) {
  const printed: string[] = []
  const info: string[] = []
  let pendingRetries = 0
  const io: CliIo = {
    print: (human) => printed.push(human),
    info: (line) => {
      info.push(line)
      if (line.startsWith('↻')) pendingRetries++
    },
    signal: new AbortController().signal,
    cwd: dir,
    env: {},
    clock,
  }
  let code: number | undefined
  const running = command.run({ positionals: [], values: args(), json }, io).then((c) => (code = c))
  const finish = async (): Promise<number> => {
    // Let real I/O run; when a retry is waiting on the clock, move the clock past it (at most 40 s: 13.2 backoff).
    for (let i = 0; i < 400_000 && code === undefined; i++) {
      if (pendingRetries > 0) {
        pendingRetries--
        await clock.advanceAsync(40_000)
      }
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    return running
  }
  return { printed, info, finish }
}

describe('discover / limits against 429 and 5xx (handbook 13.2)', () => {
  it('discover: 503 then 200 on DeviceCapability -> the retry is printed, the walk completes, exit 0', async () => {
    sim.faults.set({ kind: 'status', status: 503 }, { path: '/api/v2/dcap', times: 1 })
    const run = start(discoverCommand)
    expect(await run.finish()).toBe(0)
    expect(run.info.join('\n')).toMatch(/↻ GET https:\/\/127\.0\.0\.1:\d+\/api\/v2\/dcap: the server failed \(HTTP 503\); retry 1 in \d+ s/)
    expect(run.printed.join('\n')).toContain('Discovery complete.')
  }, 30_000)

  it('discover: 429 with Retry-After, then 500, then 200 -> exit 0 after two retries', async () => {
    sim.faults.set({ kind: 'status', status: 429, retryAfter: '20' }, { path: '/api/v2/dcap', times: 1 })
    sim.faults.set({ kind: 'status', status: 500 }, { path: '/api/v2/dcap', times: 1 })
    const run = start(discoverCommand)
    expect(await run.finish()).toBe(0)
    const retries = run.info.filter((l) => l.startsWith('↻'))
    expect(retries).toHaveLength(2)
    expect(retries[0]).toMatch(/the server is busy \(429 Too Many Requests\); retry 1 in 2\d s/)
  }, 30_000)

  it('limits: 429 on every attempt -> SEP2_RATE_LIMITED with its meaning and what to do, exit 1', async () => {
    sim.faults.set({ kind: 'status', status: 429 }, { path: '/api/v2/dcap', times: Infinity })
    const run = start(limitsCommand)
    const code = await run.finish()
    sim.faults.clear()
    expect(code).toBe(1)
    const text = run.printed.join('\n')
    expect(text).toMatch(/✗ DeviceCapability/)
    expect(text).toMatch(/SEP2_RATE_LIMITED: 429 Too Many Requests from \S+ after 3 attempts/)
    expect(text).toMatch(/What to do: .*run the command again in a few minutes/)
    expect(text).toContain('Discovery stopped at DeviceCapability.')
    expect(run.info.filter((l) => l.startsWith('↻'))).toHaveLength(2)
  }, 30_000)

  it('discover: 500 on every attempt of the EndDeviceList -> SEP2_SERVER_ERROR with the loss-of-communications meaning, exit 1', async () => {
    sim.faults.set({ kind: 'status', status: 500 }, { path: '/api/v2/edev', times: Infinity })
    const run = start(discoverCommand)
    const code = await run.finish()
    sim.faults.clear()
    expect(code).toBe(1)
    const steps = run.info.join('\n')
    expect(steps).toMatch(/✗ EndDeviceList/)
    expect(steps).toMatch(/SEP2_SERVER_ERROR: Server error 500 from \S+ after 3 attempts/)
    expect(steps).toMatch(/What to do: .*loss of communications/)
  }, 30_000)
})
