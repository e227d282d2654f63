/** `sep2-commissioner nmi <NMI>`: checks a NMI and its AEMO checksum (REQUIREMENTS ID-4). Exit 1 when invalid. */
import { validateNmi } from '../../../src-shared/identity'
import { CliUsageError, type CliCommand } from '../types'

export const nmiCommand: CliCommand = {
  name: 'nmi',
  summary: 'Check a NMI and its checksum digit (AEMO algorithm)',
  usage: '<NMI> [--json]',
  options: {},
  async run(input, io) {
    const [nmi, ...extra] = input.positionals
    if (nmi === undefined || extra.length > 0) throw new CliUsageError('Give exactly one NMI (10 characters, optionally with its checksum digit).')
    const result = validateNmi(nmi)
    const lines = result.valid
      ? [`${result.normalised}${result.expectedChecksum ?? ''} is a valid NMI.`, `NMI: ${result.normalised}`, `Checksum digit: ${result.expectedChecksum ?? ''}`]
      : [`Not a valid NMI: ${result.error?.message ?? ''}`, ...(result.expectedChecksum === undefined ? [] : [`Expected checksum digit: ${result.expectedChecksum}`])]
    io.print(lines.join('\n'), result)
    return result.valid ? 0 : 1
  },
}
