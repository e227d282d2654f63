/**
 * `npm run start:web`: the same app in a browser, for machines without an Electron binary. Prints the URL with the
 * session token; only this machine can connect. Demo mode unless `--no-demo` (or SEP2_DEMO=0).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoConfig, seedDemo } from '../demo/prepare-demo'
import { createEngine } from '../engine/create-engine'
import { guardProcess } from '../engine/process-guard'
import { startMode } from '../engine/start-mode'
import { startPersistentWebHost } from './web-session-file'

async function main() {
  // REL-3: an unexpected error is logged with its code and the site controller goes fail-safe; the host keeps running.
  guardProcess('service', (line) => console.error(line))
  const here = dirname(fileURLToPath(import.meta.url))
  const mode = startMode(process.argv.slice(2))
  const demo = mode.demo ? await demoConfig(mode.dataDir, new Date()) : {}
  const engine = createEngine({ dataDir: mode.dataDir, host: 'web', ...demo, log: (line) => console.error(line) })
  if (mode.demo) await seedDemo(engine)
  const port = process.env.SEP2_PORT ? Number(process.env.SEP2_PORT) : 0
  // The same address and token as the last start on this data folder: open tabs and bookmarks keep working.
  const host = await startPersistentWebHost({ engine, rendererDir: join(here, '..', 'renderer'), dataDir: mode.dataDir, port })
  console.log(`SEP2 Commissioner is running${mode.demo ? ' in demo mode (simulated utility server and devices)' : ''}.`)
  console.log(`Data folder: ${mode.dataDir}`)
  console.log(`Open this address in a browser on this machine:\n  ${host.urlWithToken}`)
  const stop = async () => {
    await host.close()
    await engine.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
