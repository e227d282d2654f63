import { join } from 'node:path'
import type { PageTemplates } from '../../src-shared/report/html/page-templates'
import { createKeyStore, createLocalKeyFileSecretBox, type KeyStore, type SecretBox } from '../identity'

/** Native dialogs a host may offer (Electron). The web host has none: the browser's own picker is used instead. */
export interface HostDialogs {
  openFiles(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<{ name: string; bytes: Uint8Array }[] | null>
  saveFile(options: { title: string; defaultName: string; content: string | Uint8Array }): Promise<string | null>
}

/** Electron prints with its own Chromium (webContents.printToPDF); elsewhere headless Chromium is used. */
export type PrintToPdf = (html: string, pages: PageTemplates) => Promise<Uint8Array>

/** Returns the host's secret box, or null when the platform offers no encryption (then the local key file is used). */
export type SecretBoxFactory = (dataDir: string) => SecretBox | null

export interface EngineKeys {
  /** Plain words for the UI: how keys are protected on this host (SEC-2). */
  protection: string
  store(): Promise<KeyStore>
}

const LOCAL_KEY_FILE_TEXT = 'encrypted with AES-256-GCM under a separate owner-only key file in the data folder'
const PROTECTION_TEXT: Record<string, string> = {
  'electron-safe-storage': 'encrypted with the operating system keychain (Electron safeStorage)',
  'local-key-file': LOCAL_KEY_FILE_TEXT,
}

/** The engine's key store: keys/ in the data folder, sealed by the host's secret box or the local key file. */
export function createEngineKeys(config: { dataDir: string; secretBox?: SecretBoxFactory | undefined }, now: () => Date): EngineKeys {
  const hostBox = config.secretBox?.(config.dataDir) ?? null
  let pending: Promise<KeyStore> | undefined
  return {
    protection: hostBox ? (PROTECTION_TEXT[hostBox.kind] ?? `encrypted (${hostBox.kind})`) : LOCAL_KEY_FILE_TEXT,
    store() {
      pending ??= (async () => {
        const secretBox = hostBox ?? (await createLocalKeyFileSecretBox({ keyFile: join(config.dataDir, 'secrets', 'key-store.key') }))
        return createKeyStore({ dir: join(config.dataDir, 'keys'), secretBox, now })
      })()
      return pending
    },
  }
}
