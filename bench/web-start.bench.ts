/**
 * Issue 14 item 6, the web host: from starting `node out/node/web.js` (no demo, fresh data folder) to the page being
 * interactive in headless Chromium (the site picker rendered). Chromium itself is started once, before timing, as a
 * browser already open on the installer's laptop would be. Needs the renderer built (`npm run build`); the node
 * bundle is the one bench/cold-start.bench.ts builds (out/bench-node), or out/node.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { median, printFigures } from './support/figures'

const ROOT = resolve(__dirname, '..')
const OUT = join(ROOT, 'out/bench-web')
const RENDERER = join(ROOT, 'out/renderer/index.html')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** No goal is set for the web host in issue 14; one second is the reference printed. */
const REFERENCE_S = 1
const times = { listening: [] as number[], interactive: [] as number[] }
let browser: Browser | undefined
const ready = existsSync(RENDERER) && existsSync(CHROMIUM)

/** Start the host; resolves with its URL (token included) once it prints it. */
function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(OUT, 'web.js'), '--no-demo'], { env: { ...process.env, SEP2_DATA_DIR: dataDir, SEP2_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((done, fail) => {
    let text = ''
    child.once('exit', (code) => fail(new Error(`web host exited ${String(code)}: ${text}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const url = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(text)?.[1]
      if (url) {
        child.removeAllListeners('exit')
        done({ child, url })
      }
    })
  })
}

beforeAll(async () => {
  if (!ready) return
  // The web host finds the renderer at ../renderer from its bundle, so the bundle goes next to out/renderer.
  await build({ configFile: join(ROOT, 'vite.node.config.ts'), logLevel: 'warn', build: { outDir: OUT, sourcemap: false } })
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  if (!ready) {
    console.log('\n== Web host start (issue 14 item 6): not measured – build the renderer first (npm run build) and install Chromium.')
    return
  }
  printFigures('Web host start (issue 14 item 6): fresh data folder, no demo', [
    { what: 'spawn -> host listening (URL printed), median', value: median(times.listening), unit: 's', goal: REFERENCE_S, goalText: 'reference (no goal in issue 14)' },
    { what: 'spawn -> page interactive (site picker rendered), median', value: median(times.interactive), unit: 's', goal: REFERENCE_S, goalText: 'reference (no goal in issue 14)' },
  ])
})

describe('web host start', () => {
  bench('web host to interactive page', async () => {
    if (!browser) return
    const dataDir = mkdtempSync(join(tmpdir(), 'sep2-bench-web-'))
    const start = performance.now()
    const { child, url } = await startHost(dataDir)
    times.listening.push((performance.now() - start) / 1000)
    const page = await browser.newPage()
    try {
      await page.goto(url)
      await page.locator('select#site-select').waitFor({ state: 'visible', timeout: 60_000 })
      times.interactive.push((performance.now() - start) / 1000)
    } finally {
      await page.close()
      await new Promise<void>((done) => {
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })
})
