/**
 * Reads the files an installer picked (REQUIREMENTS ID-1): PEM with any number of certificates and keys, or DER
 * holding one certificate or one key (PKCS#8, encrypted PKCS#8, SEC1). Bad files are reported, never thrown.
 */
import { X509Certificate as NodeCertificate, createPrivateKey, type KeyObject } from 'node:crypto'
import { PFX } from '@peculiar/asn1-pfx'
import { AsnConvert } from '@peculiar/asn1-schema'
import { PemConverter, Pkcs10CertificateRequest, X509Certificate } from '../pki/x509'

export interface InputFile {
  name: string
  bytes: Uint8Array
}

export interface ReadCertificate {
  fileName: string
  der: Uint8Array
  /** @peculiar/x509 view: names, dates, extensions. */
  x509: X509Certificate
  /** Node's view: public key, signature checks, key match. */
  node: NodeCertificate
}

export type ReadKey =
  | { state: 'ready'; fileName: string; key: KeyObject }
  | { state: 'encrypted'; fileName: string }
  | { state: 'wrong-password'; fileName: string }

export interface ReadFiles {
  certificates: ReadCertificate[]
  keys: ReadKey[]
  /** One line per file that held something useful, e.g. `chain.pem (PEM: 3 certificates)`. */
  summaries: string[]
  problems: { fileName: string; problem: string }[]
}

type KeySource = { pem: string } | { der: Buffer; type: 'pkcs8' | 'sec1' | 'pkcs1' }

