import { csrCommand } from './commands/csr'
import { identityCommand } from './commands/identity'
import { nmiCommand } from './commands/nmi'
import { pkiCommand } from './commands/pki'
import { virtualLfdiCommand } from './commands/virtual-lfdi'
import type { CliCommand } from './types'

/** Every CLI command, in the order `help` lists them. */
export const registry: CliCommand[] = [identityCommand, nmiCommand, virtualLfdiCommand, csrCommand, pkiCommand]
