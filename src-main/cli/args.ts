import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../errors'
import { lfdiOfChain } from '../sep2/client'
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

export interface ConnectionArgs {
  dcap: string
  /** Device certificate followed by its chain, PEM. */
  chain: string
  key: string
  trustAnchors: string[]
  /** The LFDI to look for: --lfdi (a cloud proxy's site) or the certificate's own. */
  lfdi: string
  cloudProxy: boolean
  checkHostname: boolean
}

/** --dcap, --cert, --key, --ca, --lfdi and --no-hostname-check, read and checked for the commands that connect. */
export function connectionArgs(input: CliInput, io: CliIo): ConnectionArgs {
  const dcap = required(input, 'dcap')
  if (!/^https:\/\//.test(dcap)) throw new CliUsageError('--dcap must be an https:// URL.')
  const chain = readPem(io, required(input, 'cert'), 'certificate')
  const key = readPem(io, required(input, 'key'), 'key')
  const caArg = input.values.ca
  const trustAnchors = (Array.isArray(caArg) ? caArg : typeof caArg === 'string' ? [caArg] : []).map((f) => readPem(io, f, 'trust anchor'))
  const certLfdi = lfdiOfChain(chain)
  if (!certLfdi) throw new CliUsageError('--cert holds no PEM certificate.')
  const lfdiArg = input.values.lfdi
  const cloudProxy = typeof lfdiArg === 'string'
  return { dcap, chain, key, trustAnchors, lfdi: cloudProxy ? lfdiArg : certLfdi, cloudProxy, checkHostname: input.values['no-hostname-check'] !== true }
}
