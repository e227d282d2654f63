/** `sep2-commissioner identity <certificate file>`: LFDI, SFDI and the facts of a certificate (REQUIREMENTS ID-1, ID-2). */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { formatLfdi, type CertificateIdentity } from '../../../src-shared/identity'
import { identityOf } from '../../identity/analyse-certificate'
import { selectDeviceCertificate } from '../../identity/certificate-checks'
import { CertificateFileError } from '../../identity/errors'
import { readInputFiles } from '../../identity/read-files'
import { CliUsageError, type CliCommand } from '../types'

export const identityCommand: CliCommand = {
  name: 'identity',
  summary: 'Show the LFDI, SFDI, subject, issuer, validity and key of a certificate (PEM or DER)',
  usage: '<certificate file> [--json]',
  options: {},
  async run(input, io) {
    const [file, ...extra] = input.positionals
    if (!file || extra.length > 0) throw new CliUsageError('Give exactly one certificate file.')
    const path = resolve(io.cwd, file)
    const bytes = await readFile(path).catch(() => {
      throw new CertificateFileError(`Cannot read ${path}.`, 'Check the file name and that you may read it.')
    })
    const read = readInputFiles([{ name: file, bytes: new Uint8Array(bytes) }])
    const certificate = selectDeviceCertificate(read).device ?? read.certificates[0]
    if (!certificate) {
      const problem = read.problems[0]?.problem ?? 'holds no certificate'
      throw new CertificateFileError(`"${file}" ${problem}.`, 'Pick the certificate file (PEM or DER) the utility sent.')
    }
    const identity = identityOf(certificate)
    io.print(describeIdentity(identity), { file: path, ...identity })
    return 0
  },
}

export function describeIdentity(identity: CertificateIdentity): string {
  const rows: [string, string][] = [
    ['LFDI', `${identity.lfdi}  (${formatLfdi(identity.lfdi)})`],
    ['SFDI', identity.sfdi],
    ['Subject', identity.subject === '' ? '(empty, as IEEE 2030.5 device certificates have)' : identity.subject],
    ['Issuer', identity.issuer],
    ['Valid from', identity.notBefore],
    ['Valid until', identity.notAfter.startsWith('9999-') ? `${identity.notAfter} (no expiry)` : identity.notAfter],
    ['Key', identity.keyAlgorithm.description],
    ['Serial', identity.serialNumber],
    ['SHA-256', identity.fingerprintSha256],
  ]
  if (identity.hardwareModule) rows.push(['Hardware', `type ${identity.hardwareModule.hwType}, serial ${identity.hardwareModule.hwSerialNum}`])
  return rows.map(([label, value]) => `${label.padEnd(12)}${value}`).join('\n')
}
