/**
 * `sep2-commissioner sim server [--port N] [--scenario NAME|FILE] [--pki-dir DIR] [--json]`: run the utility-server
 * simulator (handbook Annex D resource tree over mutual TLS) until interrupted, and print how to connect to it.
 */
import { resolve } from 'node:path'
import { createSystemClock } from '../../engine/system-clock'
import { createOwnedTempDir } from '../../sim/owned-temp-dir'
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, startUtilitySimulator, type UtilitySimulator } from '../../sim/utility'
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
  usage: '[--port N] [--scenario NAME|FILE] [--pki-dir DIR] [--json]',
  options: {
    port: { type: 'string', description: 'HTTPS port on 127.0.0.1 (default: any free port)' },
    scenario: { type: 'string', description: `Built-in scenario (${Object.keys(BUILT_IN_SCENARIOS).join(', ')}; default ${DEFAULT_SCENARIO}) or a JSON scenario file` },
    'pki-dir': { type: 'string', description: 'Keep the test PKI here: reused when the folder already holds one (default: a new temporary folder)' },
  },
  async run(input, io) {
    const port = portOf(input.values.port)
    const scenarioArg = input.values.scenario
    const scenario = typeof scenarioArg === 'string' ? (BUILT_IN_SCENARIOS[scenarioArg] === undefined ? resolve(io.cwd, scenarioArg) : scenarioArg) : DEFAULT_SCENARIO
    const dirArg = input.values['pki-dir']
    // Without --pki-dir the practice keys go to a temporary folder removed on exit (and after a kill -9, at the next start).
    const temp = typeof dirArg === 'string' ? undefined : createOwnedTempDir('sep2-sim-pki-')
    const pkiDir = temp?.path ?? resolve(io.cwd, String(dirArg))
    const sim = await startUtilitySimulator({ clock: createSystemClock(), port, scenario, pkiDir })
    io.print(simServerInstructions(sim, pkiDir), { dcapUrl: sim.dcapUrl, scenario: sim.scenario.name, pkiDir, files: sim.files, pin: sim.pin, lfdi: sim.pki.devices[0]?.lfdi })
    await new Promise<void>((done) => {
      if (io.signal.aborted) return done()
      io.signal.addEventListener('abort', () => done(), { once: true })
    })
    await sim.close()
    temp?.remove()
    io.info(`Utility server simulator stopped after ${sim.requests.length} request(s).`)
    return 0
  },
}
