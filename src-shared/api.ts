/**
 * The API contract between the renderer and the engine (DESIGN.md "The API contract"). Every command's input and every
 * pushed event is a zod schema; outputs are typed. Each feature declares its table in `contract/<feature>.ts`; this
 * file joins them. The preload bridge, the IPC handlers, the web host and the renderer client all derive from this
 * one table: adding a call is one edit in a contract file plus its handler in the engine.
 * Private keys and passwords never cross it (SEC-2): no output type has a field for them.
 */
import { z } from 'zod'
import type { Result } from './result'
import { coreCommands, coreEvents } from './contract/core'
import { devicesCommands, devicesEvents } from './contract/devices'
import { demoCommands } from './contract/demo'
import { serverCommands, serverEvents } from './contract/server'
import { limitsCommands, limitsEvents } from './contract/limits'
import { verificationCommands, verificationEvents } from './contract/verification'
import { reportCommands } from './contract/report'
import { telemetryCommands, telemetryEvents } from './contract/telemetry'

export type { AppInfo, VirtualLfdi } from './contract/core'

export const commands = {
  ...coreCommands,
  ...devicesCommands,
  ...demoCommands,
  ...serverCommands,
  ...limitsCommands,
  ...verificationCommands,
  ...reportCommands,
  ...telemetryCommands,
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandInput<K extends CommandName> = z.infer<Commands[K]['input']>
export type CommandOutput<K extends CommandName> = Commands[K]['output']
export type CommandResult<K extends CommandName> = Result<CommandOutput<K>>

export const events = {
  ...coreEvents,
  ...devicesEvents,
  ...serverEvents,
  ...limitsEvents,
  ...verificationEvents,
  ...telemetryEvents,
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.infer<Events[K]>
/** A pushed event, discriminated by name so a `switch (e.event)` narrows the payload. */
export type EngineEvent = { [K in EventName]: { event: K; payload: EventPayload<K> } }[EventName]

/** What the preload exposes as `window.api` and what the WebSocket client implements. */
export interface ApiBridge {
  invoke<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CommandResult<K>>
  subscribe(listener: (event: EngineEvent) => void): () => void
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name)
}
