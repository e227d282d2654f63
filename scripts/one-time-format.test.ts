/**
 * One time format (issue 17 item 6): the renderer writes times through src-shared/time/qld-time.ts – Queensland time
 * with its zone – never with the laptop's own zone (`toLocaleString` and friends on a Date), so the app, its charts
 * and the report agree on a laptop on NSW daylight time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../src-renderer')

/** Files still formatting times locally, owned by another change in flight; the test fails once one is clean. */
const PENDING: Record<string, string> = {}

const LOCAL_TIME = /\b(new Date\([^)]*\)|\bDate)\S*\.toLocale(Date|Time)?String\(|toLocaleTimeString\(|toLocaleDateString\(/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return files(path)
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : []
  })
}

describe('times in the renderer', () => {
  it('are written in Queensland time through src-shared/time, never in the local zone', () => {
    const offenders = files(ROOT)
      .map((f) => relative(ROOT, f))
      .filter((f) => LOCAL_TIME.test(readFileSync(join(ROOT, f), 'utf8')))
    expect(offenders.filter((f) => !(f in PENDING))).toEqual([])
    expect(Object.keys(PENDING).filter((f) => !offenders.includes(f))).toEqual([])
  })
})
