/**
 * Storage owns SQL (issue 16 item 3): outside src-main/storage no source file prepares a statement, runs SQL, sets a
 * pragma, opens a SQLite driver or holds SQL text. Every table is read and written through a repo here, so the
 * schema is known in one folder. Test files may seed fixtures directly (a table missing or of an older shape is what
 * some of them test), so `*.test.ts` are not scanned; test helpers (`testing/`) are.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const REPO = resolve(__dirname, '../..')
const ROOTS = ['src-main', 'src-shared', 'src-renderer', 'e2e', 'bench', 'scripts']
const STORAGE = 'src-main/storage/'

/**
 * Files that still hold SQL and belong to another change in flight: each entry says why, and the test fails once the
 * file is clean so the entry is removed.
 */
const PENDING: Record<string, string> = {}

const SQL_SIGNS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'prepares a statement', pattern: /\.prepare\(/ },
  { what: 'runs SQL', pattern: /\b(db|database|target)\.exec\(/ },
  { what: 'sets a pragma', pattern: /\.pragma\(/ },
  { what: 'opens a SQLite driver', pattern: /from ['"](better-sqlite3|node:sqlite)['"]/ },
  { what: 'holds SQL text', pattern: /\b(SELECT\s+(\*|[a-z_]+[\s,(])|INSERT\s+(OR\s+[A-Z]+\s+)?INTO\s|DELETE\s+FROM\s|UPDATE\s+[a-z_]+\s+SET\s|CREATE\s+(TABLE|INDEX)\s|ALTER\s+TABLE\s|DROP\s+TABLE\s)/ },
]

function sourceFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sourceFiles(path)
    return /\.(ts|tsx|mts|mjs|js)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : []
  })
}

/** What each file outside storage does with SQL, if anything. */
export function sqlOutsideStorage(root: string): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const file of ROOTS.flatMap((r) => sourceFiles(join(root, r)))) {
    const rel = relative(root, file).split('\\').join('/')
    if (rel.startsWith(STORAGE)) continue
    const text = readFileSync(file, 'utf8')
    const signs = SQL_SIGNS.filter((s) => s.pattern.test(text)).map((s) => s.what)
    if (signs.length > 0) found.set(rel, signs)
  }
  return found
}

describe('SQL lives only in src-main/storage (issue 16.3)', () => {
  const found = sqlOutsideStorage(REPO)

  it('no source file outside storage prepares, runs or holds SQL', () => {
    const offenders = [...found.entries()].filter(([file]) => !(file in PENDING)).map(([file, signs]) => `${file}: ${signs.join(', ')}`)
    expect(offenders).toEqual([])
  })

  it('every pending exception still needs to be one (remove the entry once the file is clean)', () => {
    expect(Object.keys(PENDING).filter((file) => !found.has(file))).toEqual([])
  })

  it('recognises each kind of SQL use it forbids', () => {
    const samples = [
      "db.prepare('x').run()",
      "target.exec('x')",
      "db.pragma('user_version')",
      "import Database from 'better-sqlite3'",
      "const q = 'SELECT id FROM sites'",
      '`INSERT OR IGNORE INTO t VALUES (?)`',
      "'DELETE FROM telemetry_buffer WHERE id = ?'",
      "'UPDATE controls_responses SET state = ?'",
    ]
    expect(samples.filter((s) => !SQL_SIGNS.some((sign) => sign.pattern.test(s)))).toEqual([])
    expect(SQL_SIGNS.some((sign) => sign.pattern.test("/^(\\d+)$/.exec(text) // Select the port, then update the list"))).toBe(false)
  })
})
