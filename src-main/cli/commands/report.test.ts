import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sampleSite } from '../../../src-shared/report/testing/sample-report'
import { validateReportJson } from '../../report/schema-file'
import { openDatabase } from '../../storage/database'
import { createSitesRepo } from '../../storage/sites-repo'
import { runCli } from '../run-cli'
import { reportCommand } from './report'

const root = mkdtempSync(join(tmpdir(), 'sep2-cli-report-'))
const dataDir = join(root, 'data')
afterAll(() => rmSync(root, { recursive: true, force: true }))

function addSite(): string {
  const db = openDatabase(dataDir)
  try {
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = sampleSite
    return createSitesRepo(db, () => 1_795_000_000_000).save({ ...input, nmi: '4102345678' }).id
  } finally {
    db.close()
  }
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['report', ...args], [reportCommand], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    signal: new AbortController().signal,
    cwd: root,
    env: {},
  })
  return { code, stdout, stderr }
}

describe('sep2-commissioner report', () => {
  const siteId = addSite()

  it('writes JSON that validates, and says what is not done', async () => {
    const result = await cli(['--site', siteId, '--out', 'out/report.json', '--data-dir', dataDir])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Overall: INCOMPLETE')
    expect(result.stdout).toContain('NOT-DONE Certificate and identity: No certificate imported for this site')
    const json: unknown = JSON.parse(readFileSync(join(root, 'out', 'report.json'), 'utf8'))
    expect(validateReportJson(json)).toEqual([])
  })

  it('writes a folder with the JSON, HTML, PDF and the three CSVs (--json output lists them)', async () => {
    const result = await cli(['--site', siteId, '--out', join(root, 'bundle'), '--data-dir', dataDir, '--json'])
    expect(result.code).toBe(0)
    const answer = JSON.parse(result.stdout) as { files: string[]; outcome: string }
    expect(answer.outcome).toBe('incomplete')
    expect(readdirSync(join(root, 'bundle')).sort()).toEqual(['events.csv', 'report.html', 'report.json', 'report.pdf', 'responses.csv', 'samples.csv'])
    const text = execFileSync('pdftotext', [join(root, 'bundle', 'report.pdf'), '-'], { encoding: 'utf8' })
    expect(text).toContain('4102345678')
    expect(text).toContain('Smith Residence, Toowoomba')
  }, 90_000)

  it('needs --site and --out (usage error, exit 2)', async () => {
    expect((await cli(['--out', 'x.json', '--data-dir', dataDir])).code).toBe(2)
    expect((await cli(['--site', siteId, '--data-dir', dataDir])).code).toBe(2)
  })

  it('names an unknown site (exit 1, SITE_NOT_FOUND)', async () => {
    const result = await cli(['--site', 'nope', '--out', 'x.json', '--data-dir', dataDir, '--json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'SITE_NOT_FOUND' } })
  })
})
