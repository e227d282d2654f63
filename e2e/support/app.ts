import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { demoConfig, seedDemo } from '../../src-main/demo/prepare-demo'
import { createEngine, type Engine, type EngineConfig } from '../../src-main/engine/create-engine'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export interface RunningApp {
  engine: Engine
  host: WebHost
  dataDir: string
  stop(): Promise<void>
}

/** The app as `npm run start:web` runs it: the real engine on a fresh data folder, the built renderer, the web host. */
export async function startApp(config: Partial<EngineConfig> & { demoMode?: boolean } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sep2-e2e-'))
  const { demoMode, ...engineConfig } = config
  const demo = demoMode ? await demoConfig(dataDir, new Date(engineConfig.clock?.now() ?? Date.now())) : {}
  const engine = createEngine({ dataDir, host: 'web', ...demo, ...engineConfig })
  if (demoMode) await seedDemo(engine)
  const host = await startWebHost({ engine, rendererDir: RENDERER_DIR })
  return {
    engine,
    host,
    dataDir,
    async stop() {
      await host.close()
      await engine.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
