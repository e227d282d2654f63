import type { CertificateReport, CsrResult } from '../../../src-shared/domain/certificate'
import { analyseCertificateFiles, generateKeyAndCsr, privateKeyForCertificate, virtualLfdiForNmi, type InputFile } from '../../identity'
import { AppError } from '../../errors'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import { readInputFiles } from '../../identity/read-files'
import type { ChainEntry } from '../../../src-shared/domain/certificate'
import { loadTrustAnchors } from './trust-anchors'

/** Handbook Annex A/B: what the installer does with the CSR. */
export const CSR_INSTRUCTIONS = [
  'Send the CSR file (not the private key) to Dynamic.Connections@energyq.com.au with the application details of handbook Annex A: entity name, ABN, PEN, address, client product, client type, equipment type and technical contact.',
  'Keep this app’s data folder: the private key for this CSR is stored there, encrypted, and is needed to use the certificate you receive.',
  'When the utility returns the certificate (with its MICA and SERCA chain), import it here: the app checks that it matches the stored key.',
]

const STORED_KEY_NAME = '(private key stored in this app)'
const STORED_CHAIN_NAME = '(certificate stored for this site)'

export interface ImportRequest {
  siteId: string
  files: InputFile[]
  password?: string | undefined
  /** Trusted for this import only (the built-in simulator's practice SERCA), beside the configured anchors. */
  extraTrustAnchors?: string[]
}

/** What one picked file holds, for merging picks. */
function kindsOf(file: InputFile): { key: boolean; device: boolean } {
  const read = readInputFiles([file])
  return { key: read.keys.length > 0, device: read.certificates.some((c) => !c.node.ca) }
}

/**
 * Picks made one by one add up (issue 17 item 6): earlier picks of this session stay unless the new pick replaces
 * them (a new key replaces a key, a new device certificate a device certificate, a file of the same name itself; a
 * pick holding both a key and a device certificate replaces everything);
 * with no device certificate picked at all, the one stored for the site is used. Held in the main process only.
 */
function mergedPicks(ctx: EngineContext, o: { siteId: string; picked: InputFile[] }): InputFile[] {
  const previous = pendingPicks(ctx).get(o.siteId) ?? []
  const next = o.picked.map(kindsOf)
  const newKey = next.some((k) => k.key)
  const newDevice = next.some((k) => k.device)
  // A pick with both a key and a device certificate is a whole set on its own: nothing earlier is mixed in.
  if (newKey && newDevice) return o.picked
  const kept = previous.filter((f) => {
    if (o.picked.some((p) => p.name === f.name)) return false
    const k = kindsOf(f)
    return !(k.key && newKey) && !(k.device && newDevice)
  })
  const merged = [...kept, ...o.picked]
  const stored = ctx.certificates.get(o.siteId)?.chainPem
  const hasDevice = newDevice || kept.some((f) => kindsOf(f).device)
  return !hasDevice && stored ? [{ name: STORED_CHAIN_NAME, bytes: new TextEncoder().encode(stored) }, ...merged] : merged
}

const picksByEngine = new WeakMap<EngineContext, Map<string, InputFile[]>>()
function pendingPicks(ctx: EngineContext): Map<string, InputFile[]> {
  let picks = picksByEngine.get(ctx)
  if (!picks) picksByEngine.set(ctx, (picks = new Map()))
  return picks
}

