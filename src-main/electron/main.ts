/**
 * The Electron host: one locked-down window over the same engine the web host uses. Thin by design – the engine,
 * its validation and its events are shared; this file only wires IPC, dialogs and safeStorage.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { demoConfig, seedDemo } from '../demo/prepare-demo'
import { createEngine, type Engine } from '../engine/create-engine'
import { guardProcess } from '../engine/process-guard'
import { startMode } from '../engine/start-mode'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { createElectronDialogs } from './dialogs'
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels'
import { electronPrintToPdf } from './print-to-pdf'
import { safeStorageSecretBox } from './safe-storage'
import { createMainWindow } from './window'

registerAppScheme()
// REL-3: an unexpected error is logged with its code and the site controller goes fail-safe; the app keeps running.
guardProcess('service', (line) => console.error(line))

/** out/main, next to out/preload and out/renderer (the bundle is an ES module: no __dirname). */
const here = dirname(fileURLToPath(import.meta.url))

let engine: Engine | undefined

async function start() {
  await app.whenReady()
  // No remote content: refuse every permission request (camera, notifications, ...).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  serveRenderer(join(here, '../renderer'))
  const mode = startMode(process.argv, process.env, app.getPath('userData'))
  const demo = mode.demo ? await demoConfig(mode.dataDir, new Date()) : {}
  engine = createEngine({
    dataDir: mode.dataDir,
    host: 'electron',
    ...demo,
    version: app.getVersion(),
    secretBox: safeStorageSecretBox,
    dialogs: createElectronDialogs(() => BrowserWindow.getFocusedWindow()),
    printToPdf: electronPrintToPdf,
    log: (line) => console.error(line),
  })
  const live = engine
  if (mode.demo) await seedDemo(live)
  // SEC-1: every IPC call goes through engine.invoke, which validates the input against the contract.
  ipcMain.handle(IPC_INVOKE, (_event, command: unknown, input: unknown) => live.invoke(String(command), input))
  live.subscribe((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_EVENT, event)
  })
  createMainWindow(join(here, '../preload'))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(join(here, '../preload'))
  })
}

app.on('window-all-closed', () => {
  void engine?.close()
  if (process.platform !== 'darwin') app.quit()
})

void start()
