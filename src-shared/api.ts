/**
 * The API contract between the renderer and the engine (DESIGN.md "The API contract"). Every command's input and every
 * pushed event is a zod schema here; outputs are typed. The preload bridge, the IPC handlers, the web host and the
 * renderer client all derive from this one table: adding a call is one edit here plus its handler in the engine.
 * Private keys and passwords never cross it (SEC-2): no output type has a field for them.
 */
import { z } from 'zod'
import type { Result } from './result'
import { siteInputSchema, type Site } from './domain/site'
import { wizardStepSchema, stepStatusSchema, wizardStateSchema, type WizardState } from './domain/wizard'
import type { CertificateReport, CsrResult } from './domain/certificate'

const siteId = z.string().min(1).max(64)
/** Files the installer picked, read by the renderer (browser picker) or the host (Electron dialog). */
const pickedFile = z.object({ name: z.string().max(255), dataBase64: z.string().max(14_000_000) })

export interface AppInfo {
  version: string
  host: 'electron' | 'web' | 'cli'
  dataDir: string
  /** How private keys are protected at rest on this host (SEC-2). */
  keyProtection: string
  /** Host-native file dialogs are available (Electron). Otherwise the renderer uses the browser's picker. */
  nativeDialogs: boolean
  demo: boolean
}

export interface VirtualLfdi {
  nmi: string
  pen: number
  lfdi: string
  sfdi: string
}

/** A command: its input schema (validated in the main process) and its output type. */
function command<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as unknown as O }) }
}

const empty = z.object({})

export const commands = {
  'app.info': command(empty).returns<AppInfo>(),
  'sites.list': command(empty).returns<Site[]>(),
  'sites.get': command(z.object({ id: siteId })).returns<Site>(),
  'sites.save': command(siteInputSchema).returns<Site>(),
  'sites.delete': command(z.object({ id: siteId })).returns<{ deleted: true }>(),
  'wizard.get': command(z.object({ siteId })).returns<WizardState>(),
  'wizard.setStatus': command(
    z.object({ siteId, step: wizardStepSchema, status: stepStatusSchema, note: z.string().max(2000).optional() }),
  ).returns<WizardState>(),
  'certificates.import': command(
    z.object({ siteId, files: z.array(pickedFile).min(1).max(10), password: z.string().max(1024).optional() }),
  ).returns<CertificateReport>(),
  /** Electron only: the main process opens the native file dialog and imports what the installer picks. */
  'certificates.importWithDialog': command(z.object({ siteId })).returns<CertificateReport | null>(),
  'certificates.get': command(z.object({ siteId })).returns<CertificateReport | null>(),
  'certificates.generateCsr': command(z.object({ siteId })).returns<CsrResult>(),
  'identity.virtualLfdi': command(z.object({ nmi: z.string().max(20), pen: z.number().int().min(1).max(99_999_999) })).returns<VirtualLfdi>(),
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandInput<K extends CommandName> = z.infer<Commands[K]['input']>
export type CommandOutput<K extends CommandName> = Commands[K]['output']
export type CommandResult<K extends CommandName> = Result<CommandOutput<K>>

export const events = {
  'wizard.changed': wizardStateSchema,
  'sites.changed': z.object({ siteId: z.string() }),
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
