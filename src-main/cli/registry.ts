import type { CliCommand } from './types'

/** Every CLI command, in the order `help` lists them. */
export const registry: CliCommand[] = []
