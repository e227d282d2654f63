/**
 * Tests and bench only: runs the worker entry from the TypeScript source (Node strips the types; a resolve hook adds
 * the `.ts` / `/index.ts` the source's imports leave out), where the built `sep2-parse-worker.js` does not exist.
 */
import { fileURLToPath } from 'node:url'
import type { WorkerSource } from './parse-off-thread'

const BOOT = `
const { registerHooks } = require('node:module')
const { pathToFileURL } = require('node:url')
const { workerData } = require('node:worker_threads')
registerHooks({
  resolve(specifier, context, next) {
    if (!specifier.startsWith('.')) return next(specifier, context)
    for (const candidate of [specifier, specifier + '.ts', specifier + '/index.ts']) {
      try { return next(candidate, context) } catch {}
    }
    return next(specifier, context)
  },
})
import(pathToFileURL(workerData.entry).href)
`

export function sourceWorker(): WorkerSource {
  return { kind: 'eval', code: BOOT, workerData: { entry: fileURLToPath(new URL('./parse-worker.ts', import.meta.url)) } }
}
