import type { Engine, EngineConfig } from '../engine/create-engine'
import { DEMO_SITE } from './demo-site'
import { ensureDemoPki } from './demo-pki'

/**
 * Demo mode (APP-6): everything a newcomer needs to walk every step without hardware or a utility account. Hosts call
 * `demoConfig` before creating the engine (the practice SERCA becomes a trust anchor) and `seedDemo` after.
 */
export async function demoConfig(dataDir: string, now: Date): Promise<Pick<EngineConfig, 'demo' | 'trustAnchorsPem'>> {
  const pki = await ensureDemoPki(dataDir, now)
  return { demo: pki, trustAnchorsPem: [pki.sercaPem] }
}

/** Creates the demo site when the data folder has none yet. */
export async function seedDemo(engine: Engine): Promise<void> {
  const sites = await engine.invoke('sites.list', {})
  if (sites.ok && Array.isArray(sites.value) && sites.value.length === 0) {
    const saved = await engine.invoke('sites.save', DEMO_SITE)
    if (!saved.ok) throw new Error(`Could not create the demo site: ${saved.error.message}`)
  }
}
