import { join } from 'node:path'
import { defaultDataDir } from './data-dir'

export interface StartMode {
  demo: boolean
  dataDir: string
}

/**
 * How a host starts (APP-6): demo mode unless `--no-demo` or SEP2_DEMO=0. Demo mode keeps its own data folder
 * (`<data folder>/demo`) so practice sites never mix with real ones; an explicit SEP2_DATA_DIR is used as given.
 */
export function startMode(argv: string[], env: Record<string, string | undefined> = process.env, hostDefaultDir?: string): StartMode {
  const demo = !(argv.includes('--no-demo') || env.SEP2_DEMO === '0')
  const base = env.SEP2_DATA_DIR ?? hostDefaultDir ?? defaultDataDir(env)
  return { demo, dataDir: demo && !env.SEP2_DATA_DIR ? join(base, 'demo') : base }
}
