import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { loadRunConfig, parsePv, runCommand } from './run'

const dir = mkdtempSync(join(tmpdir(), 'run-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const CONFIG = {
  siteId: 'site-1',
  server: { dcapUrl: 'https://sep2.example/api/v2/dcap', cert: 'pem/chain.pem', key: 'pem/key.pem', ca: ['pem/serca.pem'] },
  site: { pen: 57269, fixedLimits: { exportW: 1500, importW: 1500 }, der: [{ type: 4, ratedW: 5000 }] },
  devices: { host: '127.0.0.1', port: 502, meterUnit: 4, inverterUnits: [1] },
}

const io = (): CliIo => ({ print: () => undefined, info: () => undefined, signal: new AbortController().signal, cwd: dir, env: {} })

describe('run --config', () => {
  it('reads the config and the PEM files relative to it, with defaults filled in', () => {
    mkdirSync(join(dir, 'pem'), { recursive: true })
    for (const f of ['chain', 'key', 'serca']) writeFileSync(join(dir, 'pem', `${f}.pem`), `-----${f}-----`)
    writeFileSync(join(dir, 'site.json'), JSON.stringify(CONFIG))
    const config = loadRunConfig(join(dir, 'site.json'))
    expect(config.pem).toEqual({ chain: '-----chain-----', key: '-----key-----', anchors: ['-----serca-----'] })
    expect(config.dataDirPath).toBe(join(dir, 'sep2-run-data'))
    expect(config.site.utcOffsetS).toBe(36_000)
    expect(config.server.checkHostname).toBe(true)
    expect(config.devices.batteryUnits).toEqual([])
  })

  it('names what is wrong in a config file', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...CONFIG, server: { ...CONFIG.server, dcapUrl: 'http://plain' } }))
    expect(() => loadRunConfig(join(dir, 'bad.json'))).toThrow(/server\.dcapUrl: dcapUrl must be an https:\/\/ URL/)
    writeFileSync(join(dir, 'broken.json'), '{ not json')
    expect(() => loadRunConfig(join(dir, 'broken.json'))).toThrow(CliUsageError)
  })

  it('wants exactly one of --site, --config and --demo', async () => {
    await expect(runCommand.run({ positionals: [], values: {}, json: false }, io())).rejects.toThrow(/either --config/)
    await expect(runCommand.run({ positionals: [], values: { site: 'abc', demo: true }, json: false }, io())).rejects.toThrow(/one of --site <id>, --config <file> or --demo/)
  })
})

describe('run --demo --pv (issue 17 item 7)', () => {
  it.each([
    [undefined, undefined],
    ['0', 0],
    ['0.7', 0.7],
    ['1', 1],
  ])('--pv %s is %s', (value, want) => {
    expect(parsePv(value)).toBe(want)
  })

  it.each(['1.5', '-0.1', 'abc', '', '70%'])('refuses --pv %j with what it should be', (value) => {
    expect(() => parsePv(value)).toThrow(CliUsageError)
    expect(() => parsePv(value)).toThrow(/--pv is the PV availability from 0 to 1/)
  })

  it('refuses --pv without --demo, and a bad --pv before starting anything', async () => {
    await expect(runCommand.run({ positionals: [], values: { config: 'site.json', pv: '0.5' }, json: false }, io())).rejects.toThrow(/--pv goes with --demo only/)
    await expect(runCommand.run({ positionals: [], values: { demo: true, pv: '2' }, json: false }, io())).rejects.toThrow(/not "2"/)
  })
})
