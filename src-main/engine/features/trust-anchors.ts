import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EngineContext } from '../create-engine'

export const TRUST_ANCHORS_FOLDER = 'trust-anchors'

/**
 * The SERCA certificates a device chain must verify up to (ID-1): those given in the engine config (demo mode, tests)
 * plus every PEM/DER file in `<data folder>/trust-anchors/` (the utility's SERCA, placed there by the installer).
 */
export function loadTrustAnchors(ctx: EngineContext): (string | Uint8Array)[] {
  const dir = join(ctx.config.dataDir, TRUST_ANCHORS_FOLDER)
  let files: string[] = []
  try {
    files = readdirSync(dir).filter((f) => /\.(pem|crt|cer|der)$/i.test(f))
  } catch {
    files = []
  }
  return [...(ctx.config.trustAnchorsPem ?? []), ...files.map((f) => new Uint8Array(readFileSync(join(dir, f))))]
}
