/**
 * `sep2-commissioner sim server [--port N] [--scenario NAME|FILE] [--pki-dir DIR] [--record FILE] [--reference-strict]
 * [--json]`: run the utility-server simulator (handbook Annex D resource tree over mutual TLS) until interrupted, and
 * print how to connect to it. `--record` appends every exchange (request and response) to FILE as JSON lines.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { resolve } from 'node:path'
import { createSystemClock } from '../../engine/system-clock'
import { createOwnedTempDir } from '../../sim/owned-temp-dir'
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, startUtilitySimulator, type RecordedRequest, type UtilitySimulator } from '../../sim/utility'
import { CliUsageError, type CliCommand } from '../types'

export function simServerInstructions(sim: UtilitySimulator, pkiDir: string): string {
  const f = sim.files
  const lines = [
    `Utility server simulator running (Ctrl+C to stop). Scenario: ${sim.scenario.name} – ${sim.scenario.description}`,
    `DeviceCapability URL: ${sim.dcapUrl}`,
    `Test PKI in ${pkiDir} (practice only; not trusted by any real utility server):`,
  ]
  if (f) {
    lines.push(`  device certificate: ${f.deviceCert}`, `  device chain:       ${f.deviceChain}`, `  device key:         ${f.deviceKey}`)
    lines.push(`  SERCA to trust:     ${f.serca}`, `  server certificate: ${f.serverCert}`)
  }
  lines.push(`Device LFDI ${sim.pki.devices[0]?.lfdi ?? ''}, registration PIN ${sim.pin}.`)
  if (f) lines.push('Try it:', `  sep2-commissioner discover --dcap ${sim.dcapUrl} --cert ${f.deviceChain} --key ${f.deviceKey} --ca ${f.serca} --pin ${sim.pin}`)
  return lines.join('\n')
}

/** One recorded exchange as a JSON line: what the client sent and what the server answered, times in ISO form. */
export function exchangeLine(e: RecordedRequest): string {
  const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString())
  const query = Object.keys(e.query).length > 0 ? `?${new URLSearchParams(e.query).toString()}` : ''
  return `${JSON.stringify({ at: iso(e.at), answeredAt: iso(e.answeredAt), client: e.clientLfdi, method: e.method, path: `${e.path}${query}`, status: e.status ?? null, requestBody: e.body, responseBody: e.responseBody ?? null, location: e.responseHeaders?.['location'] ?? null, fault: e.fault ?? null })}\n`
}

function portOf(text: unknown): number | undefined {
  if (text === undefined) return undefined
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError('--port must be 0-65535.')
  return port
}

export const simServerCommand: CliCommand = {
  name: 'sim server',
  lifetime: 'service',
  summary: 'Run a simulated IEEE 2030.5 utility server (mutual TLS, Annex D resources, scenarios) with a test PKI',
  usage: '[--port N] [--scenario NAME|FILE] [--pki-dir DIR] [--record FILE] [--reference-strict] [--json]',
  options: {
    port: { type: 'string', description: 'HTTPS port on 127.0.0.1 (default: any free port)' },
    scenario: { type: 'string', description: `Built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}; default ${DEFAULT_SCENARIO}) or a JSON scenario file` },
    'pki-dir': { type: 'string', description: 'Keep the test PKI here: reused when the folder already holds one (default: a new temporary folder)' },
    record: { type: 'string', description: 'Append every request and response the simulator handles to this file (JSON lines)' },
    'reference-strict': { type: 'boolean', description: 'Refuse what the reference server refuses (e.g. a MirrorUsagePoint without readings)' },
  },
  async run(input, io) {
    const port = portOf(input.values.port)
    const scenarioArg = input.values.scenario
    const scenario = typeof scenarioArg === 'string' ? (BUILT_IN_SCENARIOS[scenarioArg] === undefined ? resolve(io.cwd, scenarioArg) : scenarioArg) : DEFAULT_SCENARIO
    const dirArg = input.values['pki-dir']
    // Without --pki-dir the practice keys go to a temporary folder removed on exit (and after a kill -9, at the next start).
    const temp = typeof dirArg === 'string' ? undefined : createOwnedTempDir('sep2-sim-pki-')
    const pkiDir = temp?.path ?? resolve(io.cwd, String(dirArg))
    const recordArg = input.values.record
    const record: WriteStream | undefined = typeof recordArg === 'string' ? createWriteStream(resolve(io.cwd, recordArg), { flags: 'a' }) : undefined
    const strict = input.values['reference-strict'] === true ? { referenceStrict: true } : {}
    const onExchange = record ? { onExchange: (e: RecordedRequest) => void record.write(exchangeLine(e)) } : {}
    const sim = await startUtilitySimulator({ clock: createSystemClock(), port, scenario, pkiDir, ...strict, ...onExchange })
    io.print(simServerInstructions(sim, pkiDir), { dcapUrl: sim.dcapUrl, scenario: sim.scenario.name, pkiDir, files: sim.files, pin: sim.pin, lfdi: sim.pki.devices[0]?.lfdi })
    await new Promise<void>((done) => {
      if (io.signal.aborted) return done()
      io.signal.addEventListener('abort', () => done(), { once: true })
    })
    await sim.close()
    if (record) await new Promise<void>((done) => record.end(done))
    temp?.remove()
    io.info(`Utility server simulator stopped after ${sim.requests.length} request(s).`)
    return 0
  },
}
