#!/usr/bin/env node
/**
 * `npm start`: the desktop app. Where the Electron binary is missing (it cannot be downloaded on every machine),
 * say so and start the same app in a browser through the web host instead.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

function electronBinary() {
  try {
    return createRequire(import.meta.url)('electron')
  } catch {
    return null
  }
}

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1
const binary = electronBinary()
if (binary) {
  const built = run('npx', ['electron-vite', 'build'])
  if (built !== 0) process.exit(built)
  process.exit(run(binary, ['.']))
}
console.log('No Electron binary is installed on this machine; starting the same app in your browser instead.')
process.exit(run('npm', ['run', 'start:web']))
