import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'

/** Step "Site" (ID-4) and the wizard's remembered step statuses (APP-1). */
export function siteHandlers(ctx: EngineContext): HandlerGroup<'sites.list' | 'sites.get' | 'sites.save' | 'sites.delete' | 'wizard.get' | 'wizard.setStatus'> {
  return {
    'sites.list': () => ctx.sites.list(),
    'sites.get': ({ id }) => ctx.sites.get(id),
    'sites.save': (input) => {
      const site = ctx.sites.save(input)
      if (ctx.wizard.get(site.id).steps[0]?.status !== 'done') {
        ctx.bus.emit('wizard.changed', ctx.wizard.set(site.id, 'site', 'done'))
      }
      ctx.bus.emit('sites.changed', { siteId: site.id })
      return site
    },
    'sites.delete': ({ id }) => {
      ctx.sites.delete(id)
      ctx.bus.emit('sites.changed', { siteId: id })
      return { deleted: true as const }
    },
    'wizard.get': ({ siteId }) => {
      ctx.sites.get(siteId)
      return ctx.wizard.get(siteId)
    },
    'wizard.setStatus': ({ siteId, step, status, note }) => {
      ctx.sites.get(siteId)
      const state = ctx.wizard.set(siteId, step, status, note)
      ctx.bus.emit('wizard.changed', state)
      return state
    },
  }
}
