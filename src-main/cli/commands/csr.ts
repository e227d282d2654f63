/**
 * `sep2-commissioner csr --key-out <file> --csr-out <file>`: a new P-256 key (owner-only file) and the CSR for the
 * utility's application (REQUIREMENTS ID-5; handbook Annex A and B).
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { generateKeyAndCsr } from '../../identity/csr'
import { CliUsageError, type CliCommand } from '../types'

export const APPLICATION_EMAIL = 'Dynamic.Connections@energyq.com.au'

export const csrCommand: CliCommand = {
  name: 'csr',
  summary: 'Generate a P-256 private key and a certificate signing request for the utility application',
  usage: '--key-out <file> --csr-out <file> [--json]',
  options: {
    'key-out': { type: 'string', description: 'Where to write the new private key (PKCS#8 PEM, owner-only)' },
    'csr-out': { type: 'string', description: 'Where to write the CSR (PEM)' },
  },
  async run(input, io) {
    const keyOut = input.values['key-out']
    const csrOut = input.values['csr-out']
    if (typeof keyOut !== 'string' || typeof csrOut !== 'string') throw new CliUsageError('Both --key-out and --csr-out are required.')
    const keyPath = resolve(io.cwd, keyOut)
    const csrPath = resolve(io.cwd, csrOut)
    if (keyPath === csrPath) throw new CliUsageError('--key-out and --csr-out must be different files.')
    const { keyPem, csrPem } = await generateKeyAndCsr()
    // 'wx': never overwrite an existing key, which may be the only copy belonging to an issued certificate.
    await writeFile(keyPath, keyPem, { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
      if (isExists(error)) throw new CliUsageError(`${keyPath} already exists; choose another file name (an existing key is never overwritten).`)
      throw error
    })
    await writeFile(csrPath, csrPem, { mode: 0o644 })
    io.print(instructions(keyPath, csrPath, csrPem), { keyFile: keyPath, csrFile: csrPath, csrPem, sendTo: APPLICATION_EMAIL })
    return 0
  },
}

function instructions(keyPath: string, csrPath: string, csrPem: string): string {
  return [
    `Private key (P-256, keep it secret, never send it): ${keyPath}`,
    `Certificate signing request: ${csrPath}`,
    '',
    csrPem.trimEnd(),
    '',
    `Next (handbook Annex A and B): email the CSR to ${APPLICATION_EMAIL} with the application details:`,
    '  entity name, ABN, IANA PEN, address, client product name, client type (cloud / direct),',
    '  equipment type, targeted inverter products, and the technical contact (name, email, phone).',
    'The utility issues the certificate from the CSR. Keep the key file with the installation: the',
    'certificate is useless without it, and anyone with the key can act as this device.',
  ].join('\n')
}

function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST'
}
