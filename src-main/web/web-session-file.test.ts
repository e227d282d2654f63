import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import { createEngine, type Engine } from '../engine/create-engine'
import { WEB_SESSION_FILE, loadWebSession, startPersistentWebHost } from './web-session-file'

let dataDir: string
let engine: Engine
const closers: (() => Promise<void>)[] = []

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-web-session-'))
  engine = createEngine({ dataDir, host: 'web', clock: new FakeClock(Date.UTC(2026, 0, 15, 2)) })
})
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function start(port?: number) {
  const host = await startPersistentWebHost({ engine, rendererDir: dataDir, dataDir, ...(port === undefined ? {} : { port }) })
  closers.push(() => host.close())
  return host
}

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

describe('the web host keeps its address and token for the data folder (issue 17 item 6)', () => {
  it('a restart serves the same address with the same token', async () => {
    const first = await start()
    const { url, urlWithToken } = first
    await first.close()
    closers.pop()
    const second = await start()
    expect([second.url, second.urlWithToken]).toEqual([url, urlWithToken])
    const file = join(dataDir, WEB_SESSION_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ token: second.token, port: second.port })
  })

  it('a remembered port taken meanwhile gives way to a free one; the token stays', async () => {
    const first = await start()
    await first.close()
    closers.pop()
    const squatter = await occupy(first.port)
    closers.push(() => new Promise((resolve) => squatter.close(() => resolve())))
    const second = await start()
    expect(second.port).not.toBe(first.port)
    expect(second.token).toBe(first.token)
  })

  it('a port given explicitly wins, and an unreadable file starts a new session', async () => {
    writeFileSync(join(dataDir, WEB_SESSION_FILE), '{ not json')
    const fresh = loadWebSession(dataDir)
    expect(fresh.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fresh.port).toBeUndefined()
    const squatter = await occupy(0)
    const taken = (squatter.address() as { port: number }).port
    closers.push(() => new Promise((resolve) => squatter.close(() => resolve())))
    await expect(start(taken)).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})
