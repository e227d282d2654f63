/**
 * The machine's boot, read and recorded per data folder, so a start after a power outage is told apart from a
 * process restart (handbook 11.2; the decision is src-shared/controls/start-reason.ts).
 */
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs'
import { uptime } from 'node:os'
import { join } from 'node:path'
import { parseBootFacts, startReasonFor, type BootFacts, type StartDecision } from '../../src-shared/controls/start-reason'

export const BOOT_RECORD_FILE = 'last-boot.json'
const LINUX_BOOT_ID = '/proc/sys/kernel/random/boot_id'

/** The current boot: Linux's boot id where there is one, and the boot time from the wall clock and os.uptime(). */
export function currentBootFacts(read: { bootId?: () => string | undefined; now?: () => number; uptimeS?: () => number } = {}): BootFacts {
  const bootId = (read.bootId ?? readLinuxBootId)()
  const bootTimeMs = Math.round((read.now ?? Date.now)() - (read.uptimeS ?? uptime)() * 1000)
  return bootId === undefined ? { bootTimeMs } : { bootId, bootTimeMs }
}

function readLinuxBootId(): string | undefined {
  try {
    const id = readFileSync(LINUX_BOOT_ID, 'utf8').trim()
    return id === '' ? undefined : id
  } catch {
    return undefined
  }
}

function readRecord(path: string): BootFacts | undefined {
  try {
    return parseBootFacts(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    return undefined
  }
}

export interface StartReasonCheck extends StartDecision {
  /**
   * Records the current boot for the next start. Call it once the start reason has taken effect (stored controls
   * discarded): a start that fails before then is still a power-outage start the next time.
   */
  record(): void
}

/** The start reason for a host starting on `dataDir`, from the current boot and the one recorded at the last start. */
export function checkStartReason(dataDir: string, current: BootFacts = currentBootFacts(), log: (line: string) => void = () => undefined): StartReasonCheck {
  const path = join(dataDir, BOOT_RECORD_FILE)
  const decision = startReasonFor(readRecord(path), current)
  const record = () => {
    try {
      mkdirSync(dataDir, { recursive: true })
      const temporary = `${path}.tmp`
      writeFileSync(temporary, JSON.stringify(current), { mode: 0o600 })
      renameSync(temporary, path)
    } catch (error) {
      log(`start reason: the machine's boot could not be recorded in ${path} (${error instanceof Error ? error.message : String(error)})`)
    }
  }
  return { ...decision, record }
}
