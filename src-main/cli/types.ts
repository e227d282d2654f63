import type { Clock } from '../../src-shared/clock'
import type { ProcessLifetime } from '../engine/process-guard'

/**
 * The command-line interface (`sep2-commissioner <command>`). Each command is one module in `cli/commands/` exporting
 * a `CliCommand`; `cli/registry.ts` lists them. Every command takes `--json`.
 */
export type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; description: string }

export interface CliInput {
  positionals: string[]
  values: Record<string, string | boolean | string[] | undefined>
  json: boolean
}

export interface CliIo {
  /** Write human text, or the JSON value when `--json` was given. */
  print(human: string, json: unknown): void
  /** Progress or status lines for humans (stderr, so `--json` output on stdout stays clean). */
  info(line: string): void
  /** Aborted on SIGINT/SIGTERM: long-running commands (simulators, `run`) stop when it fires. */
  signal: AbortSignal
  cwd: string
  env: Record<string, string | undefined>
  /** The clock commands time their work with (retry waits, timeouts); default the system clock. Tests pass a FakeClock. */
  clock?: Clock
}

export interface CliCommand {
  /** One or two words, e.g. `identity` or `sim server`. */
  name: string
  /**
   * 'service' for commands that run until interrupted (`run`, the simulators): an unexpected error is logged and the
   * process keeps going (REL-3). Default 'command': such an error ends it with a message and a non-zero code.
   */
  lifetime?: ProcessLifetime
  summary: string
  /** Usage line after the command name, e.g. `<certificate file>`. */
  usage: string
  options: Record<string, OptionSpec>
  /** Returns the process exit code. Bad input: throw `CliUsageError`; expected failures: throw an `AppError`. */
  run(input: CliInput, io: CliIo): Promise<number>
}

/** Bad command-line input: printed with the usage line, exit code 2. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE'
}
