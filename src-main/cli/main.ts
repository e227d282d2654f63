/** Entry of the `sep2-commissioner` command (bin/sep2-commissioner.js loads the built copy of this file). */
import { registry } from './registry'
import { runCli } from './run-cli'

const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
process.once('SIGTERM', () => controller.abort())

const code = await runCli(process.argv.slice(2), registry, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
  cwd: process.cwd(),
  env: process.env,
})
process.exitCode = code
