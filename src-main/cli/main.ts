/** Entry of the `sep2-commissioner` command (bin/sep2-commissioner.js loads the built copy of this file). */
import { guardProcess } from '../engine/process-guard'
import { exitWhenSettled } from './process-exit'
import { commandsFor, registry } from './registry'
import { findCommand, runCli } from './run-cli'

const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
process.once('SIGTERM', () => controller.abort())

const argv = process.argv.slice(2)
// Only the module of the command argv names loads (issue 14 item 6: `nmi` must not pay for the SEP2 client).
const work = commandsFor(argv).then((commands) => {
  const command = findCommand(argv, commands)
  // REL-3: `run` and the simulators keep going after an unexpected error (the site controller goes fail-safe); a
  // short command ends with a message and a non-zero code.
  guardProcess(command?.lifetime ?? 'command', (line) => process.stderr.write(`${line}\n`))
  return runCli(argv, commands, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    signal: controller.signal,
    cwd: process.cwd(),
    env: process.env,
  })
})
// No top-level await: a command that can never settle is reported (exitWhenSettled), not ended with Node's code 13.
exitWhenSettled(work, process, findCommand(argv, registry)?.name ?? 'sep2-commissioner')
