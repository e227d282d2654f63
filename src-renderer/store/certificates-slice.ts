import type { CertificateReport, CsrResult } from '../../src-shared/domain/certificate'
import { call } from './call'
import type { Slice } from './types'

export interface PickedFile {
  name: string
  dataBase64: string
}

export interface CertificatesSlice {
  certificate: CertificateReport | null
  csr: CsrResult | null
  certificateBusy: boolean
  loadCertificate(): Promise<void>
  importCertificateFiles(files: PickedFile[], password?: string): Promise<void>
  importCertificateWithDialog(): Promise<void>
  /** Demo mode: import the practice PKI's device certificate set. */
  importDemoCertificates(): Promise<void>
  generateCsr(): Promise<CsrResult | null>
}

export const createCertificatesSlice: Slice<CertificatesSlice> = (set, get) => {
  async function run<T>(work: () => Promise<T>): Promise<T> {
    set({ certificateBusy: true })
    try {
      return await work()
    } finally {
      set({ certificateBusy: false })
    }
  }

  return {
    certificate: null,
    csr: null,
    certificateBusy: false,
    async loadCertificate() {
      const siteId = get().currentSiteId
      if (!siteId) return set({ certificate: null, csr: null })
      const result = await call('certificates.get', { siteId })
      if (result.ok) set({ certificate: result.value, csr: null })
      else get().showError(result.error)
    },
    importCertificateFiles: (files, password) =>
      run(async () => {
        const siteId = get().currentSiteId
        if (!siteId) return
        const result = await call('certificates.import', { siteId, files, ...(password ? { password } : {}) })
        if (result.ok) set({ certificate: result.value })
        else get().showError(result.error)
      }),
    importCertificateWithDialog: () =>
      run(async () => {
        const siteId = get().currentSiteId
        if (!siteId) return
        const result = await call('certificates.importWithDialog', { siteId })
        if (result.ok && result.value) set({ certificate: result.value })
        else if (!result.ok) get().showError(result.error)
      }),
    importDemoCertificates: () =>
      run(async () => {
        const siteId = get().currentSiteId
        if (!siteId) return
        const result = await call('demo.importCertificates', { siteId })
        if (result.ok) set({ certificate: result.value })
        else get().showError(result.error)
      }),
    generateCsr: () =>
      run(async () => {
        const siteId = get().currentSiteId
        if (!siteId) return null
        const result = await call('certificates.generateCsr', { siteId })
        if (!result.ok) {
          get().showError(result.error)
          return null
        }
        set({ csr: result.value })
        return result.value
      }),
  }
}
