#!/usr/bin/env node
// Turns the cactus client test procedures (resources/cactus-client-procedures/*.yaml, MIT, bsgip/cactus-test-definitions)
// into one JSON file the app bundles, so the app needs no YAML parser at run time. The YAML stays the source:
// `--check` exits 1 when procedures.json is not what the YAML gives (a unit test runs it), so the two cannot drift.
// js-yaml refuses duplicate keys, as the harness's own loader does.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'cactus-client-procedures')
const out = join(folder, 'procedures.json')

const procedures = {}
for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
  procedures[file.slice(0, -'.yaml'.length)] = yaml.load(readFileSync(join(folder, file), 'utf8'), { filename: file })
}
const text = `${JSON.stringify({ source: 'bsgip/cactus-test-definitions v1.16.4 (commit 90afc7a), MIT', procedures }, null, 1)}\n`

if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8')
  if (current !== text) {
    console.error('procedures.json is out of date: run node scripts/import-cactus-procedures.mjs')
    process.exit(1)
  }
  console.log(`procedures.json matches the ${Object.keys(procedures).length} YAML procedures`)
} else {
  writeFileSync(out, text)
  console.log(`wrote ${Object.keys(procedures).length} procedures to ${out}`)
}
