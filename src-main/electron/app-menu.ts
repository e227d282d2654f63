import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { aboutText } from './about'

export interface AppMenuOptions {
  dataDir: string
  logDir: string
}

function helpMenu({ dataDir, logDir }: AppMenuOptions): MenuItemConstructorOptions {
  return {
    role: 'help',
    submenu: [
      { label: 'Open data folder', click: () => void shell.openPath(dataDir) },
      { label: 'Open logs', click: () => void shell.openPath(logDir) },
      { type: 'separator' },
      {
        label: 'About',
        click: () => void dialog.showMessageBox({ type: 'info', title: 'About SEP2 Commissioner', ...aboutText(app.getVersion(), process.versions) }),
      },
    ],
  }
}

/** The native menu: the platform's standard menus (copy/paste must work in the forms) and Help. */
export function setupAppMenu(options: AppMenuOptions): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    helpMenu(options),
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
