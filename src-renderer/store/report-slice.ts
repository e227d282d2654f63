import type { ReportFile, ReportFormat, ReportPreview, StoredReportView } from '../../src-shared/contract/report'
import { call } from './call'
import type { Slice } from './types'

export interface RpeqFields {
  name: string
  positionTitle: string
  registrationNumber: string
}

export interface ReportSlice {
  reportPreview: ReportPreview | null
  reportHistory: StoredReportView[]
  reportBusy: string | null
  rpeq: RpeqFields
  setRpeq(rpeq: RpeqFields): void
  loadReport(): Promise<void>
  exportReport(format: ReportFormat): Promise<ReportFile | null>
  openReport(reportId: string): Promise<void>
  deleteReport(reportId: string): Promise<void>
}

const rpeqInput = (r: RpeqFields) => Object.fromEntries(Object.entries(r).filter(([, v]) => v.trim())) as Partial<RpeqFields>

export const createReportSlice: Slice<ReportSlice> = (set, get) => ({
  reportPreview: null,
  reportHistory: [],
  reportBusy: null,
  rpeq: { name: '', positionTitle: '', registrationNumber: '' },
  setRpeq: (rpeq) => set({ rpeq }),
  async loadReport() {
    const siteId = get().currentSiteId
    if (!siteId) return set({ reportPreview: null, reportHistory: [] })
    set({ reportBusy: 'Building the report…' })
    try {
      const [preview, history] = await Promise.all([call('report.preview', { siteId, rpeq: rpeqInput(get().rpeq) }), call('report.list', { siteId })])
      if (preview.ok) set({ reportPreview: preview.value })
      else get().showError(preview.error)
      if (history.ok) set({ reportHistory: history.value })
    } finally {
      set({ reportBusy: null })
    }
  },
  async exportReport(format) {
    const siteId = get().currentSiteId
    if (!siteId) return null
    set({ reportBusy: `Exporting ${format.toUpperCase()}…` })
    try {
      const result = await call('report.export', { siteId, format, rpeq: rpeqInput(get().rpeq) })
      if (!result.ok) {
        get().showError(result.error)
        return null
      }
      const history = await call('report.list', { siteId })
      if (history.ok) set({ reportHistory: history.value })
      return result.value
    } finally {
      set({ reportBusy: null })
    }
  },
  async openReport(reportId) {
    const result = await call('report.open', { reportId })
    if (result.ok) set({ reportPreview: result.value })
    else get().showError(result.error)
  },
  async deleteReport(reportId) {
    const result = await call('report.delete', { reportId })
    if (!result.ok) return get().showError(result.error)
    set({ reportHistory: get().reportHistory.filter((r) => r.id !== reportId) })
  },
})
