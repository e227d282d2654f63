/**
 * REL-3 "no silent death", at process level: the built CLI is spawned against the device and utility simulators
 * running in this test process, and the faults of issue 15 are injected. Before the fix each of these ended the
 * process with exit code 13 and no message (the engine's timers were unref'd, so nothing held the process open once
 * the Modbus socket closed or while a retry waited).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSystemClock } from '../engine/system-clock'
import { startDeviceSimulator, type DeviceSimulator } from '../sim/devices'
import { startUtilitySimulator, type SimulatorFiles, type UtilitySimulator } from '../sim/utility'
import { buildCli, spawnCli, type BuiltCli, type CliProcess } from './testing/built-cli'

const UNITS = [1, 2, 4]
/** Status lines come every 5 s; fail-safe is due 5 s after the last good sample. */
const STATUS_RE = /\d\d:\d\d:\d\d \| /

let dir: string
let cli: BuiltCli
let devices: DeviceSimulator
let utility: UtilitySimulator
let files: SimulatorFiles

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-proc-'))
  const clock = createSystemClock()
  ;[cli, devices, utility] = await Promise.all([
    buildCli('lifetime'),
    startDeviceSimulator({ clock, tcpPort: 0, scenario: { pvAvailability: 1 } }),
    startUtilitySimulator({ clock, pkiDir: join(dir, 'pki') }),
  ])
  if (!utility.files) throw new Error('the utility simulator wrote no PKI files')
  files = utility.files
}, 120_000)

afterAll(async () => {
  await devices?.close()
  await utility?.close()
  cli?.remove()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function writeConfig(name: string, port: number): string {
  const path = join(dir, `${name}.json`)
  const config = {
    siteId: name,
    dataDir: join(dir, `${name}-data`),
    server: { dcapUrl: utility.dcapUrl, cert: files.deviceChain, key: files.deviceKey, ca: [files.serca] },
    site: { pen: 57269, fixedLimits: { exportW: 1500, importW: 1500 }, der: [{ type: 4, ratedW: 5000 }, { type: 4, ratedW: 3000 }] },
    devices: { host: '127.0.0.1', port, meterUnit: 4, inverterUnits: [1, 2] },
  }
  writeFileSync(path, JSON.stringify(config))
  return path
}

async function stopAndExpectClean(run: CliProcess): Promise<void> {
  expect(run.running()).toBe(true)
  run.child.kill('SIGINT')
  expect(await run.exited).toBe(0)
  expect(run.stdout()).toContain('Stopped.')
}

/** Waits for the next status line after the text seen so far. */
async function nextStatus(run: CliProcess): Promise<string> {
  const seen = run.stderr().length
  await run.waitFor(new RegExp(`^[\\s\\S]{${seen}}[\\s\\S]*${STATUS_RE.source}`))
  return run.stderr().slice(seen)
}

describe('run --config: a device closing its TCP connection', { timeout: 90_000 }, () => {
  it('keeps running, goes fail-safe and says so, and stops cleanly on Ctrl+C', async () => {
    const run = spawnCli(cli, ['run', '--config', writeConfig('unplugged', devices.tcp?.port ?? 0)], { cwd: dir })
    try {
      await run.waitFor(/Running site unplugged/)
      await nextStatus(run)
      for (const unit of UNITS) devices.setFault(unit, { kind: 'unplugged' })
      await run.waitFor(/FAIL-SAFE/)
      // Still alive well after the fault: another status line comes.
      expect(await nextStatus(run)).toMatch(/FAIL-SAFE/)
      await stopAndExpectClean(run)
    } finally {
      for (const unit of UNITS) devices.setFault(unit, { kind: 'none' })
      run.child.kill('SIGKILL')
    }
  })
})

/** A TCP proxy to the device simulator that answers one request with garbage instead of the device's reply. */
async function garbageProxy(target: number): Promise<{ port: number; garbleNext(): void; close(): Promise<void> }> {
  let garble = false
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1')
    sockets.add(client).add(upstream)
    client.on('data', (d) => upstream.write(d))
    upstream.on('data', (d) => {
      if (!garble) return void client.write(d)
      garble = false
      client.write(Buffer.from([0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x42]))
    })
    const end = () => (client.destroy(), upstream.destroy())
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    garbleNext: () => void (garble = true),
    close: () => new Promise<void>((done) => (sockets.forEach((s) => s.destroy()), server.close(() => done()))),
  }
}

describe('run --config: one garbage reply from a device', { timeout: 90_000 }, () => {
  it('keeps running and keeps controlling', async () => {
    const proxy = await garbageProxy(devices.tcp?.port ?? 0)
    const run = spawnCli(cli, ['run', '--config', writeConfig('garbage', proxy.port)], { cwd: dir })
    try {
      await run.waitFor(/Running site garbage/)
      await nextStatus(run)
      proxy.garbleNext()
      await nextStatus(run)
      await stopAndExpectClean(run)
    } finally {
      run.child.kill('SIGKILL')
      await proxy.close()
    }
  })
})

describe('discover against a server that answers 503 once', { timeout: 90_000 }, () => {
  it('waits out the retry and completes', async () => {
    utility.faults.set({ kind: 'status', status: 503 })
    const run = spawnCli(cli, ['discover', '--dcap', utility.dcapUrl, '--cert', files.deviceChain, '--key', files.deviceKey, '--ca', files.serca], { cwd: dir })
    const code = await run.exited
    utility.faults.clear()
    expect(run.stderr()).not.toMatch(/unsettled/i)
    expect(code).toBe(0)
    expect(run.stdout()).toMatch(/Discovery complete\./)
  })
})

describe('run --demo temp folder with practice keys', { timeout: 150_000 }, () => {
  const demoDirs = (tmp: string) => readdirSync(tmp).filter((n) => n.startsWith('sep2-run-demo-'))

  it('a kill -9 leaves it behind; the next run removes it at start, and its own on stop', async () => {
    const tmp = join(dir, 'tmp')
    mkdirSync(tmp)
    const first = spawnCli(cli, ['run', '--demo'], { cwd: dir, env: { TMPDIR: tmp } })
    await first.waitFor(/Running site demo/)
    const left = demoDirs(tmp)
    expect(left).toHaveLength(1)
    first.child.kill('SIGKILL')
    await first.exited
    expect(demoDirs(tmp)).toEqual(left)
    const second = spawnCli(cli, ['run', '--demo'], { cwd: dir, env: { TMPDIR: tmp } })
    try {
      await second.waitFor(/Running site demo/)
      expect(demoDirs(tmp).filter((n) => left.includes(n))).toEqual([])
      await stopAndExpectClean(second)
      expect(demoDirs(tmp)).toEqual([])
    } finally {
      second.child.kill('SIGKILL')
    }
  })
})
