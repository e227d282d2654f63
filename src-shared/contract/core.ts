import { z } from 'zod'
import { siteInputSchema, type Site } from '../domain/site'
import { stepStatusSchema, wizardStateSchema, wizardStepSchema, type WizardState } from '../domain/wizard'
import type { CertificateReport, CsrResult } from '../domain/certificate'
import { lastPlaceSchema, type LastPlace } from '../domain/last-place'
import { command, siteId } from './command'
import { base64Length, MAX_CERTIFICATE_FILE_BYTES, MAX_CERTIFICATE_FILES, MAX_CERTIFICATE_IMPORT_BYTES } from './message-limits'

/** Files the installer picked, read by the renderer (browser picker) or the host (Electron dialog). */
const pickedFile = z.object({ name: z.string().max(255), dataBase64: z.string().max(base64Length(MAX_CERTIFICATE_FILE_BYTES)) })
const pickedFiles = z
  .array(pickedFile)
  .min(1)
  .max(MAX_CERTIFICATE_FILES)
  .refine((files) => files.reduce((acc, f) => acc + f.dataBase64.length, 0) <= base64Length(MAX_CERTIFICATE_IMPORT_BYTES) + 4 * MAX_CERTIFICATE_FILES, {
    message: 'the files together are larger than one import takes',
  })

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

const empty = z.object({})

/** App, sites, wizard, certificates and identity (issue: foundation). */
/** What site.resume did: started again, nothing to do (off before, or still running), or failed (the step shows why). */
export interface ResumeResult {
  sampling: 'resumed' | 'not-needed' | 'failed'
  server: 'reconnected' | 'not-needed' | 'failed'
}

export const coreCommands = {
  'app.info': command(empty).returns<AppInfo>(),
  /** Where the installer left off: the app opens there (null on a first start). */
  'app.lastPlace': command(empty).returns<LastPlace | null>(),
  'app.rememberPlace': command(lastPlaceSchema).returns<{ saved: true }>(),
  'sites.list': command(empty).returns<Site[]>(),
  'sites.get': command(z.object({ id: siteId })).returns<Site>(),
  'sites.save': command(siteInputSchema).returns<Site>(),
  'sites.delete': command(z.object({ id: siteId })).returns<{ deleted: true }>(),
  'wizard.get': command(z.object({ siteId })).returns<WizardState>(),
  'wizard.setStatus': command(
    z.object({ siteId, step: wizardStepSchema, status: stepStatusSchema, note: z.string().max(2000).optional() }),
  ).returns<WizardState>(),
  'certificates.import': command(
    z.object({ siteId, files: pickedFiles, password: z.string().max(1024).optional() }),
  ).returns<CertificateReport>(),
  /** Electron only: the main process opens the native file dialog and imports what the installer picks. */
  'certificates.importWithDialog': command(z.object({ siteId })).returns<CertificateReport | null>(),
  'certificates.get': command(z.object({ siteId })).returns<CertificateReport | null>(),
  'certificates.generateCsr': command(z.object({ siteId })).returns<CsrResult>(),
  /** Resume what ran for the open site before a restart: live readings, the utility connection (issue 17 item 6). */
  'site.resume': command(z.object({ siteId })).returns<ResumeResult>(),
  'identity.virtualLfdi': command(z.object({ nmi: z.string().max(20), pen: z.number().int().min(1).max(99_999_999) })).returns<VirtualLfdi>(),
} as const


export const coreEvents = {
  'wizard.changed': wizardStateSchema,
  'sites.changed': z.object({ siteId: z.string() }),
} as const
