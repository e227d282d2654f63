import { screen, type BrowserWindow } from 'electron'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseWindowState, restoreWindowState, type WindowState } from '../../src-shared/desktop/window-bounds'

/** The main window's size, position and maximised state, in the data folder. */
export const WINDOW_STATE_FILE = 'window-state.json'

function readSaved(file: string): WindowState | undefined {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    return undefined // first start, or a damaged file: the default placement
  }
}

/** Where to open: the saved state placed on today's displays (the primary display first). */
export function rememberedWindowState(dataDir: string): WindowState {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id)
  return restoreWindowState(readSaved(join(dataDir, WINDOW_STATE_FILE)), [primary, ...others].map((d) => d.workArea))
}

/** Save the window's normal (not maximised) bounds and whether it was maximised, when it closes. */
export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() }
    try {
      writeFileSync(join(dataDir, WINDOW_STATE_FILE), JSON.stringify(state), { mode: 0o600 })
    } catch {
      // The data folder went away (removed while running): next start uses the default placement.
    }
  })
}
