import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../../errors'
import type { EngineContext } from '../create-engine'
import type { HandlerGroup } from '../handlers'
import { importCertificateFiles } from './certificates'

/** Demo mode only (APP-6): shortcuts that feed the ordinary flows with the practice PKI. */
export function demoHandlers(ctx: EngineContext): HandlerGroup<'demo.importCertificates'> {
  return {
    'demo.importCertificates': async ({ siteId }) => {
      const demo = ctx.config.demo
      if (!demo) throw new AppError('DEMO_OFF', 'The demo certificates exist only in demo mode.')
      const files = await Promise.all(
        [demo.deviceChainPath, demo.deviceKeyPath].map(async (path) => ({ name: basename(path), bytes: new Uint8Array(await readFile(path)) })),
      )
      return importCertificateFiles(ctx, { siteId, files })
    },
  }
}
