import { app, type BrowserWindow } from 'electron'

/**
 * One running app per user (issue 10): a second launch hands over to the first, which brings its window to the
 * front, and quits. Returns false in that second instance, whose caller must start nothing.
 */
export function setupSingleInstance(mainWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const win = mainWindow()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}
