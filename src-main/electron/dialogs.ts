import { dialog, type BrowserWindow } from 'electron'
import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { HostDialogs } from '../engine/host-capabilities'

/** Native open/save dialogs; the main process reads and writes the files, the renderer never sees a path it chose. */
export function createElectronDialogs(parent: () => BrowserWindow | null): HostDialogs {
  return {
    async openFiles({ title, filters }) {
      const win = parent()
      const options = { title, filters, properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[] }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      if (result.canceled) return null
      return Promise.all(result.filePaths.map(async (path) => ({ name: basename(path), bytes: new Uint8Array(await readFile(path)) })))
    },
    async saveFile({ title, defaultName, content }) {
      const win = parent()
      const options = { title, defaultPath: defaultName }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return null
      await writeFile(result.filePath, content, { mode: 0o644 })
      return result.filePath
    },
  }
}
