import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'

export const APP_VERSION = '0.1.0'

export function appHandlers(ctx: EngineContext): HandlerGroup<'app.info'> {
  return {
    'app.info': () => ({
      version: ctx.config.version ?? APP_VERSION,
      host: ctx.config.host,
      dataDir: ctx.config.dataDir,
      keyProtection: ctx.keys.protection,
      nativeDialogs: Boolean(ctx.config.dialogs),
      demo: Boolean(ctx.config.demo),
    }),
  }
}
