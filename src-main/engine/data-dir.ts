import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's data folder: `SEP2_DATA_DIR` (tests, portable installs) or the per-user default. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  if (env.SEP2_DATA_DIR) return env.SEP2_DATA_DIR
  const xdg = env.XDG_DATA_HOME
  return xdg ? join(xdg, 'sep2-commissioner') : join(homedir(), '.local', 'share', 'sep2-commissioner')
}
