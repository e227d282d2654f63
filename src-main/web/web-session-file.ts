/**
 * The web host keeps its address and session token for its data folder (issue 17 item 6): a restart serves the same
 * http://127.0.0.1:PORT/ with the same token, so an open tab (its cookie) and a bookmarked address keep working
 * instead of showing "Refused: missing or wrong session token". Kept in an owner-only file in the owner-only data
 * folder – the same protection as the key store's key file; anyone who can read that folder is this user already.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Engine } from '../engine/create-engine'
import { startWebHost, type WebHost } from './web-host'

export const WEB_SESSION_FILE = 'web-session.json'

const sessionSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), port: z.number().int().min(1).max(65_535).optional() })
export type WebSession = z.infer<typeof sessionSchema>

/** The stored session, or a new random token when there is none (or it cannot be read). */
export function loadWebSession(dataDir: string): WebSession {
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(readFileSync(join(dataDir, WEB_SESSION_FILE), 'utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // first start, or an unreadable file: a new session
  }
  return { token: randomBytes(32).toString('base64url') }
}

export function saveWebSession(dataDir: string, session: WebSession): void {
  const path = join(dataDir, WEB_SESSION_FILE)
  // Written whole then renamed: a crash mid-write leaves the previous session (REL-2).
  writeFileSync(`${path}.tmp`, JSON.stringify(session), { mode: 0o600 })
  renameSync(`${path}.tmp`, path)
}

const inUse = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE'

/**
 * The web host on the data folder's remembered port and token. A port given explicitly (SEP2_PORT) wins; a remembered
 * port another program took meanwhile gives way to a free one (the token stays, and the new address is printed).
 */
export async function startPersistentWebHost(o: { engine: Engine; rendererDir: string; dataDir: string; port?: number }): Promise<WebHost> {
  const session = loadWebSession(o.dataDir)
  const wanted = o.port || session.port || 0
  const start = (port: number) => startWebHost({ engine: o.engine, rendererDir: o.rendererDir, port, token: session.token })
  const host = await start(wanted).catch((error: unknown) => {
    if (!inUse(error) || o.port || wanted === 0) throw error
    return start(0)
  })
  saveWebSession(o.dataDir, { token: host.token, port: host.port })
  return host
}
