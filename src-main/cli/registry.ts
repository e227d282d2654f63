import { csrCommand } from './commands/csr'
import { devicesScanCommand } from './commands/devices-scan'
import { discoverCommand } from './commands/discover'
import { identityCommand } from './commands/identity'
import { limitsCommand } from './commands/limits'
import { nmiCommand } from './commands/nmi'
import { pkiCommand } from './commands/pki'
import { reportCommand } from './commands/report'
import { runCommand } from './commands/run'
import { simDevicesCommand } from './commands/sim-devices'
import { simServerCommand } from './commands/sim-server'
import { virtualLfdiCommand } from './commands/virtual-lfdi'
import type { CliCommand } from './types'

/** Every CLI command, in the order `help` lists them. */
export const registry: CliCommand[] = [identityCommand, nmiCommand, virtualLfdiCommand, csrCommand, pkiCommand, simDevicesCommand, devicesScanCommand, simServerCommand, discoverCommand, limitsCommand, reportCommand, runCommand]
