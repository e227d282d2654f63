/** `sep2-commissioner pki --out DIR [--devices N]`: writes a test PKI in the IEEE 2030.5 profile (for practice and tests). */
import { resolve } from 'node:path'
import { generateTestPki } from '../../pki/test-pki'
import { CliUsageError, type CliCommand } from '../types'

const MAX_DEVICES = 100

export const pkiCommand: CliCommand = {
  name: 'pki',
  summary: 'Generate a test PKI (SERCA, MICA, device and server certificates) for practice and the simulators',
  usage: '--out <dir> [--devices N] [--json]',
  options: {
    out: { type: 'string', description: 'Folder to write the certificates and keys into' },
    devices: { type: 'string', description: `Number of device certificates (1-${MAX_DEVICES}, default 1)` },
  },
  async run(input, io) {
    const out = input.values['out']
    if (typeof out !== 'string' || out === '') throw new CliUsageError('--out <dir> is required.')
    const devicesText = input.values['devices']
    const deviceCount = devicesText === undefined ? 1 : Number(devicesText)
    if (!Number.isInteger(deviceCount) || deviceCount < 1 || deviceCount > MAX_DEVICES) {
      throw new CliUsageError(`--devices must be a whole number from 1 to ${MAX_DEVICES}.`)
    }
    const dir = resolve(io.cwd, out)
    const pki = await generateTestPki({ dir, deviceCount, now: new Date() })
    const devices = pki.devices.map((d, i) => ({ name: `device-${i + 1}`, lfdi: d.lfdi, sfdi: d.sfdi, hwSerialNum: d.hwSerialNum }))
    const human = [
      `Test PKI written to ${dir} (not trusted by any real utility server):`,
      ...pki.files.map((f) => `  ${f}`),
      '',
      ...devices.map((d) => `${d.name}: LFDI ${d.lfdi}  SFDI ${d.sfdi}`),
      `server: LFDI ${pki.server.lfdi}  SFDI ${pki.server.sfdi}`,
    ].join('\n')
    io.print(human, { dir, files: pki.files, devices, server: { lfdi: pki.server.lfdi, sfdi: pki.server.sfdi } })
    return 0
  },
}
