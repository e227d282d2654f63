import { createLastPlaceStore } from '../../storage/last-place-file'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'

export const APP_VERSION = '0.1.0'

export function appHandlers(ctx: EngineContext): HandlerGroup<'app.info' | 'app.lastPlace' | 'app.rememberPlace'> {
  const lastPlace = createLastPlaceStore(ctx.config.dataDir)
  return {
    'app.lastPlace': () => lastPlace.get(),
    'app.rememberPlace': (place) => {
      lastPlace.set(place)
      return { saved: true }
    },
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
