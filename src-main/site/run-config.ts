/**
 * The configuration of a headless run (`sep2-commissioner run --config <file>`): where the utility server and the
 * devices are, and the site's identity, fixed limits and DER inventory. File paths are relative to the config file.
 */
import { z } from 'zod'

const watts = z.number().finite().min(0)

export const runConfigSchema = z.object({
  siteId: z.string().min(1).max(64),
  /** Folder for the database (telemetry buffer, stored controls); default ./sep2-run-data beside the config. */
  dataDir: z.string().optional(),
  server: z.object({
    dcapUrl: z.string().regex(/^https:\/\//, 'dcapUrl must be an https:// URL'),
    cert: z.string().min(1),
    key: z.string().min(1),
    ca: z.array(z.string().min(1)).min(1),
    /** Cloud proxy: the site's virtual LFDI; default the certificate's. */
    lfdi: z.string().optional(),
    checkHostname: z.boolean().default(true),
    /** handbook 10.1, cactus ALL-03-REJ: the registration PIN the utility gave; a server with another PIN is left alone. */
    pin: z.number().int().min(0).max(999_999_999).optional(),
    /**
     * Register this device in band (POST /edev, cactus ALL-02/03) when the server does not list it. Off by default:
     * Energex and Ergon register devices out of band (handbook 9).
     */
    inBandRegistration: z.boolean().default(false),
  }),
  site: z.object({
    nmi: z.string().optional(),
    pen: z.number().int().min(1),
    fixedLimits: z.object({ exportW: watts, importW: watts }),
    der: z.array(z.object({ type: z.number().int(), ratedW: watts, ratedVA: watts.optional(), storageWh: watts.optional(), count: z.number().int().min(1).default(1) })).min(1),
    /** Queensland: 36000 (UTC+10, no daylight saving). */
    utcOffsetS: z.number().int().default(36_000),
  }),
  devices: z.object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    meterUnit: z.number().int().min(0).max(247),
    inverterUnits: z.array(z.number().int().min(0).max(247)).min(1),
    batteryUnits: z.array(z.number().int().min(0).max(247)).default([]),
  }),
})
export type RunConfig = z.infer<typeof runConfigSchema>

/** The config with its PEM files read. */
export interface LoadedRunConfig extends RunConfig {
  pem: { chain: string; key: string; anchors: string[] }
  dataDirPath: string
}
