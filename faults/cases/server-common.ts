/** Running `limits` / `discover` against a hostile server and reading what they reported. */
import type { CaseContext } from '../lib/case'
import { FIXED_EXPORT_W, connectArgs, startHostileServer, type HostileServer, baseScenario } from '../lib/hostile-server'
import { exportLimit, parseJson, watchMemory, type LimitsJson } from '../lib/observe'
import { start, type Finished } from '../lib/processes'

export interface Observed {
  run: Finished
  json: LimitsJson | undefined
  exportW: unknown
  peakMb: number
}

/** `human`: without --json, to see what an installer reads. */
export async function runCommand(ctx: CaseContext, server: HostileServer, command: 'limits' | 'discover', timeoutMs: number, human = false): Promise<Observed> {
  const extra = command === 'limits' ? ['--fixed-export', String(FIXED_EXPORT_W), '--fixed-import', String(FIXED_EXPORT_W)] : ['--pin', '111115']
  const child = start(ctx.root, 'bin/sep2-commissioner.js', [command, ...connectArgs(server), ...extra, ...(human ? [] : ['--json'])], { timeoutMs })
  const peak = watchMemory(child.pid)
  const run = await child.done
  const json = parseJson(run.stdout)
  return { run, json, exportW: exportLimit(json), peakMb: peak() }
}

/** A hostile server set up by `arrange`, one command run against it, the server closed. */
export async function against<T>(ctx: CaseContext, o: { scenario?: ReturnType<typeof baseScenario>; arrange: (s: HostileServer) => void; act: (s: HostileServer) => Promise<T> }): Promise<T> {
  const server = await startHostileServer({ dir: ctx.tmp, scenario: o.scenario })
  try {
    o.arrange(server)
    return await o.act(server)
  } finally {
    await server.close()
  }
}

export function summary(o: Observed): string {
  const exit = o.run.signal ? `signal ${o.run.signal}` : `exit ${o.run.code}`
  const message = o.json?.error?.message ?? (o.run.code === 0 ? '' : o.run.stderr.trim().split('\n').at(-1) ?? '')
  return `${exit} after ${(o.run.ms / 1000).toFixed(1)} s, export limit ${JSON.stringify(o.exportW)}, peak ${o.peakMb} MB${message ? `, said "${message.slice(0, 160)}"` : ''}`
}

/** A clear message: the error's stable code (e.g. SEP2_HTTP_STATUS) among what the command printed. */
export function saidWhy(o: Observed): boolean {
  return /\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/.test(`${o.run.stdout} ${o.run.stderr}`)
}
