/**
 * The installer's last site and step, kept in a small owner-only JSON file in the data folder (not in the browser:
 * the web host's origin changes with its port on every start, which would forget it).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { lastPlaceSchema, type LastPlace } from '../../src-shared/domain/last-place'

export const LAST_PLACE_FILE = 'last-place.json'

export interface LastPlaceStore {
  get(): LastPlace | null
  set(place: LastPlace): void
}

export function createLastPlaceStore(dataDir: string): LastPlaceStore {
  const path = join(dataDir, LAST_PLACE_FILE)
  return {
    get() {
      try {
        const parsed = lastPlaceSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')))
        return parsed.success ? parsed.data : null
      } catch {
        return null // never saved yet, or unreadable: open as on a first start
      }
    },
    set(place) {
      // Written whole then renamed, so a crash mid-write leaves the previous place, never half a file (REL-2).
      const temporary = `${path}.tmp`
      writeFileSync(temporary, JSON.stringify(place), { mode: 0o600 })
      renameSync(temporary, path)
    },
  }
}
