/**
 * Test-only PKI made with the `openssl` CLI in a temp folder: SERCA root -> MICA -> client / server leaves (P-256),
 * plus an unrelated "unknown" CA with its own client and server leaves. Keeps the transport tests independent of the
 * product's PKI generator (src-main/pki).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestIdentity {
  /** Leaf certificate PEM only. */
  cert: string
  /** Leaf + issuing chain (without the root), as a client or server presents it. */
  chain: string
  key: string
}

export interface TestPki {
  dir: string
  serca: string
  mica: string
  client: TestIdentity
  /** Server leaf with subjectAltName IP:127.0.0.1 and DNS:localhost. */
  server: TestIdentity
  /** Server leaf without any matching name (CN only, like many 2030.5 server certificates). */
  serverNoName: TestIdentity
  unknownCa: string
  unknownClient: TestIdentity
  unknownServer: TestIdentity
  cleanup(): void
}

const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n'
const MICA_EXT = 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n'
const CLIENT_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n'
const SERVER_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n'
const SERVER_NO_NAME_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=serverAuth\n'

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
}

function newKey(dir: string, name: string): void {
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`])
}

function selfSigned(dir: string, name: string, cn: string): void {
  newKey(dir, name)
  writeFileSync(join(dir, `${name}.ext`), CA_EXT)
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`])
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-signkey', `${name}.key`, '-days', '3650', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`])
}

function issued(dir: string, opts: { name: string; cn: string; issuer: string; ext: string }): void {
  newKey(dir, opts.name)
  writeFileSync(join(dir, `${opts.name}.ext`), opts.ext)
  openssl(dir, ['req', '-new', '-key', `${opts.name}.key`, '-subj', `/CN=${opts.cn}`, '-out', `${opts.name}.csr`])
  openssl(dir, ['x509', '-req', '-in', `${opts.name}.csr`, '-CA', `${opts.issuer}.pem`, '-CAkey', `${opts.issuer}.key`, '-CAcreateserial', '-days', '365', '-sha256', '-extfile', `${opts.name}.ext`, '-out', `${opts.name}.pem`])
}

function identity(dir: string, name: string, chainOf: string[]): TestIdentity {
  const cert = readFileSync(join(dir, `${name}.pem`), 'utf8')
  const chain = [cert, ...chainOf.map((n) => readFileSync(join(dir, `${n}.pem`), 'utf8'))].join('')
  return { cert, chain, key: readFileSync(join(dir, `${name}.key`), 'utf8') }
}

/** Generate the whole test PKI (a few hundred milliseconds of openssl runs). Call `cleanup()` in afterAll. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'sep2-test-pki-'))
  selfSigned(dir, 'serca', 'Test SERCA')
  issued(dir, { name: 'mica', cn: 'Test MICA', issuer: 'serca', ext: MICA_EXT })
  issued(dir, { name: 'client', cn: 'Test Device', issuer: 'mica', ext: CLIENT_EXT })
  issued(dir, { name: 'server', cn: 'Test Utility Server', issuer: 'mica', ext: SERVER_EXT })
  issued(dir, { name: 'server-no-name', cn: 'Test Utility Server', issuer: 'mica', ext: SERVER_NO_NAME_EXT })
  selfSigned(dir, 'unknown-ca', 'Unknown CA')
  issued(dir, { name: 'unknown-client', cn: 'Stranger Device', issuer: 'unknown-ca', ext: CLIENT_EXT })
  issued(dir, { name: 'unknown-server', cn: 'Impostor Server', issuer: 'unknown-ca', ext: SERVER_EXT })
  const read = (n: string): string => readFileSync(join(dir, `${n}.pem`), 'utf8')
  return {
    dir,
    serca: read('serca'),
    mica: read('mica'),
    client: identity(dir, 'client', ['mica']),
    server: identity(dir, 'server', ['mica']),
    serverNoName: identity(dir, 'server-no-name', ['mica']),
    unknownCa: read('unknown-ca'),
    unknownClient: identity(dir, 'unknown-client', []),
    unknownServer: identity(dir, 'unknown-server', []),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}