const PEM_MARKER = '-----BEGIN '
const CERTIFICATE_TYPES = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE'])
const KEY_TYPES = new Set(['PRIVATE KEY', 'EC PRIVATE KEY', 'RSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])
/** Blocks that may sit beside a key without being a problem (`openssl ecparam -genkey` writes EC PARAMETERS). */
const HARMLESS_TYPES = new Set(['EC PARAMETERS'])

export function readInputFiles(files: InputFile[], password?: string): ReadFiles {
  const result: ReadFiles = { certificates: [], keys: [], summaries: [], problems: [] }
  for (const file of files) {
    const text = Buffer.from(file.bytes).toString('latin1')
    if (text.includes(PEM_MARKER)) readPem(file.name, text, password, result)
    else readDer(file.name, Buffer.from(file.bytes), password, result)
  }
  return result
}

export function toCertificate(fileName: string, der: Uint8Array): ReadCertificate {
  return { fileName, der, x509: new X509Certificate(der), node: new NodeCertificate(der) }
}

function readPem(fileName: string, text: string, password: string | undefined, result: ReadFiles): void {
  let blocks: ReturnType<typeof PemConverter.decodeWithHeaders>
  try {
    blocks = PemConverter.decodeWithHeaders(text)
  } catch {
    result.problems.push({ fileName, problem: 'looks like PEM text but its blocks cannot be decoded (is the file cut short?)' })
    return
  }
  let certificates = 0
  let keys = 0
  for (const block of blocks) {
    const der = new Uint8Array(block.rawData)
    if (CERTIFICATE_TYPES.has(block.type)) {
      if (addCertificate(fileName, der, result)) certificates++
    } else if (KEY_TYPES.has(block.type)) {
      const encrypted = block.type === 'ENCRYPTED PRIVATE KEY' || block.headers.some((h) => h.value.includes('ENCRYPTED'))
      const pem = PemConverter.encode([{ type: block.type, headers: block.headers, rawData: block.rawData }])
      const key = openKey(fileName, { pem }, encrypted, password)
      if (key) {
        result.keys.push(key)
        keys++
      } else {
        result.problems.push({ fileName, problem: `holds a ${block.type} block that is damaged and cannot be read` })
      }
    } else if (block.type === 'CERTIFICATE REQUEST' || block.type === 'NEW CERTIFICATE REQUEST') {
      result.problems.push({ fileName, problem: csrProblem() })
    } else if (!HARMLESS_TYPES.has(block.type)) {
      result.problems.push({ fileName, problem: `holds a "${block.type}" block, which is neither a certificate nor a private key` })
    }
  }
  if (certificates + keys > 0) result.summaries.push(`${fileName} (PEM: ${describeCounts(certificates, keys)})`)
  else if (!result.problems.some((p) => p.fileName === fileName)) {
    result.problems.push({ fileName, problem: 'is PEM text without any certificate or private key in it' })
  }
}

function addCertificate(fileName: string, der: Uint8Array, result: ReadFiles): boolean {
  try {
    result.certificates.push(toCertificate(fileName, der))
    return true
  } catch {
    result.problems.push({ fileName, problem: 'holds a CERTIFICATE block that is damaged and cannot be read' })
    return false
  }
}

function readDer(fileName: string, bytes: Buffer, password: string | undefined, result: ReadFiles): void {
  try {
    result.certificates.push(toCertificate(fileName, new Uint8Array(bytes)))
    result.summaries.push(`${fileName} (DER certificate)`)
    return
  } catch {
    // not a certificate: try a key next
  }
  const key = readDerKey(fileName, bytes, password)
  if (key) {
    result.keys.push(key)
    result.summaries.push(`${fileName} (DER private key)`)
  } else if (isCsr(bytes)) {
    result.problems.push({ fileName, problem: csrProblem() })
  } else if (isPkcs12(bytes)) {
    result.problems.push({ fileName, problem: PKCS12_PROBLEM })
  } else {
    result.problems.push({ fileName, problem: 'is neither a certificate nor a private key (not PEM, and not a DER certificate or key)' })
  }
}

function readDerKey(fileName: string, der: Buffer, password: string | undefined): ReadKey | undefined {
  for (const type of ['pkcs8', 'sec1', 'pkcs1'] as const) {
    try {
      return { state: 'ready', fileName, key: createPrivateKey({ key: der, format: 'der', type }) }
    } catch (error) {
      if (errorCode(error) === 'ERR_MISSING_PASSPHRASE') return openKey(fileName, { der, type }, true, password)
    }
  }
  return undefined
}

/** undefined: an unencrypted key that cannot be read (damaged). */
function openKey(fileName: string, source: KeySource, encrypted: boolean, password: string | undefined): ReadKey | undefined {
  if (encrypted && password === undefined) return { state: 'encrypted', fileName }
  const passphrase = encrypted ? { passphrase: password } : {}
  try {
    const key = 'pem' in source
      ? createPrivateKey({ key: source.pem, ...passphrase })
      : createPrivateKey({ key: source.der, format: 'der', type: source.type, ...passphrase })
    return { state: 'ready', fileName, key }
  } catch {
    return encrypted ? { state: 'wrong-password', fileName } : undefined
  }
}

function isCsr(der: Buffer): boolean {
  try {
    new Pkcs10CertificateRequest(new Uint8Array(der))
    return true
  } catch {
    return false
  }
}

const PKCS12_PROBLEM = 'is a password-protected PKCS#12 bundle (.p12 / .pfx), which this app does not open: convert it to PEM first, e.g. `openssl pkcs12 -in bundle.p12 -out chain.pem -nodes`, and pick chain.pem'

/** PKCS#12 (RFC 7292): PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }. */
function isPkcs12(der: Buffer): boolean {
  try {
    return AsnConvert.parse(der, PFX).version === 3
  } catch {
    return false
  }
}

function csrProblem(): string {
  return 'is a certificate signing request (CSR), not a certificate: send it to the utility, which issues the certificate from it'
}

function describeCounts(certificates: number, keys: number): string {
  const parts: string[] = []
  if (certificates > 0) parts.push(`${certificates} certificate${certificates === 1 ? '' : 's'}`)
  if (keys > 0) parts.push(`${keys} private key${keys === 1 ? '' : 's'}`)
  return parts.join(', ')
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}
