import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { MIN_SIZE } from '../../src-shared/desktop/window-bounds'
import { APP_ORIGIN } from './app-protocol'
import { rememberedWindowState, trackWindowState } from './window-state'

/**
 * SEC-1: a locked-down window – sandboxed, isolated, no Node, no navigation away, no new windows. It opens where it
 * was last closed (saved in the data folder).
 */
export function createMainWindow(preloadDir: string, dataDir: string): BrowserWindow {
  const state = rememberedWindowState(dataDir)
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'SEP2 Commissioner',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Only the handbook's https links may open, and only in the system browser.
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if (state.maximized) win.maximize()
  trackWindowState(win, dataDir)
  void win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}
