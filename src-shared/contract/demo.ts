import { z } from 'zod'
import type { CertificateReport } from '../domain/certificate'
import { command, siteId } from './command'

/** Demo mode only (APP-6). */
export const demoCommands = {
  /** Import the demo PKI's device certificate, chain and key for a site, through the ordinary import checks. */
  'demo.importCertificates': command(z.object({ siteId })).returns<CertificateReport>(),
} as const
