import type { ReportFormat, StoredReportView } from '../../src-shared/contract/report'
import type { CommissioningReport } from '../../src-shared/report/model/report'
import type { Db } from './database'

interface ReportRow {
  id: string
  site_id: string
  created_at: number
  format: ReportFormat
  file_name: string
  outcome: StoredReportView['outcome']
}

/** Every exported report, with the JSON it was made from, so it can be reopened exactly as exported (APP-7). */
export function createReportsRepo(db: Db) {
  const toView = (r: ReportRow): StoredReportView => ({ id: r.id, siteId: r.site_id, createdAt: r.created_at, format: r.format, fileName: r.file_name, outcome: r.outcome })
  return {
    add(entry: { id: string; siteId: string; createdAt: number; format: ReportFormat; fileName: string; report: CommissioningReport }): void {
      db.prepare('INSERT INTO reports (id, site_id, created_at, format, file_name, outcome, report_json) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        entry.id,
        entry.siteId,
        entry.createdAt,
        entry.format,
        entry.fileName,
        entry.report.summary.outcome,
        JSON.stringify(entry.report),
      )
    },
    list(siteId: string): StoredReportView[] {
      return (db.prepare('SELECT id, site_id, created_at, format, file_name, outcome FROM reports WHERE site_id = ? ORDER BY created_at DESC').all(siteId) as ReportRow[]).map(toView)
    },
    report(id: string): CommissioningReport | null {
      const row = db.prepare('SELECT report_json FROM reports WHERE id = ?').get(id) as { report_json: string } | undefined
      // Written by `add` from a report that passed the schema; read back as it was.
      return row ? (JSON.parse(row.report_json) as CommissioningReport) : null
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM reports WHERE id = ?').run(id).changes > 0
    },
  }
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>
