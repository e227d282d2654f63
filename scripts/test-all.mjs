#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in order – lint, typecheck (pure core, Node side, renderer), build
 * (Electron main/preload/renderer + the Node entries), unit and integration tests, end-to-end tests in Chromium.
 * Ends with one line `N passed, N failed[, N skipped]` summing every suite.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs'

// The tests run on the project's pinned Node (the `node` devDependency: `npm test` puts node_modules/.bin first on
// PATH), whatever Node the machine has. Say which, and stop early on one without node:sqlite.
const major = Number(process.versions.node.split('.')[0])
console.log(`Node ${process.version} (${process.execPath})`)
if (major < 24) {
  console.log(`Node ${process.version} is too old: package.json engines asks >= 24. Run \`npm ci\` (it installs the pinned Node) and then \`npm test\`.`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const totals = { passed: 0, failed: 0, skipped: 0 }
const failures = []
mkdirSync('out/test-results', { recursive: true })

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function check(label, command, args) {
  const ok = run(label, command, args)
  if (ok) totals.passed += 1
  else {
    totals.failed += 1
    failures.push(label)
  }
  return ok
}

function vitestSuite(label, config, outputFile, env = {}) {
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${outputFile}`]
  if (config) args.push('--config', config)
  const ok = run(label, 'npx', args, env)
  if (!existsSync(outputFile)) {
    totals.failed += 1
    failures.push(`${label} (no results)`)
    return
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'))
  totals.passed += report.numPassedTests
  totals.failed += report.numFailedTests
  totals.skipped += report.numPendingTests + report.numTodoTests
  // A file that failed without a failed test (it did not load, or its beforeAll threw and vitest skipped its tests)
  // counts as one failure: its skipped tests must not pass for green.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length
  totals.failed += brokenFiles
  // vitest exits non-zero for an unhandled error even when every test passed: that is a failure too, and counted.
  if (!ok && report.numFailedTests === 0 && brokenFiles === 0) totals.failed += 1
  if (!ok || report.numFailedTests > 0 || brokenFiles > 0) failures.push(label)
}

/** The fault suite's fast subset (faults/, issue 15): each case as expected counts passed, each wrong case failed. */
function faultSuite(summaryFile) {
  rmSync(summaryFile, { force: true })
  const bundled = run('fault suite bundle', 'npx', ['vite', 'build', '--config', 'faults/vite.config.ts'])
  const ok = bundled && run('fault suite (fast subset)', 'node', ['out/faults/main.js', '--fast', '--summary', summaryFile])
  const counts = bundled && existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { asExpected: 0, wrong: 1 }
  totals.passed += counts.asExpected
  totals.failed += counts.wrong
  if (!ok) failures.push('fault suite (fast subset)')
}

check('lint', 'npx', ['eslint', '.', '--max-warnings=0'])
check('typecheck src-shared (pure: no Node, no DOM)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.shared.json'])
check('typecheck Node side', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
check('typecheck renderer', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json'])
check('typecheck end-to-end tests', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json'])
const built = check('build', 'npm', ['run', 'build'])
// SEP2_BUILT: the packaged-layout smoke test (scripts/packaging) must run against this build, never skip.
vitestSuite('unit and integration tests', null, 'out/test-results/unit.json', built ? { SEP2_BUILT: '1' } : {})
if (built) vitestSuite('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', 'out/test-results/e2e.json')
else {
  totals.failed += 1
  failures.push('end-to-end tests (skipped: build failed)')
}
if (built) faultSuite('out/test-results/faults.json')

console.log('')
if (failures.length) console.log(`Failed: ${failures.join('; ')}`)
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : ''
console.log(`Tests ran on Node ${process.version}.`)
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`)
process.exit(totals.failed > 0 ? 1 : 0)
