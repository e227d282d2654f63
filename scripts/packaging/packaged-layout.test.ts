import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src-main/storage/database'
import { Database } from '../../src-main/storage/sqlite'
import { builderConfig, copyAppFiles, copyProductionDependencies, matchedAppFiles } from './packaged-files'

/**
 * Issue 10 item 4: the built main bundle starts outside the dev tree. The app is copied the way electron-builder
 * packages it (the `files` globs of package.json "build" plus the production dependencies), then started in plain
 * Node with a stand-in `electron` module. `npm test` builds first (SEP2_BUILT=1); run alone, build with `npm run build`.
 */
const root = process.cwd()
const built = existsSync(join(root, 'out/main/index.js'))
if (!built && process.env.SEP2_BUILT !== '1') console.log('SKIPPED: packaged-layout smoke test – no out/main/index.js; run `npm run build` first.')
const config = builderConfig(root)
let work = ''

/** The production dependencies are copied once (with the stub electron); each staged app links to that copy. */
function stage(name: string, patterns: string[]): string {
  const appDir = join(work, name)
  copyAppFiles(root, appDir, patterns)
  symlinkSync(join(work, 'deps/node_modules'), join(appDir, 'node_modules'), 'dir')
  return appDir
}

function smoke(appDir: string, dataDir: string) {
  const run = spawnSync(process.execPath, [join(root, 'scripts/packaging/smoke-driver.mjs'), appDir], {
    env: { ...process.env, SEP2_DATA_DIR: dataDir, SEP2_DEMO: '0', STUB_USER_DATA: join(work, 'user-data') },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: run.status, stderr: run.stderr, result: run.status === 0 ? JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') : undefined }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sep2-packaged-'))
  if (!built) return
  copyProductionDependencies(root, join(work, 'deps'))
  cpSync(join(root, 'scripts/packaging/electron-stub'), join(work, 'deps/node_modules/electron'), { recursive: true })
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe.skipIf(!built && process.env.SEP2_BUILT !== '1')('packaged layout smoke test (plain Node, stub electron)', () => {
  it('starts the main bundle from only the packaged files: engine, database, one IPC command, renderer, Help menu, quit', () => {
    const appDir = stage('app', config.files)
    expect(existsSync(join(appDir, 'src-main'))).toBe(false) // not the dev tree
    const dataDir = join(work, 'data')
    const { status, stderr, result } = smoke(appDir, dataDir)
    expect(stderr).not.toMatch(/Error/)
    expect(status).toBe(0)
    expect(result).toMatchObject({ saved: true, sites: 1, info: { host: 'electron', dataDir, version: '0.1.0', demo: false } })
    expect(result.renderer).toEqual({ status: 200, csp: true, root: true, scriptStatus: 200 })
    expect(result.preload).toBe(true)
    expect(result.help).toEqual(['Open data folder', 'Open logs', 'About'])
    expect(result.opened).toEqual([dataDir, join(dataDir, 'logs')])
    expect(result.about).toContain('Apache License 2.0')

    // Quit closed the database cleanly, with the site committed; the file is the user's alone.
    const file = join(dataDir, DATABASE_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const db = new Database(file)
    expect(db.prepare('SELECT COUNT(*) AS n FROM sites').get()).toEqual({ n: 1 })
    db.close()
    expect(readFileSync(join(dataDir, 'logs/sep2-commissioner.log'), 'utf8')).toContain('SEP2 Commissioner 0.1.0 starting')
  }, 90_000)

  it.each([
    ['the renderer', 'out/renderer/**'],
    ['the preload script', 'out/preload/**'],
  ])('fails when the files globs leave out %s', (_what, glob) => {
    const appDir = stage(`without-${glob.split('/')[1]}`, config.files.filter((p) => p !== glob))
    const { status, result } = smoke(appDir, join(work, `data-${glob.split('/')[1]}`))
    const complete = status === 0 && result.preload && result.renderer.status === 200
    expect(complete).toBe(false)
  }, 90_000)

  it('fails when the files globs leave out the main bundle', () => {
    const appDir = stage('without-main', config.files.filter((p) => p !== 'out/main/**'))
    expect(smoke(appDir, join(work, 'data-main')).status).not.toBe(0)
  }, 90_000)
})

describe('electron-builder configuration', () => {
  it('builds NSIS + portable for Windows, dmg x64 + arm64 for macOS, AppImage + deb for Linux, with asar', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis', 'portable'])
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config).toMatchObject({ appId: 'au.sep2commissioner.app', productName: 'SEP2 Commissioner', asar: true })
  })

  it('unpacks the serialport binding from the asar, and packages the bundled data with its licences', () => {
    expect(config.asarUnpack).toContain('node_modules/@serialport/bindings-cpp/**')
    // Every native addon is N-API (native-addons.test.ts): nothing to rebuild for Electron.
    expect(config.npmRebuild).toBe(false)
    const files = matchedAppFiles(root, config.files)
    for (const f of ['resources/sunspec/models/LICENSE', 'resources/sunspec/models/model_1.json', 'resources/xsd/csipaus/LICENSE', 'resources/xsd/csipaus/csipaus-core-v1.3.xsd', 'resources/meter-profiles/eastron-sdm630.json', 'package.json']) {
      expect(files).toContain(f)
    }
  })

  it('has the app icon in every size the targets need', () => {
    const ico = readFileSync(join(root, config.win.icon))
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256)
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256])
    const icns = readFileSync(join(root, config.mac.icon))
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    for (const type of ['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10']) expect(icns.includes(type, 8, 'latin1')).toBe(true)
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(join(root, config.linux.icon, `${size}x${size}.png`))
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]) // IHDR width, height
    }
  })
})
