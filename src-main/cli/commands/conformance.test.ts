import { describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { conformanceCommand } from './conformance'

function fakeIo(): { io: CliIo; printed: { human: string; json: unknown }[]; info: string[] } {
  const printed: { human: string; json: unknown }[] = []
  const info: string[] = []
  return { printed, info, io: { print: (human, json) => printed.push({ human, json }), info: (l) => info.push(l), signal: new AbortController().signal, cwd: '/', env: {} } }
}

describe('conformance command (issue 12 item 2)', { timeout: 120_000 }, () => {
  it('--list prints all 83 procedures with their Queensland classification and clause', async () => {
    const { io, printed } = fakeIo()
    expect(await conformanceCommand.run({ positionals: [], values: { list: true }, json: false }, io)).toBe(0)
    const lines = printed[0]?.human.split('\n') ?? []
    expect(lines).toHaveLength(83)
    expect(lines.find((l) => l.startsWith('PRC-01'))).toMatch(/not-applicable .*v1\.3 only.*\(handbook 2\.2 \[4\], 6\)/)
    expect(printed[0]?.json).toHaveLength(83)
  })

  it('--only runs the named procedures: one line each and a total; exit 0 when they pass', async () => {
    const { io, printed } = fakeIo()
    expect(await conformanceCommand.run({ positionals: [], values: { only: 'all-01,GEN-01' }, json: false }, io)).toBe(0)
    const lines = printed[0]?.human.split('\n') ?? []
    expect(lines[0]).toMatch(/^PASS +ALL-01 +Discovery with Out-of-Band Registration/)
    expect(lines[1]).toMatch(/^PASS +GEN-01 /)
    expect(lines.at(-1)).toBe('2 passed, 0 failed, 0 not run (of 2)')
    expect(printed[0]?.json).toMatchObject({ passed: 2, failed: 0, notRun: 0 })
  })

  it('an unknown procedure is bad input, with where to look', async () => {
    const { io } = fakeIo()
    await expect(conformanceCommand.run({ positionals: [], values: { only: 'ALL-99' }, json: false }, io)).rejects.toThrow(CliUsageError)
    await expect(conformanceCommand.run({ positionals: [], values: { only: 'ALL-99' }, json: false }, io)).rejects.toThrow(/No procedure ALL-99.*--list/)
  })
})
