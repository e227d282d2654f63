import type { EventPayload } from '../../src-shared/api'
import type { DiscoveryResult, ExchangeFilter, ExchangeRecord, ServerSettings, ServerStatus } from '../../src-shared/contract/server'
import { call } from './call'
import type { Slice } from './types'

export type LiveStep = EventPayload<'server.step'>['step']
export type LinkEvent = EventPayload<'server.link'>

export interface ServerSlice {
  serverStatus: ServerStatus | null
  /** Steps as they arrive during Connect (then the result's steps). */
  serverSteps: LiveStep[]
  serverResult: DiscoveryResult | null
  serverLink: LinkEvent | null
  serverBusy: boolean
  resourceView: { href: string; status: number; xml: string } | null
  exchangeLog: ExchangeRecord[]
  loadServer(): Promise<void>
  saveServerSettings(settings: ServerSettings): Promise<boolean>
  connectServer(): Promise<void>
  browseResource(href: string): Promise<void>
  loadExchangeLog(filter: ExchangeFilter): Promise<void>
  exportExchangeLog(format: 'json' | 'csv', filter: ExchangeFilter): Promise<{ fileName: string; mimeType: string; content: string } | null>
  /** Pushed by the engine. */
  receiveServerStep(payload: EventPayload<'server.step'>): void
  receiveServerLink(payload: LinkEvent): void
}

export const createServerSlice: Slice<ServerSlice> = (set, get) => ({
  serverStatus: null,
  serverSteps: [],
  serverResult: null,
  serverLink: null,
  serverBusy: false,
  resourceView: null,
  exchangeLog: [],
  async loadServer() {
    const siteId = get().currentSiteId
    if (!siteId) return set({ serverStatus: null, serverResult: null, serverSteps: [], serverLink: null, resourceView: null, exchangeLog: [] })
    const result = await call('server.getSettings', { siteId })
    if (!result.ok) return get().showError(result.error)
    const link = result.value.link
    set({
      serverStatus: result.value,
      serverResult: result.value.result,
      serverSteps: result.value.result?.steps ?? [],
      serverLink: link ? { siteId, ...link } : null,
      resourceView: null,
    })
  },
  async saveServerSettings(settings) {
    const siteId = get().currentSiteId
    if (!siteId) return false
    const result = await call('server.saveSettings', { siteId, settings })
    if (!result.ok) {
      get().showError(result.error)
      return false
    }
    set({ serverStatus: result.value, serverLink: null })
    return true
  },
  async connectServer() {
    const siteId = get().currentSiteId
    if (!siteId) return
    set({ serverBusy: true, serverSteps: [], serverResult: null, resourceView: null })
    try {
      const result = await call('server.connect', { siteId })
      if (!result.ok) return get().showError(result.error)
      set({ serverResult: result.value, serverSteps: result.value.steps })
      await Promise.all([get().loadServer(), get().loadExchangeLog({})])
    } finally {
      set({ serverBusy: false })
    }
  },
  async browseResource(href) {
    const siteId = get().currentSiteId
    if (!siteId) return
    const result = await call('server.resource', { siteId, href })
    if (result.ok) set({ resourceView: result.value })
    else get().showError(result.error)
  },
  async loadExchangeLog(filter) {
    const siteId = get().currentSiteId
    if (!siteId) return set({ exchangeLog: [] })
    const result = await call('exchangeLog.list', { siteId, filter })
    if (result.ok) set({ exchangeLog: result.value })
    else get().showError(result.error)
  },
  async exportExchangeLog(format, filter) {
    const siteId = get().currentSiteId
    if (!siteId) return null
    const result = await call('exchangeLog.export', { siteId, format, filter })
    if (result.ok) return result.value
    get().showError(result.error)
    return null
  },
  receiveServerStep(payload) {
    if (payload.siteId === get().currentSiteId) set({ serverSteps: [...get().serverSteps, payload.step] })
  },
  receiveServerLink(payload) {
    if (payload.siteId === get().currentSiteId) set({ serverLink: payload })
  },
})
