#!/usr/bin/env node
// The built CLI lives in out/node/cli.js (`npm run build`).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/node/cli.js', import.meta.url))
if (!existsSync(built)) {
  console.error('sep2-commissioner is not built yet: run `npm run build` in the project folder first.')
  process.exit(2)
}
await import(pathToFileURL(built).href)
