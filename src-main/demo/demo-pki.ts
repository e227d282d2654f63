import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateTestPki } from '../pki/test-pki'

export const DEMO_PKI_FOLDER = 'demo-pki'

export interface DemoPkiFiles {
  dir: string
  sercaPem: string
  deviceChainPath: string
  deviceKeyPath: string
}

/**
 * Demo mode's practice PKI (APP-6): generated once into `<data folder>/demo-pki` (SERCA -> MICA -> device + server,
 * IEEE 2030.5 profile) and reused on every start, so the demo site's LFDI stays the same.
 */
export async function ensureDemoPki(dataDir: string, now: Date): Promise<DemoPkiFiles> {
  const dir = join(dataDir, DEMO_PKI_FOLDER)
  const files = {
    dir,
    deviceChainPath: join(dir, 'device-1.chain.pem'),
    deviceKeyPath: join(dir, 'device-1.key.pem'),
  }
  if (!existsSync(files.deviceChainPath) || !existsSync(files.deviceKeyPath) || !existsSync(join(dir, 'serca.pem'))) {
    await generateTestPki({ dir, now, deviceCount: 1 })
  }
  return { ...files, sercaPem: await readFile(join(dir, 'serca.pem'), 'utf8') }
}
