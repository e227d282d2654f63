import { describe, expect, it } from 'vitest'
import { startMode } from './start-mode'

describe('start mode (APP-6)', () => {
  it('starts in demo mode by default, in a data folder of its own', () => {
    expect(startMode([], { XDG_DATA_HOME: '/home/u/.local/share' })).toEqual({ demo: true, dataDir: '/home/u/.local/share/sep2-commissioner/demo' })
    expect(startMode([], {}, '/electron/userData')).toEqual({ demo: true, dataDir: '/electron/userData/demo' })
  })

  it('turns demo mode off with --no-demo or SEP2_DEMO=0', () => {
    expect(startMode(['--no-demo'], { XDG_DATA_HOME: '/x' })).toEqual({ demo: false, dataDir: '/x/sep2-commissioner' })
    expect(startMode([], { SEP2_DEMO: '0' }, '/electron/userData')).toEqual({ demo: false, dataDir: '/electron/userData' })
  })

  it('uses an explicit SEP2_DATA_DIR as given', () => {
    expect(startMode([], { SEP2_DATA_DIR: '/data' }, '/electron/userData')).toEqual({ demo: true, dataDir: '/data' })
  })
})
