import { findCommand } from './run-cli'
import type { CliCommand } from './types'

/**
 * One CLI command by name; its module loads only when that command runs (or `help` lists every command). Loading
 * every command eagerly pulled the SEP2 client, the Modbus drivers, the database and the PDF renderer into
 * `sep2-commissioner nmi` (0.8-1.0 s before any work, issue 14 item 6).
 */
export interface LazyCliCommand {
  /** Must equal the loaded command's `name` (registry.test.ts checks it). */
  name: string
  load(): Promise<CliCommand>
}

/** Every CLI command, in the order `help` lists them. */
export const registry: LazyCliCommand[] = [
  { name: 'identity', load: async () => (await import('./commands/identity')).identityCommand },
  { name: 'nmi', load: async () => (await import('./commands/nmi')).nmiCommand },
  { name: 'virtual-lfdi', load: async () => (await import('./commands/virtual-lfdi')).virtualLfdiCommand },
  { name: 'csr', load: async () => (await import('./commands/csr')).csrCommand },
  { name: 'pki', load: async () => (await import('./commands/pki')).pkiCommand },
  { name: 'sim devices', load: async () => (await import('./commands/sim-devices')).simDevicesCommand },
  { name: 'devices scan', load: async () => (await import('./commands/devices-scan')).devicesScanCommand },
  { name: 'sim server', load: async () => (await import('./commands/sim-server')).simServerCommand },
  { name: 'discover', load: async () => (await import('./commands/discover')).discoverCommand },
  { name: 'limits', load: async () => (await import('./commands/limits')).limitsCommand },
  { name: 'report', load: async () => (await import('./commands/report')).reportCommand },
  { name: 'run', load: async () => (await import('./commands/run')).runCommand },
  { name: 'conformance', load: async () => (await import('./commands/conformance')).conformanceCommand },
]

/**
 * The commands `runCli` needs for argv: only the one argv names, or every command when argv asks for the list
 * (no command, `help …`, an unknown name).
 */
export async function commandsFor(argv: string[], commands: readonly LazyCliCommand[] = registry): Promise<CliCommand[]> {
  const named = argv[0] === 'help' ? undefined : findCommand(argv, commands)
  if (named) return [await named.load()]
  return Promise.all(commands.map((c) => c.load()))
}
