import { describe, expect, it } from 'vitest'
import type { ServerCheck } from '../../src-shared/report/model/server-check'
import { migrate } from './migrations'
import { createServerChecksRepo } from './server-checks-repo'
import { Database } from './sqlite'

const check = (checkedAt: string, found: number): ServerCheck => ({
  checkedAt,
  durationMs: 10,
  target: 'simulator',
  dcapUrl: 'https://127.0.0.1:1/api/v2/dcap',
  fetched: [{ step: 'DeviceCapability', url: 'https://127.0.0.1:1/api/v2/dcap', status: 'ok', durationMs: 3 }],
  completed: true,
  tls: { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8', chainVerified: true },
  lfdi: { ours: 'AB', mode: 'device', registered: true, endDeviceHref: '/edev/1' },
  pin: { expected: 1234, found },
  programs: 1,
  defaultControlSeen: true,
})

function repo() {
  const db = new Database(':memory:')
  migrate(db)
  return { db, repo: createServerChecksRepo(db) }
}

describe('server checks repo (migration 9)', () => {
  it('keeps every check per site and gives the latest one back whole', () => {
    const { repo: r } = repo()
    r.add('site-1', check('2026-01-15T02:00:00.000Z', 1234))
    r.add('site-2', check('2026-01-15T02:30:00.000Z', 7))
    r.add('site-1', check('2026-01-15T03:00:00.000Z', 9999))
    expect(r.count('site-1')).toBe(2)
    expect(r.latest('site-1')?.record).toEqual(check('2026-01-15T03:00:00.000Z', 9999))
    expect(r.latest('site-2')?.record.pin.found).toBe(7)
    expect(r.latest('site-3')).toBeUndefined()
  })

  it('a stored row that does not fit the record schema counts as no record (facts unknown, never a pass)', () => {
    const { db, repo: r } = repo()
    r.add('site-1', check('2026-01-15T02:00:00.000Z', 1234))
    db.prepare("UPDATE server_checks SET record = '{\"checkedAt\":\"x\"}'").run()
    expect(r.latest('site-1')).toBeUndefined()
  })
})
