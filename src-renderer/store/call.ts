import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/api'
import type { AppErrorShape } from '../../src-shared/result'
import { api } from '../api/client'

export type CallOutcome<K extends CommandName> = { ok: true; value: CommandOutput<K> } | { ok: false; error: AppErrorShape }

/** Call the engine; failures come back as values (the API never throws). */
export async function call<K extends CommandName>(command: K, input: CommandInput<K>): Promise<CallOutcome<K>> {
  return api.invoke(command, input)
}
