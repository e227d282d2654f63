/**
 * `npm run start:web`: the same app in a browser, for machines without an Electron binary. Prints the URL with the
 * session token; only this machine can connect.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEngine } from '../engine/create-engine'
import { defaultDataDir } from '../engine/data-dir'
import { startWebHost } from './web-host'

async function main() {
  const here = dirname(fileURLToPath(import.meta.url))
  const dataDir = defaultDataDir()
  const engine = createEngine({ dataDir, host: 'web', log: (line) => console.error(line) })
  const port = process.env.SEP2_PORT ? Number(process.env.SEP2_PORT) : 0
  const host = await startWebHost({ engine, rendererDir: join(here, '..', 'renderer'), port })
  console.log(`SEP2 Commissioner is running. Data folder: ${dataDir}`)
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
