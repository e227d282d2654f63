/**
 * The certificates the simulator needs: its server certificate and key, the CAs that sign clients, and the device
 * identities it registers. A generated test PKI fits; so does one read back from a folder written earlier (the CLI's
 * `--pki-dir`, demo mode's practice PKI), so a newcomer's files stay valid from one run to the next.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { identifiersOfCertificate } from '../../identity'
import { firstCertificateDer } from '../../sep2/client/pem'

export interface SimulatorIdentity {
  certificatePem: string
  keyPem: string
  /** The certificate, then the MICA, then the SERCA. */
  chainPem: string
  lfdi: string
  sfdi: string
}

export interface SimulatorPki {
  sercaPem: string
  micaPem: string
  devices: SimulatorIdentity[]
  server: SimulatorIdentity
}

const REQUIRED = ['serca.pem', 'mica.pem', 'server.chain.pem', 'server.key.pem', 'device-1.chain.pem', 'device-1.key.pem']
const MAX_DEVICES = 100

/** True when `dir` holds a PKI as `generateTestPki({ dir })` writes it. */
export function hasPkiFiles(dir: string): boolean {
  return REQUIRED.every((f) => existsSync(join(dir, f)))
}

async function identity(dir: string, base: string): Promise<SimulatorIdentity> {
  const [certificatePem, keyPem, chainPem] = await Promise.all(['pem', 'key.pem', 'chain.pem'].map((ext) => readFile(join(dir, `${base}.${ext}`), 'utf8')))
  const der = firstCertificateDer(chainPem ?? '')
  if (!der || !certificatePem || !keyPem || !chainPem) throw new Error(`${base}: no certificate in ${dir}`)
  return { certificatePem, keyPem, chainPem, ...identifiersOfCertificate(der) }
}

/** Reads back the PEM files of a PKI folder (device-1, device-2 ... as many as there are). */
export async function readPkiFiles(dir: string): Promise<SimulatorPki> {
  const devices: SimulatorIdentity[] = []
  for (let i = 1; i <= MAX_DEVICES && existsSync(join(dir, `device-${i}.chain.pem`)); i++) devices.push(await identity(dir, `device-${i}`))
  return {
    sercaPem: await readFile(join(dir, 'serca.pem'), 'utf8'),
    micaPem: await readFile(join(dir, 'mica.pem'), 'utf8'),
    devices,
    server: await identity(dir, 'server'),
  }
}
