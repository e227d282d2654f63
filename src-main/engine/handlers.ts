import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/api'

export type Handler<K extends CommandName> = (input: CommandInput<K>) => Promise<CommandOutput<K>> | CommandOutput<K>
export type Handlers = { [K in CommandName]: Handler<K> }
/** A feature's setup function returns the handlers it owns (one setup function per feature). */
export type HandlerGroup<K extends CommandName> = { [P in K]: Handler<P> }
