/**
 * How the CLI process ends (REL-3): with the command's exit code once it has settled (after stdout and stderr have
 * flushed, so nothing printed is lost), and never silently. A command whose promise can no longer settle – the event
 * loop has drained with nothing left to wake it – would otherwise end with Node's exit code 13 and no output; here it
 * ends with a message naming the fault and STALLED_EXIT_CODE.
 */
import { PROCESS_FAULT_EXIT_CODE } from '../engine/process-guard'

export const STALLED_EXIT_CODE = PROCESS_FAULT_EXIT_CODE

interface Stream {
  write(text: string, done: () => void): unknown
}

/** The parts of `process` used here (an EventEmitter with fakes in tests). */
export interface ExitingProcess {
  once(event: 'beforeExit', listener: () => void): unknown
  exit(code: number): void
  stdout: Stream
  stderr: Stream
}

export function exitWhenSettled(work: Promise<number>, proc: ExitingProcess, commandName: string): void {
  let settled = false
  const finish = (code: number) => {
    settled = true
    proc.stdout.write('', () => proc.stderr.write('', () => proc.exit(code)))
  }
  proc.once('beforeExit', () => {
    if (settled) return
    proc.stderr.write(`error: \`${commandName}\` stopped before it finished: nothing was left for it to wait on (CLI_STALLED). This is a bug in sep2-commissioner.\n`, () => proc.exit(STALLED_EXIT_CODE))
  })
  work.then(finish, (error: unknown) => {
    // runCli never throws; if it ever does, say so rather than end silently.
    proc.stderr.write(`error: ${error instanceof Error ? error.message : String(error)} (INTERNAL)\n`, () => finish(PROCESS_FAULT_EXIT_CODE))
  })
}
