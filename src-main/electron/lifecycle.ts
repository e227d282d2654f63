import { app } from 'electron'

/**
 * Quitting: closing the last window quits (except on macOS, where apps stay in the dock), and every way of quitting
 * (last window, menu, Cmd+Q, the OS logging out) first waits for `shutdown` – the engine stops its pollers and
 * closes the database – then quits for real.
 */
export function setupLifecycle(shutdown: () => Promise<void>): void {
  let closing: Promise<void> | undefined
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    if (closing) return
    event.preventDefault()
    closing = shutdown().catch((error: unknown) => console.error('shutdown failed', error))
    void closing.finally(() => app.quit())
  })
}
