/**
 * site.resume (issue 17 item 6): after a restart the open site picks up live readings (if the installer left them
 * running) and the utility connection (if its last walk succeeded) – and not what the installer had stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ResumeResult } from '../../../src-shared/contract/core'
import type { ServerStatus } from '../../../src-shared/contract/server'
import { DEMO_SITE } from '../../demo/demo-site'
import { createEngine, type Engine } from '../create-engine'
import { createSystemClock } from '../system-clock'

const clock = createSystemClock()
let dataDir: string
let engine: Engine

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sep2-resume-'))
  engine = createEngine({ dataDir, host: 'cli', clock })
})
afterEach(async () => {
  await engine.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function call<T>(command: string, input: unknown): Promise<T> {
  const result = await engine.invoke(command, input)
  if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

async function restart(): Promise<void> {
  await engine.close()
  engine = createEngine({ dataDir, host: 'cli', clock })
}

const sampling = async (siteId: string) => (await call<{ state: string }>('devices.sampling', { siteId })).state

describe('resuming the open site after a restart (issue 17 item 6)', () => {
  it('resumes live readings and the utility connection that ran before', async () => {
    const siteId = (await call<{ id: string }>('sites.save', DEMO_SITE)).id
    await call('devices.addSimulated', { siteId })
    await call('devices.startSampling', { siteId })
    await call('server.saveSettings', { siteId, settings: { target: 'simulator', checkHostname: true, expectedPin: 1234 } })
    expect((await call<{ ok: boolean }>('server.connect', { siteId })).ok).toBe(true)
    await restart()
    expect(await sampling(siteId)).toBe('stopped')
    expect((await call<ServerStatus>('server.getSettings', { siteId })).link).toBeNull()

    expect(await call<ResumeResult>('site.resume', { siteId })).toEqual({ sampling: 'resumed', server: 'reconnected' })
    expect(await sampling(siteId)).toBe('running')
    expect((await call<ServerStatus>('server.getSettings', { siteId })).link).not.toBeNull()
    // Asked again (a page reload): both still run, nothing is started twice.
    expect(await call<ResumeResult>('site.resume', { siteId })).toEqual({ sampling: 'not-needed', server: 'not-needed' })
  }, 90_000)

  it('leaves off what the installer stopped, and a site never connected', async () => {
    const siteId = (await call<{ id: string }>('sites.save', DEMO_SITE)).id
    await call('devices.addSimulated', { siteId })
    await call('devices.startSampling', { siteId })
    await call('devices.stopSampling', { siteId })
    await restart()
    expect(await call<ResumeResult>('site.resume', { siteId })).toEqual({ sampling: 'not-needed', server: 'not-needed' })
    expect(await sampling(siteId)).toBe('stopped')
  }, 90_000)
})
