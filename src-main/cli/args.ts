import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../errors'
import { CliUsageError, type CliInput, type CliIo } from './types'

/** A string option that must be given. */
export function required(input: CliInput, name: string): string {
  const v = input.values[name]
  if (typeof v !== 'string' || v === '') throw new CliUsageError(`--${name} is required.`)
  return v
}

/** A PEM file named on the command line, relative to the working folder. */
export function readPem(io: CliIo, path: string, what: string): string {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8')
  } catch (error) {
    throw new AppError('CLI_FILE_UNREADABLE', `Cannot read the ${what} file ${path}: ${error instanceof Error ? error.message : String(error)}`, { hint: 'Check the path.' })
  }
}
