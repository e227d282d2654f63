import { parseArgs } from 'node:util'
import { AppError } from '../errors'
import { CliUsageError, type CliCommand, type CliIo } from './types'

export interface CliStreams {
  stdout: (text: string) => void
  stderr: (text: string) => void
  signal: AbortSignal
  cwd: string
  env: Record<string, string | undefined>
}

/** Find the command (two-word names first), parse its options, run it; returns the exit code. Never throws. */
export async function runCli(argv: string[], registry: CliCommand[], streams: CliStreams): Promise<number> {
  if (argv[0] === 'help' && argv.length > 1) return helpFor(argv.slice(1), registry, streams)
  const command = findCommand(argv, registry)
  if (!command || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h' || argv.length === 0) {
    streams.stdout(helpText(registry))
    return command || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h' ? 0 : 2
  }
  const rest = argv.slice(command.name.split(' ').length)
  if (rest.includes('--help') || rest.includes('-h')) {
    streams.stdout(commandHelpText(command))
    return 0
  }
  const json = rest.includes('--json')
  try {
    const options = { ...toParseOptions(command), json: { type: 'boolean' as const } }
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true })
    const io = createIo(streams, json)
    return await command.run({ positionals, values: values as Record<string, string | boolean | string[] | undefined>, json }, io)
  } catch (error) {
    return reportFailure(error, command, streams, json)
  }
}

/** The command argv names (two-word names first), if any. */
export function findCommand<T extends { name: string }>(argv: string[], registry: readonly T[]): T | undefined {
  const two = argv.slice(0, 2).join(' ')
  return registry.find((c) => c.name === two) ?? registry.find((c) => c.name === argv[0])
}

function toParseOptions(command: CliCommand) {
  return Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  )
}

function createIo(streams: CliStreams, json: boolean): CliIo {
  return {
    print: (human, value) => streams.stdout(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`),
    info: (line) => streams.stderr(`${line}\n`),
    signal: streams.signal,
    cwd: streams.cwd,
    env: streams.env,
  }
}

function reportFailure(error: unknown, command: CliCommand, streams: CliStreams, json: boolean): number {
  const usage = error instanceof CliUsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  const code = usage ? 'CLI_USAGE' : error instanceof AppError ? error.code : 'INTERNAL'
  const message = error instanceof AppError ? error.describe() : error instanceof Error ? error.message : String(error)
  if (json) streams.stdout(`${JSON.stringify({ ok: false, error: { code, message } }, null, 2)}\n`)
  streams.stderr(`error: ${message}\n`)
  if (usage) streams.stderr(`usage: sep2-commissioner ${command.name} ${command.usage}\n`)
  return usage ? 2 : 1
}

/** `sep2-commissioner help <command>`: that command's help, or the list when the name is unknown (exit 2). */
function helpFor(words: string[], registry: CliCommand[], streams: CliStreams): number {
  const command = findCommand(words, registry)
  if (!command) {
    streams.stderr(`error: Unknown command '${words.join(' ')}'.\n`)
    streams.stdout(helpText(registry))
    return 2
  }
  streams.stdout(commandHelpText(command))
  return 0
}

/** One command's usage, what it does and every option with its description (`<command> --help`). */
export function commandHelpText(command: CliCommand): string {
  const options: [string, string][] = [
    ...Object.entries(command.options).map(([name, spec]): [string, string] => [`${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ' <value>' : ''}${spec.multiple ? ' (repeatable)' : ''}`, spec.description]),
    ['--json', 'machine-readable output on stdout'],
    ['-h, --help', 'this help'],
  ]
  const width = Math.max(...options.map(([flag]) => flag.length))
  return [
    `Usage: sep2-commissioner ${command.name} ${command.usage}`.trimEnd(),
    '',
    command.summary,
    '',
    'Options:',
    ...options.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    '',
  ].join('\n')
}

export function helpText(registry: CliCommand[]): string {
  const width = Math.max(...registry.map((c) => c.name.length))
  const lines = registry.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return ['Usage: sep2-commissioner <command> [options] [--json]', '', 'Commands:', ...lines, '', 'Every command takes --json for machine-readable output;', "'sep2-commissioner <command> --help' or 'sep2-commissioner help <command>' shows its options.", ''].join('\n')
}
