/**
 * The Electron host: one locked-down window over the same engine the web host uses. Thin by design – the engine,
 * its validation and its events are shared; each desktop feature is one setup function in its own file here.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoConfig, seedDemo } from '../demo/prepare-demo'
import { createEngine, type Engine } from '../engine/create-engine'
import { guardProcess } from '../engine/process-guard'
import { startMode } from '../engine/start-mode'
import { setupAppMenu } from './app-menu'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { createElectronDialogs } from './dialogs'
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels'
import { setupLifecycle } from './lifecycle'
import { setupLogging } from './logging'
import { electronPrintToPdf } from './print-to-pdf'
import { safeStorageSecretBox } from './safe-storage'
import { setupSingleInstance } from './single-instance'
import { createMainWindow } from './window'

/** out/main, next to out/preload and out/renderer (the bundle is an ES module: no __dirname). */
const here = dirname(fileURLToPath(import.meta.url))
const preloadDir = join(here, '../preload')

let engine: Engine | undefined
let mainWindow: BrowserWindow | undefined

function openMainWindow(dataDir: string): void {
  mainWindow = createMainWindow(preloadDir, dataDir)
  mainWindow.on('closed', () => (mainWindow = undefined))
}

async function start() {
  await app.whenReady()
  // No remote content: refuse every permission request (camera, notifications, ...).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  serveRenderer(join(here, '../renderer'))
  const mode = startMode(process.argv, process.env, app.getPath('userData'))
  const log = setupLogging(mode.dataDir)
  log.write(`SEP2 Commissioner ${app.getVersion()} starting (Electron ${process.versions.electron ?? '-'}, data ${mode.dataDir})`)
  setupAppMenu({ dataDir: mode.dataDir, logDir: log.dir })
  const demo = mode.demo ? await demoConfig(mode.dataDir, new Date()) : {}
  engine = createEngine({
    dataDir: mode.dataDir,
    host: 'electron',
    ...demo,
    version: app.getVersion(),
    secretBox: safeStorageSecretBox,
    dialogs: createElectronDialogs(() => BrowserWindow.getFocusedWindow()),
    printToPdf: electronPrintToPdf,
    log: (line) => log.write(line),
  })
  const live = engine
  if (mode.demo) await seedDemo(live)
  // SEC-1: every IPC call goes through engine.invoke, which validates the input against the contract.
  ipcMain.handle(IPC_INVOKE, (_event, command: unknown, input: unknown) => live.invoke(String(command), input))
  live.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, event)
  })
  openMainWindow(mode.dataDir)
  app.on('activate', () => {
    if (!mainWindow) openMainWindow(mode.dataDir)
  })
}

// REL-3 (issue 15), first – before the lock, the scheme and the engine: an unexpected error is logged with its code
// and the site controller goes fail-safe; the app keeps running.
guardProcess('service', (line) => console.error(line))
registerAppScheme()
if (setupSingleInstance(() => mainWindow)) {
  setupLifecycle(async () => engine?.close())
  void start()
}
