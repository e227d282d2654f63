import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

/** The Electron host's own check (SEC-1). Runs wherever an Electron binary is installed; says so plainly when not. */
function electronBinary(): string | null {
  try {
    return createRequire(import.meta.url)('electron') as string
  } catch {
    return null
  }
}

const binary = electronBinary()
if (!binary) console.log('SKIPPED: Electron e2e – no Electron binary on this machine (the npm package installs without it here).')

describe.skipIf(!binary)('Electron host (SEC-1)', () => {
  it('opens a sandboxed, context-isolated window that exposes only the API bridge', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sep2-electron-'))
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: [resolve(__dirname, '../out/main/index.js')],
      env: { ...process.env, SEP2_DATA_DIR: dataDir },
    })
    try {
      const page = await app.firstWindow()
      await page.waitForSelector('text=SEP2 Commissioner')
      const globals = await page.evaluate(() => {
        const page = globalThis as unknown as { api: object; require?: unknown; process?: unknown }
        return { api: Object.keys(page.api).sort(), require: typeof page.require, process: typeof page.process }
      })
      expect(globals).toEqual({ api: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' })
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
