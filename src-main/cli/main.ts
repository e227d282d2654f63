/** Entry of the `sep2-commissioner` command (bin/sep2-commissioner.js loads the built copy of this file). */
import { guardProcess } from '../engine/process-guard'
import { exitWhenSettled } from './process-exit'
import { registry } from './registry'
import { findCommand, runCli } from './run-cli'

const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
process.once('SIGTERM', () => controller.abort())

const argv = process.argv.slice(2)
const command = findCommand(argv, registry)
// REL-3: `run` and the simulators keep going after an unexpected error (the site controller goes fail-safe); a
// short command ends with a message and a non-zero code.
guardProcess(command?.lifetime ?? 'command', (line) => process.stderr.write(`${line}\n`))

const work = runCli(argv, registry, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
  cwd: process.cwd(),
  env: process.env,
})
// No top-level await: a command that can never settle is reported (exitWhenSettled), not ended with Node's code 13.
exitWhenSettled(work, process, command?.name ?? 'sep2-commissioner')
