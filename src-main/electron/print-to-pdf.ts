import { BrowserWindow } from 'electron'
import type { PrintToPdf } from '../engine/host-capabilities'

/** APP-5 in the desktop app: Electron's own Chromium prints the report HTML (no script runs in that window). */
export const electronPrintToPdf: PrintToPdf = async (html, pages) => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } })
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return new Uint8Array(await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: pages.header, footerTemplate: pages.footer }))
  } finally {
    win.destroy()
  }
}
