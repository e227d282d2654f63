import { join } from 'node:path'
import { createRotatingLog, type RotatingLog } from './log-file'

/** The desktop app's log: `<data folder>/logs/sep2-commissioner.log`, rotated at 1 MB, five old files kept. */
export function setupLogging(dataDir: string): RotatingLog {
  const file = createRotatingLog({ dir: join(dataDir, 'logs'), maxBytes: 1_000_000, keep: 5 })
  return {
    ...file,
    write(line) {
      file.write(line)
      console.error(line)
    },
  }
}
