/**
 * A complete test PKI in the IEEE 2030.5 profile: SERCA (self-signed root) -> MICA -> device certificates, plus a
 * server certificate for the utility-server simulator. Used by tests, the simulator and demo mode; installers may
 * use it to practise. Never trusted for a real utility server: its SERCA is generated here.
 */
import { identifiersOfCertificate } from '../identity/certificate-lfdi'
import { createDevice, createIntermediateCa, createRootCa, type CertificateAuthority } from './issue'
import { privateKeyPem, type CryptoKeyPair } from './keys'
import { writePemFiles, type PemFile } from './pem-files'
import type { X509Certificate } from './x509'

export interface TestPkiOptions {
  /** Writes the PEM files here when given. */
  dir?: string
  deviceCount?: number
  /** Start of validity of every certificate (backdated by a day so clock skew does not matter). */
  now: Date
  /** Organisation text in the CA names. */
  organisation?: string
  /** Server certificate in the 2030.5 profile (empty subject, critical subjectAltName): with DNS `localhost` and IP
   * 127.0.0.1 beside the hardwareModuleName so hostname checks pass (default), or with only a hardwareModuleName. */
  serverStyle?: 'hostname' | 'sep2'
}

export interface TestPkiEntity {
  certificatePem: string
  keyPem: string
  /** The entity's certificate, then the MICA, then the SERCA. */
  chainPem: string
  lfdi: string
  sfdi: string
  hwSerialNum: string
}

export interface TestPki {
  sercaPem: string
  micaPem: string
  devices: TestPkiEntity[]
  server: TestPkiEntity
  /** The CAs with their keys, in memory, for issuing more certificates (CSR flow, test variants). */
  authorities: { serca: CertificateAuthority; mica: CertificateAuthority }
  /** Paths written, when `dir` was given. */
  files: string[]
}

const DAY_MS = 86_400_000
const DEFAULT_DEVICE_COUNT = 1
export const SERVER_HW_SERIAL = 'SIM-UTILITY-SERVER'

export async function generateTestPki(options: TestPkiOptions): Promise<TestPki> {
  const notBefore = new Date(options.now.getTime() - DAY_MS)
  const organisation = options.organisation ?? 'SEP2 Commissioner Test PKI'
  const serca = await createRootCa({ name: `CN=Test SERCA, O=${organisation}`, notBefore })
  const mica = await createIntermediateCa({ name: `CN=Test MICA, O=${organisation}`, notBefore, issuer: serca })
  const chainTail = `${toPem(mica.certificate)}${toPem(serca.certificate)}`
  const devices: TestPkiEntity[] = []
  for (let index = 1; index <= (options.deviceCount ?? DEFAULT_DEVICE_COUNT); index++) {
    const hwSerialNum = `SIM-DEVICE-${String(index).padStart(4, '0')}`
    const device = await createDevice({ issuer: mica, notBefore, hwSerialNum })
    devices.push(await entity(device.certificate, device.keys, chainTail, hwSerialNum))
  }
  const serverIdentity = options.serverStyle === 'sep2' ? {} : { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }
  const server = await createDevice({ issuer: mica, notBefore, hwSerialNum: SERVER_HW_SERIAL, ...serverIdentity })
  const pki: TestPki = {
    sercaPem: toPem(serca.certificate),
    micaPem: toPem(mica.certificate),
    devices,
    server: await entity(server.certificate, server.keys, chainTail, SERVER_HW_SERIAL),
    authorities: { serca, mica },
    files: [],
  }
  if (options.dir) pki.files = await writePemFiles(options.dir, await pkiFiles(pki))
  return pki
}

async function entity(certificate: X509Certificate, keys: CryptoKeyPair, chainTail: string, hwSerialNum: string): Promise<TestPkiEntity> {
  const certificatePem = toPem(certificate)
  return {
    certificatePem,
    keyPem: await privateKeyPem(keys),
    chainPem: `${certificatePem}${chainTail}`,
    ...identifiersOfCertificate(certificate.rawData),
    hwSerialNum,
  }
}

async function pkiFiles(pki: TestPki): Promise<PemFile[]> {
  const files: PemFile[] = [
    { name: 'serca.pem', text: pki.sercaPem, secret: false },
    { name: 'mica.pem', text: pki.micaPem, secret: false },
    // The MICA key lets the simulator issue certificates for CSRs in a later run.
    { name: 'mica.key.pem', text: await privateKeyPem(pki.authorities.mica.keys), secret: true },
  ]
  pki.devices.forEach((device, i) => files.push(...entityFiles(`device-${i + 1}`, device)))
  files.push(...entityFiles('server', pki.server))
  return files
}

function entityFiles(base: string, item: TestPkiEntity): PemFile[] {
  return [
    { name: `${base}.pem`, text: item.certificatePem, secret: false },
    { name: `${base}.key.pem`, text: item.keyPem, secret: true },
    { name: `${base}.chain.pem`, text: item.chainPem, secret: false },
  ]
}

export function toPem(certificate: X509Certificate): string {
  return `${certificate.toString('pem')}\n`
}
