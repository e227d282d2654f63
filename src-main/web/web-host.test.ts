import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createEngine, type Engine } from '../engine/create-engine'
import { startWebHost, type WebHost } from './web-host'

let dir: string
let engine: Engine
let host: WebHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sep2-webhost-'))
  const rendererDir = join(dir, 'renderer')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder')
  engine = createEngine({ dataDir: join(dir, 'data'), host: 'web' })
  host = await startWebHost({ engine, rendererDir })
})

afterAll(async () => {
  await host.close()
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

const cookie = () => `sep2_session=${host.token}`

function openSocket(headers: Record<string, string>): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers })
    ws.once('open', () => resolve({ ws }))
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }))
    ws.once('error', () => resolve({ refused: -1 }))
  })
}

describe('web host session guard', () => {
  it('refuses a request without the token', async () => {
    const res = await get('/')
    expect(res.status).toBe(401)
    expect(res.body).not.toContain('<title>app</title>')
    // It says how to get back in (issue 17 item 6), not only that it refused.
    expect(res.body).toContain('Open the address with ?token=')
  })

  it('refuses a wrong token', async () => {
    expect((await get('/?token=not-the-token')).status).toBe(401)
  })

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const res = await get(`/?token=${host.token}`)
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('/')
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
  })

  it('serves the renderer with a CSP to a holder of the cookie', async () => {
    const res = await get('/', { cookie: cookie() })
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>app</title>')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('refuses a request from a foreign Origin even with the token', async () => {
    const res = await get('/', { cookie: cookie(), origin: 'http://evil.example' })
    expect(res.status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get('/', { cookie: cookie(), host: 'evil.example' })
    expect(res.status).toBe(421)
  })

  it('never serves files outside the renderer folder', async () => {
    const res = await get('/..%2Fsecret.txt', { cookie: cookie() })
    expect(res.body).not.toContain('outside the renderer folder')
  })

  it('refuses an API socket without the token, and one from a foreign Origin', async () => {
    expect(await openSocket({})).toEqual({ refused: 401 })
    expect(await openSocket({ cookie: cookie(), origin: 'http://evil.example' })).toEqual({ refused: 403 })
  })

  it('answers API calls over the socket for the session holder, validating input', async () => {
    const opened = await openSocket({ cookie: cookie(), origin: `http://127.0.0.1:${host.port}` })
    if (!('ws' in opened)) throw new Error(`socket refused: ${opened.refused}`)
    const ask = (message: unknown) =>
      new Promise<unknown>((resolve) => {
        opened.ws.once('message', (data) => resolve(JSON.parse(String(data))))
        opened.ws.send(JSON.stringify(message))
      })
    expect(await ask({ type: 'invoke', id: 1, command: 'sites.list', input: {} })).toEqual({ type: 'result', id: 1, result: { ok: true, value: [] } })
    const bad = (await ask({ type: 'invoke', id: 2, command: 'sites.get', input: { id: 42 } })) as { result: { ok: boolean; error: { code: string } } }
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'API_BAD_INPUT' } })
    const unknown = (await ask({ type: 'invoke', id: 3, command: 'fs.readFile', input: {} })) as { result: { error: { code: string } } }
    expect(unknown.result.error.code).toBe('API_UNKNOWN_COMMAND')
    opened.ws.close()
  })
})
