/**
 * `sep2-commissioner conformance [--only ID,...] [--all] [--list] [--json]`: the CSIP-AUS conformance pre-check
 * (issue 12, APP-9) – the cactus client procedures that apply in Queensland, run against this app's own client
 * engine on the built-in simulators with an injected clock, one line per procedure and a total. `--list` only prints
 * the classification of all 83 (applicable / optional / not applicable, with the handbook clause); `--all` also runs
 * the optional ones. Exit 1 when a procedure that ran failed.
 */
import { loadProcedures, type ClassifiedProcedure } from '../../conformance/procedures'
import { runProcedure, type ProcedureOutcome } from '../../conformance/run-procedure'
import { CliUsageError, type CliCommand, type CliInput } from '../types'

function chosen(input: CliInput): ClassifiedProcedure[] {
  const all = loadProcedures()
  const only = typeof input.values.only === 'string' ? input.values.only.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean) : undefined
  if (only) {
    const unknown = only.filter((id) => !all.some((p) => p.procedure.id === id))
    if (unknown.length > 0) throw new CliUsageError(`No procedure ${unknown.join(', ')}. \`conformance --list\` shows the 83.`)
    return all.filter((p) => only.includes(p.procedure.id))
  }
  return all.filter((p) => p.classification.applicability === 'applicable' || (input.values.all === true && p.classification.applicability === 'optional'))
}

function listLine(p: ClassifiedProcedure): string {
  const c = p.classification
  return `${p.procedure.id.padEnd(11)} ${c.applicability.padEnd(15)} ${p.procedure.description} – ${c.reason} (${c.clause})`
}

function outcomeLine(o: ProcedureOutcome): string {
  const mark = o.status === 'passed' ? 'PASS' : o.status === 'failed' ? 'FAIL' : 'NOT RUN'
  return `${mark.padEnd(8)}${o.id.padEnd(11)} ${o.description}${o.reason && o.status !== 'passed' ? ` – ${o.reason}` : ''} (${o.simulatedS} s simulated)`
}

export const conformanceCommand: CliCommand = {
  name: 'conformance',
  summary: 'CSIP-AUS conformance pre-check: the cactus client procedures, run against this client on the built-in simulators',
  usage: '[--only ID,...] [--all] [--list] [--json]',
  options: {
    only: { type: 'string', description: 'run these procedures (e.g. ALL-18,GEN-03), whatever their classification' },
    all: { type: 'boolean', description: 'also run the optional procedures (in-band registration, subscriptions, provisional)' },
    list: { type: 'boolean', description: 'print the classification of all 83 procedures and run nothing' },
  },
  async run(input, io) {
    if (input.positionals.length > 0) throw new CliUsageError('conformance takes no positional arguments.')
    if (input.values.list === true) {
      const all = loadProcedures()
      io.print(all.map(listLine).join('\n'), all.map((p) => ({ id: p.procedure.id, description: p.procedure.description, ...p.classification })))
      return 0
    }
    const outcomes: ProcedureOutcome[] = []
    for (const entry of chosen(input)) {
      io.info(`running ${entry.procedure.id} …`)
      const outcome = await runProcedure(entry)
      outcomes.push(outcome)
      if (!input.json) io.info(outcomeLine(outcome))
      if (io.signal.aborted) break
    }
    const count = (s: ProcedureOutcome['status']) => outcomes.filter((o) => o.status === s).length
    const total = `${count('passed')} passed, ${count('failed')} failed, ${count('not-run')} not run (of ${outcomes.length})`
    io.print([...outcomes.map(outcomeLine), total].join('\n'), { outcomes, passed: count('passed'), failed: count('failed'), notRun: count('not-run') })
    return count('failed') > 0 ? 1 : 0
  },
}
