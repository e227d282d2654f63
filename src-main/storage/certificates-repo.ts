import type { CertificateReport } from '../../src-shared/domain/certificate'
import type { Db } from './database'

export interface StoredCertificate {
  report: CertificateReport
  /** Device certificate followed by its chain, PEM. Public material only. */
  chainPem: string | null
}

export interface SiteKeyRef {
  keyId: string
  source: 'imported' | 'generated'
}

/** Certificate metadata per site, and the id of the site's encrypted key (never the key itself). */
export function createCertificatesRepo(db: Db, now: () => number) {
  return {
    get(siteId: string): StoredCertificate | null {
      const row = db.prepare('SELECT report, chain_pem FROM certificates WHERE site_id = ?').get(siteId) as
        | { report: string; chain_pem: string | null }
        | undefined
      if (!row) return null
      // Written only by this app (see save); the JSON is the report as it was shown.
      return { report: JSON.parse(row.report) as CertificateReport, chainPem: row.chain_pem }
    },
    save(siteId: string, stored: StoredCertificate): void {
      db.prepare(
        `INSERT INTO certificates (site_id, report, chain_pem, imported_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(site_id) DO UPDATE SET report = excluded.report, chain_pem = excluded.chain_pem, imported_at = excluded.imported_at`,
      ).run(siteId, JSON.stringify(stored.report), stored.chainPem, stored.report.importedAt)
    },
    keyRef(siteId: string): SiteKeyRef | null {
      const row = db.prepare('SELECT key_id, source FROM site_keys WHERE site_id = ?').get(siteId) as
        | { key_id: string; source: SiteKeyRef['source'] }
        | undefined
      return row ? { keyId: row.key_id, source: row.source } : null
    },
    setKeyRef(siteId: string, ref: SiteKeyRef): void {
      db.prepare(
        `INSERT INTO site_keys (site_id, key_id, source, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(site_id) DO UPDATE SET key_id = excluded.key_id, source = excluded.source, created_at = excluded.created_at`,
      ).run(siteId, ref.keyId, ref.source, now())
    },
  }
}
export type CertificatesRepo = ReturnType<typeof createCertificatesRepo>
