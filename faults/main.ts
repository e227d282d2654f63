/**
 * `npm run faults` (issue 15 item 9): every fault case against the built CLI and web host, one line each –
 * tried / as expected / wrong – and a total line `faults: N tried, N as expected, N wrong`. Exit 1 when any case is
 * wrong. `--fast`: the subset `npm test` runs; `--mutations-full`: 100,000 XML mutations instead of 20,000;
 * `--only <text>`: the cases whose id contains the text; `--summary <file>`: the totals as JSON for scripts/test-all.mjs.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serverCases } from './cases'
import type { FaultCase, Verdict } from './lib/case'
import { killAll } from './lib/processes'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

async function runOne(c: FaultCase, fullMutations: boolean): Promise<Verdict> {
  const tmp = mkdtempSync(join(tmpdir(), `sep2-faults-${c.id.replace(/[^a-z0-9]+/gi, '-')}-`))
  let bound: NodeJS.Timeout | undefined
  const abort = new AbortController()
  try {
    const timedOut = new Promise<Verdict>((done) => {
      bound = setTimeout(() => {
        abort.abort()
        done({ ok: false, facts: `the case ran past its bound of ${c.timeoutMs / 1000} s` })
      }, c.timeoutMs)
    })
    return await Promise.race([c.run({ root, tmp, fullMutations, log: (line) => console.log(`    ${line}`), signal: abort.signal }), timedOut])
  } catch (error) {
    return { ok: false, facts: `the harness could not run the case: ${error instanceof Error ? error.message : String(error)}` }
  } finally {
    clearTimeout(bound)
    abort.abort()
    killAll()
    rmSync(tmp, { recursive: true, force: true })
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { fast: { type: 'boolean' }, 'mutations-full': { type: 'boolean' }, only: { type: 'string' }, summary: { type: 'string' } } })
  if (!existsSync(join(root, 'out/node/cli.js')) || !existsSync(join(root, 'out/node/web.js'))) {
    console.error('faults: out/node/cli.js or web.js is missing: run `npm run build:node` first.')
    return 2
  }
  const cases = serverCases.filter((c) => (!values.fast || c.fast) && (values.only === undefined || c.id.includes(values.only)))
  const totals = { tried: 0, asExpected: 0, wrong: 0 }
  const began = Date.now()
  for (const c of cases) {
    const t0 = Date.now()
    const verdict = await runOne(c, values['mutations-full'] === true)
    totals.tried++
    if (verdict.ok) totals.asExpected++
    else totals.wrong++
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    console.log(`${verdict.ok ? 'as expected' : 'WRONG      '}  ${c.id}  (${secs} s)  ${c.title}`)
    console.log(`             ${verdict.facts}`)
  }
  console.log(`\nfaults: ${totals.tried} tried, ${totals.asExpected} as expected, ${totals.wrong} wrong (${((Date.now() - began) / 1000).toFixed(0)} s)`)
  if (values.summary) writeFileSync(values.summary, JSON.stringify(totals))
  return totals.wrong > 0 || totals.tried === 0 ? 1 : 0
}

process.on('exit', killAll)
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('faults: the harness failed:', error)
    process.exit(2)
  },
)