/** Import a site's certificate files through every ID-1 check; a matching key from the files is stored encrypted. */
export async function importCertificateFiles(ctx: EngineContext, request: ImportRequest): Promise<CertificateReport> {
  const { siteId, password } = request
  ctx.sites.get(siteId)
  const files = mergedPicks(ctx, { siteId, picked: request.files })
  const keyStore = await ctx.keys.store()
  const keyFromFiles = privateKeyForCertificate({ files, ...(password ? { password } : {}) })
  const ref = ctx.certificates.keyRef(siteId)
  // A certificate issued for this app's CSR arrives without a key: check it against the key kept here.
  const storedKey = !keyFromFiles && ref ? [{ name: STORED_KEY_NAME, bytes: new TextEncoder().encode(await keyStore.loadPrivateKey(ref.keyId)) }] : []
  const analysis = analyseCertificateFiles({
    files: [...files, ...storedKey],
    trustAnchors: [...loadTrustAnchors(ctx), ...(request.extraTrustAnchors ?? [])],
    now: new Date(ctx.clock.now()),
    ...(password ? { password } : {}),
  })
  let keyStored = Boolean(analysis.privateKey?.matchesCertificate) && Boolean(keyFromFiles ?? ref)
  if (keyFromFiles && analysis.privateKey?.matchesCertificate) {
    const saved = await keyStore.saveKey(keyFromFiles, { label: `site ${siteId}` })
    ctx.certificates.setKeyRef(siteId, { keyId: saved.id, source: 'imported' })
    keyStored = true
  }
  const report: CertificateReport = {
    siteId,
    importedAt: ctx.clock.now(),
    fileNames: files.map((f) => f.name),
    checks: analysis.checks,
    identity: analysis.identity ?? null,
    chain: analysis.chain,
    keyStored,
    passwordRequired: analysis.passwordRequired,
    ok: analysis.verdict !== 'fail',
  }
  ctx.certificates.save(siteId, { report, chainPem: analysis.verdict === 'fail' ? null : chainPemOf(analysis.chain, files) })
  // A complete set is stored (chain and key): nothing is pending any more. Otherwise the picks wait for the rest.
  if (report.ok && keyStored) pendingPicks(ctx).delete(siteId)
  else pendingPicks(ctx).set(siteId, files)
  const failed = report.checks.find((c) => c.status === 'fail')
  ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'certificates', report.ok ? 'done' : 'failed', failed ? `${failed.label}: ${failed.detail}` : undefined))
  return report
}


/** Step "Certificates & identity" (ID-1, ID-2, ID-3, ID-5, SEC-2). Key material stays in the main process. */
export function certificateHandlers(
  ctx: EngineContext,
): HandlerGroup<'certificates.import' | 'certificates.importWithDialog' | 'certificates.get' | 'certificates.generateCsr' | 'identity.virtualLfdi'> {
  return {
    'certificates.import': ({ siteId, files, password }) =>
      importCertificateFiles(ctx, { siteId, files: files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') })), password }),
    'certificates.importWithDialog': async ({ siteId }) => {
      if (!ctx.config.dialogs) throw new AppError('HOST_NO_DIALOGS', 'This host has no file dialog; pick the files in the page instead.')
      const picked = await ctx.config.dialogs.openFiles({
        title: 'Device certificate, chain and private key',
        filters: [{ name: 'Certificates and keys', extensions: ['pem', 'crt', 'cer', 'der', 'key', 'p8'] }, { name: 'All files', extensions: ['*'] }],
      })
      return picked ? importCertificateFiles(ctx, { siteId, files: picked }) : null
    },
    'certificates.get': ({ siteId }) => {
      ctx.sites.get(siteId)
      return ctx.certificates.get(siteId)?.report ?? null
    },
    'certificates.generateCsr': async ({ siteId }): Promise<CsrResult> => {
      const site = ctx.sites.get(siteId)
      const { keyPem, csrPem } = await generateKeyAndCsr()
      const saved = await (await ctx.keys.store()).saveKey(keyPem, { label: `CSR for site ${siteId}` })
      ctx.certificates.setKeyRef(siteId, { keyId: saved.id, source: 'generated' })
      const fileName = `${site.nmi}-sep2.csr`
      const savedTo = ctx.config.dialogs ? await ctx.config.dialogs.saveFile({ title: 'Save the CSR', defaultName: fileName, content: csrPem }) : null
      ctx.bus.emit('wizard.changed', ctx.wizard.set(siteId, 'certificates', 'in-progress', 'CSR generated; waiting for the certificate.'))
      return { siteId, csrPem, fileName, savedTo, instructions: CSR_INSTRUCTIONS }
    },
    'identity.virtualLfdi': ({ nmi, pen }) => {
      const result = virtualLfdiForNmi({ nmi, pen })
      if (!result.ok) throw new AppError('NMI_INVALID', result.message)
      return { nmi: result.nmi, pen: result.pen, lfdi: result.lfdi, sfdi: result.sfdi }
    },
  }
}

/** The device certificate and the chain certificates the installer supplied, in chain order, as PEM (for mutual TLS). */
function chainPemOf(chain: ChainEntry[], files: InputFile[]): string | null {
  const certificates = readInputFiles(files).certificates
  const pems = chain
    .filter((entry) => entry.source.kind === 'file')
    .map((entry) => certificates.find((c) => c.node.fingerprint256 === entry.fingerprintSha256)?.node.toString())
  return pems.length && pems.every(Boolean) ? pems.join('') : null
}
