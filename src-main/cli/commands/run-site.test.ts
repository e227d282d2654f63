import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { DEMO_SITE } from '../../demo/demo-site'
import { createEngine } from '../../engine/create-engine'
import type { CliIo } from '../types'
import { runStoredSite } from './run'

/**
 * `run --site <id>` (issue 6 part 5): a site set up in the app (the built-in utility simulator as its server, the
 * simulated devices) is run headless from the same data folder by a fresh engine, on a FakeClock.
 */
const NOON_QLD = Date.UTC(2026, 0, 15, 2, 0)
const STEP_MS = 200
const dataDir = mkdtempSync(join(tmpdir(), 'run-site-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const value = <T>(r: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function turns(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

/** The app's setup, as an installer leaves it: site, simulated devices, the simulator as the server (certificate imported). */
async function setUpSite(clock: FakeClock): Promise<string> {
  const engine = createEngine({ dataDir, host: 'cli', clock })
  try {
    const { id } = value<{ id: string }>(await engine.invoke('sites.save', DEMO_SITE))
    value(await engine.invoke('devices.addSimulated', { siteId: id }))
    value(await engine.invoke('server.saveSettings', { siteId: id, settings: { target: 'simulator', checkHostname: true } }))
    expect(value<{ ok: boolean }>(await engine.invoke('server.connect', { siteId: id })).ok).toBe(true)
    return id
  } finally {
    await engine.close()
  }
}

describe('run --site', { timeout: 120_000 }, () => {
  it('connects the stored site to its server, reads its devices, runs the controller and prints the status line', async () => {
    const clock = new FakeClock(NOON_QLD)
    const siteId = await setUpSite(clock)
    const lines: string[] = []
    const printed: unknown[] = []
    const abort = new AbortController()
    const io: CliIo = { print: (_h, json) => printed.push(json), info: (l) => lines.push(l), signal: abort.signal, cwd: dataDir, env: {} }
    const run = runStoredSite({ siteId, dataDir, io, durationS: undefined, verbose: false, clock })
    const statusLines = () => lines.filter((l) => /^\d\d:\d\d:\d\d \| /.test(l))
    const wallEnd = Date.now() + 60_000
    while (!lines.some((l) => l.startsWith('Running site')) && Date.now() < wallEnd) await turns()
    for (let i = 0; i < 100 && statusLines().length < 3; i++) {
      clock.advance(STEP_MS)
      await turns()
    }
    abort.abort()
    expect(await run).toBe(0)
    const last = statusLines().at(-1) ?? ''
    expect(last).toMatch(/(Following|Limited by)/)
    expect(last).toMatch(/\| site -?\d+ W \| DER \d+ W \|/)
    expect(last).toMatch(/exp limit \d+ W/)
    expect(last).toContain('reporting every 300 s')
    expect(printed.at(-1)).toMatchObject({ ok: true, controller: expect.stringMatching(/following|limited/) })
  })

  it('says what is wrong when the site cannot be started', async () => {
    const printed: unknown[] = []
    const io: CliIo = { print: (_h, json) => printed.push(json), info: () => undefined, signal: new AbortController().signal, cwd: dataDir, env: {} }
    expect(await runStoredSite({ siteId: 'no-such-site', dataDir, io, durationS: 1, verbose: false, clock: new FakeClock(NOON_QLD) })).toBe(1)
    expect(printed.at(-1)).toMatchObject({ ok: false, error: { code: expect.any(String) } })
  })
})
