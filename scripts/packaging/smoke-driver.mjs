#!/usr/bin/env node
/**
 * Packaged-layout smoke run (issue 10): start the app in `<appDir>` – a copy of exactly the files electron-builder
 * would package – in plain Node with the `electron` stand-in, the way Electron would (package.json "main"). Then: one
 * command through the IPC handler table, the renderer through the app:// protocol, the Help menu, and quit. Prints
 * one JSON line with what it saw; any failure exits non-zero with the error.
 */
/* global Request -- Node 24 has fetch's Request built in */
import { setImmediate } from 'node:timers'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const appDir = process.argv[2]
const site = {
  name: 'Smoke test site',
  installer: { name: 'Pat Installer', licence: 'QLD-123456' },
  address: '1 Example St, Brisbane QLD 4000',
  nmi: 'QCDWW00010',
  pathway: 'gateway',
  pen: 57269,
  fixedLimits: { exportW: 1500, importW: 1500 },
  der: [{ type: 4, description: 'PV inverter', ratedW: 5000, ratedVA: 5000, count: 1 }],
}

async function main() {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'))
  process.env.STUB_APP_VERSION = pkg.version
  await import(pathToFileURL(join(appDir, pkg.main)).href)
  const stub = globalThis.__electronStub
  const win = await stub.firstWindow

  const invoke = stub.handlers.get('sep2:invoke')
  const saved = await invoke({}, 'sites.save', site)
  const listed = await invoke({}, 'sites.list', {})
  const info = await invoke({}, 'app.info', {})

  const page = await stub.protocols.get('app')(new Request('app://renderer/index.html'))
  const html = await page.text()
  const script = html.match(/src="\.\/(assets\/[^"]+\.js)"/)?.[1]
  const scriptStatus = script ? (await stub.protocols.get('app')(new Request(`app://renderer/${script}`))).status : 0

  const help = stub.menu.template.find((m) => m.role === 'help').submenu
  for (const item of help) item.click?.()
  await new Promise((resolve) => setImmediate(resolve))

  const quit = once(stub.events, 'quit')
  win.close()
  await quit
  console.log(JSON.stringify({
    saved: saved.ok, sites: listed.ok ? listed.value.length : -1, info: info.ok ? info.value : info.error,
    renderer: { status: page.status, csp: page.headers.get('content-security-policy') !== null, root: html.includes('id="root"'), scriptStatus },
    preload: existsSync(win.options.webPreferences.preload),
    help: help.filter((i) => i.label).map((i) => i.label), opened: stub.opened, about: stub.messageBoxes[0]?.detail ?? '',
  }))
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
