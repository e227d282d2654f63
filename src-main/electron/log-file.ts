import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The desktop app's log file in `<data folder>/logs`, rotated by size: when the next line would push
 * `sep2-commissioner.log` over `maxBytes` it becomes `.log.1` (`.1` becomes `.2`, ...) and only `keep` old files stay.
 * No electron import: tested in plain Node. Private keys and passwords never reach the file (SEC-2): PEM private-key
 * blocks and `password`/`passphrase`/`privateKey` values are replaced before writing.
 */

export const LOG_FILE = 'sep2-commissioner.log'

export interface RotatingLogOptions {
  dir: string
  maxBytes?: number
  keep?: number
  now?: () => number
}

export interface RotatingLog {
  dir: string
  path: string
  write(line: string): void
}

const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g
const SECRET_FIELD = /\b(password|passphrase|privateKey|keyPem|secret)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi

export function redact(line: string): string {
  return line.replace(PEM_PRIVATE_KEY, '[private key redacted]').replace(SECRET_FIELD, '$1$2[redacted]')
}

function rotate(path: string, keep: number): void {
  rmSync(`${path}.${keep}`, { force: true })
  for (let i = keep - 1; i >= 1; i -= 1) if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`)
  if (keep > 0) renameSync(path, `${path}.1`)
  else rmSync(path, { force: true })
}

export function createRotatingLog({ dir, maxBytes = 1_000_000, keep = 5, now = Date.now }: RotatingLogOptions): RotatingLog {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, LOG_FILE)
  let size = existsSync(path) ? statSync(path).size : 0
  return {
    dir,
    path,
    write(line) {
      const text = `${new Date(now()).toISOString()} ${redact(line)}\n`
      const bytes = Buffer.byteLength(text)
      if (size > 0 && size + bytes > maxBytes) {
        rotate(path, keep)
        size = 0
      }
      appendFileSync(path, text, { mode: 0o600 })
      size += bytes
    },
  }
}
