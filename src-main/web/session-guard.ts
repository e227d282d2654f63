import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const SESSION_COOKIE = 'sep2_session'

export type GuardVerdict = { allowed: true; viaQuery: boolean } | { allowed: false; status: 401 | 403 | 421; reason: string }

/**
 * The web host's gate: only this machine (127.0.0.1), only pages it served (Origin), only holders of the session token
 * printed at start-up (query `token=` once, then an HttpOnly SameSite=Strict cookie).
 */
export function createSessionGuard(token = randomBytes(32).toString('base64url')) {
  const expected = Buffer.from(token)
  const matches = (candidate: string | undefined) => {
    if (!candidate) return false
    const given = Buffer.from(candidate)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  function check(req: IncomingMessage, port: number): GuardVerdict {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    // A foreign Host header means DNS rebinding or a proxy: refuse before looking at anything else.
    if (!allowedHosts.includes(req.headers.host ?? '')) return { allowed: false, status: 421, reason: 'unexpected Host header' }
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
      return { allowed: false, status: 403, reason: 'foreign Origin' }
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const fromQuery = url.searchParams.get('token') ?? undefined
    if (matches(fromQuery)) return { allowed: true, viaQuery: true }
    if (matches(readCookie(req.headers.cookie, SESSION_COOKIE))) return { allowed: true, viaQuery: false }
    return { allowed: false, status: 401, reason: 'missing or wrong session token' }
  }

  return { token, check, cookie: `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` }
}
export type SessionGuard = ReturnType<typeof createSessionGuard>

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}
