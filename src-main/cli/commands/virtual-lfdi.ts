/** `sep2-commissioner virtual-lfdi --nmi <NMI> --pen <PEN>`: the cloud-proxy LFDI of handbook 9.1.2 (ID-3). */
import { checkPen, formatLfdi, formatPen } from '../../../src-shared/identity'
import { virtualLfdiForNmi } from '../../identity/virtual-lfdi'
import { CliUsageError, type CliCommand } from '../types'

export const virtualLfdiCommand: CliCommand = {
  name: 'virtual-lfdi',
  summary: 'Compute the virtual LFDI and SFDI of a cloud-proxy site from its NMI and your PEN',
  usage: '--nmi <NMI> --pen <PEN> [--json]',
  options: {
    nmi: { type: 'string', description: 'The site NMI (10 characters, optionally with its checksum digit)' },
    pen: { type: 'string', description: 'Your IANA Private Enterprise Number' },
  },
  async run(input, io) {
    const nmi = input.values['nmi']
    const penText = input.values['pen']
    if (typeof nmi !== 'string' || typeof penText !== 'string') throw new CliUsageError('Both --nmi and --pen are required.')
    const pen = checkPen(penText)
    if (!pen.ok) throw new CliUsageError(pen.message)
    const result = virtualLfdiForNmi({ nmi, pen: pen.pen })
    if (!result.ok) throw new CliUsageError(result.message)
    const warning = result.nmiCheck.valid ? undefined : `Warning: ${result.nmiCheck.error?.message ?? 'not a valid AEMO NMI'}`
    const human = [
      `LFDI  ${result.lfdi}  (${formatLfdi(result.lfdi)})`,
      `SFDI  ${result.sfdi}`,
      `from NMI ${result.nmi} and PEN ${formatPen(result.pen)} (handbook 9.1.2)`,
      ...(warning ? [warning] : []),
    ].join('\n')
    const nmiValid = result.nmiCheck.valid
    io.print(human, { nmi: result.nmi, pen: result.pen, lfdi: result.lfdi, sfdi: result.sfdi, nmiValid, ...(warning ? { warning } : {}) })
    return 0
  },
}
