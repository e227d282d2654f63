import { describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { virtualLfdiCommand } from './virtual-lfdi'

function fakeIo(): { io: CliIo; printed: { human: string; json: unknown }[] } {
  const printed: { human: string; json: unknown }[] = []
  return { printed, io: { print: (human, json) => printed.push({ human, json }), info: () => undefined, signal: new AbortController().signal, cwd: '/', env: {} } }
}

describe('virtual-lfdi command (ID-3)', () => {
  it('gives the handbook 9.1.2 example', async () => {
    const { io, printed } = fakeIo()
    expect(await virtualLfdiCommand.run({ positionals: [], values: { nmi: 'NMI0001234', pen: '57269' }, json: true }, io)).toBe(0)
    expect(printed[0]?.json).toMatchObject({ nmi: 'NMI0001234', pen: 57269, lfdi: 'B538D9942C7B5B831AED81A1FEC46B3D00057269' })
    expect(printed[0]?.human).toContain('LFDI  B538D9942C7B5B831AED81A1FEC46B3D00057269')
    expect(printed[0]?.human).toMatch(/SFDI {2}\d{12}/)
  })

  it('warns that the handbook example is not a valid AEMO NMI (it contains I), but still computes it', async () => {
    const { io, printed } = fakeIo()
    await virtualLfdiCommand.run({ positionals: [], values: { nmi: 'NMI0001234', pen: '57269' }, json: false }, io)
    expect(printed[0]?.human).toMatch(/Warning: A NMI never contains the letters I or O/)
  })

  it('hashes the first 10 characters only (handbook: nmi[:10]), upper case', async () => {
    const { io, printed } = fakeIo()
    await virtualLfdiCommand.run({ positionals: [], values: { nmi: ' nmi00012345 ', pen: '57269' }, json: true }, io)
    expect(printed[0]?.json).toMatchObject({ nmi: 'NMI0001234', lfdi: 'B538D9942C7B5B831AED81A1FEC46B3D00057269' })
  })

  it('a valid AEMO NMI gets no warning', async () => {
    const { io, printed } = fakeIo()
    await virtualLfdiCommand.run({ positionals: [], values: { nmi: 'QAAAVZZZZZ3', pen: '1' }, json: true }, io)
    expect(printed[0]?.json).toMatchObject({ nmi: 'QAAAVZZZZZ', nmiValid: true })
    expect(printed[0]?.json).not.toHaveProperty('warning')
    expect((printed[0]?.json as { lfdi: string }).lfdi).toMatch(/^[0-9A-F]{32}00000001$/)
  })

  it.each([
    [{ nmi: 'NMI0001234' }, /required/],
    [{ nmi: 'NMI0001234', pen: 'x' }, /whole number/],
    [{ nmi: 'NMI0001234', pen: '123456789' }, /8 digits/],
    [{ nmi: 'NMI00012', pen: '57269' }, /10 letters or digits/],
  ])('rejects bad input %o', async (values, message) => {
    await expect(virtualLfdiCommand.run({ positionals: [], values, json: false }, fakeIo().io)).rejects.toThrow(message)
    await expect(virtualLfdiCommand.run({ positionals: [], values, json: false }, fakeIo().io)).rejects.toBeInstanceOf(CliUsageError)
  })
})
