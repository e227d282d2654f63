/**
 * A stand-in for the `electron` module, with the surface src-main/electron uses, so the built main bundle can start
 * in plain Node (packaged-layout smoke test). It records what the app does in `globalThis.__electronStub`:
 * IPC handlers, protocol handlers, windows, the menu, opened paths, message boxes; `firstWindow` resolves with the
 * first window created, `events` emits 'quit' when the app really quits.
 */
/* global Response -- Node 24 has fetch's Response built in */
import { Buffer } from 'node:buffer'
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

let windowOpened
const stub = { firstWindow: new Promise((resolve) => (windowOpened = resolve)), events: new EventEmitter(), handlers: new Map(), protocols: new Map(), windows: [], menu: undefined, opened: [], messageBoxes: [], schemes: [] }
globalThis.__electronStub = stub

class App extends EventEmitter {
  isPackaged = true
  whenReady = () => Promise.resolve()
  getPath = (name) => (name === 'userData' ? process.env.STUB_USER_DATA : process.env.STUB_USER_DATA + '/' + name)
  getVersion = () => process.env.STUB_APP_VERSION ?? '0.0.0'
  getName = () => 'SEP2 Commissioner'
  requestSingleInstanceLock = () => true
  quit = () => {
    let prevented = false
    this.emit('will-quit', { preventDefault: () => (prevented = true) })
    if (!prevented) stub.events.emit('quit')
  }
}
export const app = new App()

const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
export const screen = { getPrimaryDisplay: () => display, getAllDisplays: () => [display] }

export class BrowserWindow extends EventEmitter {
  static getAllWindows = () => [...stub.windows]
  static getFocusedWindow = () => stub.windows[0] ?? null
  constructor(options = {}) {
    super()
    this.options = options
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    this.webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {}, send() {}, printToPDF: async () => Buffer.from('%PDF-stub') })
    stub.windows.push(this)
    windowOpened(this)
  }
  loadURL(url) {
    this.url = url
    return Promise.resolve()
  }
  getNormalBounds = () => this.bounds
  isMaximized = () => false
  isMinimized = () => false
  maximize() {}
  restore() {}
  show() {}
  focus() {}
  destroy() {
    stub.windows.splice(stub.windows.indexOf(this), 1)
  }
  close() {
    this.emit('close', { preventDefault() {} })
    this.destroy()
    this.emit('closed')
    if (stub.windows.length === 0) app.emit('window-all-closed')
  }
}

export const ipcMain = { handle: (channel, fn) => stub.handlers.set(channel, fn) }
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => stub.schemes.push(...schemes),
  handle: (scheme, fn) => stub.protocols.set(scheme, fn),
}
export const net = { fetch: async (url) => new Response(await readFile(fileURLToPath(url))) }
export const session = { defaultSession: { setPermissionRequestHandler() {} } }
/** Stands in for the OS keychain: reversible, so keys written by the smoke run can be read back. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(`stub:${plain}`),
  decryptString: (sealed) => sealed.toString().slice(5),
}
export const Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => (stub.menu = menu) }
export const shell = { openPath: async (path) => (stub.opened.push(path), ''), openExternal: async () => undefined }
export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  showMessageBox: async (options) => (stub.messageBoxes.push(options), { response: 0 }),
}

export default { app, screen, BrowserWindow, ipcMain, protocol, net, session, safeStorage, Menu, shell, dialog }
