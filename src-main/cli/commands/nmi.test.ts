import { describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { nmiCommand } from './nmi'

function fakeIo(): { io: CliIo; printed: { human: string; json: unknown }[] } {
  const printed: { human: string; json: unknown }[] = []
  return { printed, io: { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd: '/', env: {} } }
}

describe('nmi command (ID-4)', () => {
  it('accepts a valid NMI and prints the normalised NMI and checksum', async () => {
    const { io, printed } = fakeIo()
    expect(await nmiCommand.run({ positionals: ['qaaavzzzzz'], values: {}, json: false }, io)).toBe(0)
    expect(printed[0]?.human).toContain('QAAAVZZZZZ3 is a valid NMI.')
    expect(printed[0]?.json).toMatchObject({ valid: true, normalised: 'QAAAVZZZZZ', expectedChecksum: 3 })
  })

  it('exits 1 on a wrong checksum and says which digit was expected', async () => {
    const { io, printed } = fakeIo()
    expect(await nmiCommand.run({ positionals: ['QAAAVZZZZZ4'], values: {}, json: true }, io)).toBe(1)
    expect(printed[0]?.human).toMatch(/Not a valid NMI: The checksum digit of QAAAVZZZZZ is 3, not 4/)
    expect(printed[0]?.json).toMatchObject({ valid: false, expectedChecksum: 3, error: { code: 'NMI_CHECKSUM' } })
  })

  it('exits 1 on the letter O', async () => {
    const { io, printed } = fakeIo()
    expect(await nmiCommand.run({ positionals: ['QAAAOZZZZZ'], values: {}, json: false }, io)).toBe(1)
    expect(printed[0]?.human).toMatch(/I or O/)
  })

  it('throws a usage error without an NMI', async () => {
    await expect(nmiCommand.run({ positionals: [], values: {}, json: false }, fakeIo().io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
