/**
 * The report input issue 14 item 5 measures: a site with a full day of telemetry (one MirrorUsagePoint post a minute
 * and the rest of a day's exchange log: five resources polled every 10 s) and three verification runs of 1000 s
 * sampled at 5 Hz, one of them failing.
 */
import { judgeCompliance } from '../../src-shared/controls/judge/judge'
import type { ReportInput } from '../../src-shared/report/build-report'
import { exchangeSection, telemetrySection, testRun, type ExchangeEntry, type RecordedRun } from '../../src-shared/report/section-builders'
import { SAMPLE_START_S, sampleCertificate, sampleSite } from '../../src-shared/report/testing/sample-report'

const RUN_S = 1000
const RATE_HZ = 5
const DAY_S = 86_400

function series(startS: number, f: (s: number) => number): [number, number][] {
  return Array.from({ length: RUN_S * RATE_HZ + 1 }, (_, i) => [startS + i / RATE_HZ, f(i / RATE_HZ)])
}

const ramp = (from: number, to: number, atS: number, overS: number) => (s: number) => (s <= atS ? from : s >= atS + overS ? to : from + ((to - from) * (s - atS)) / overS)
/** A little measurement noise, deterministic. */
const noise = (s: number) => 40 * Math.sin(s * 7.3) + 25 * Math.sin(s * 2.1)

function run(index: number, toW: number, inverterOverS: number): RecordedRun {
  const startS = SAMPLE_START_S + index * 2 * RUN_S
  const envelope = ramp(5000, toW, 100, 60)
  const inverter = (s: number) => ramp(4500, toW + 300, 100, inverterOverS)(s) + noise(s)
  const siteExport = series(startS, (s) => inverter(s) - 500)
  const tolerance = { toleranceW: 100, graceS: 2 }
  const verdict = judgeCompliance({ samples: siteExport.map(([t, w]) => ({ t, w })), limitAt: (t) => envelope(t - startS), tolerance })
  return {
    id: `run-${String(index)}`,
    name: `Export step to ${String(toW)} W`,
    judged: 'site-export',
    steps: [{ atS: 100, mode: 'expLimW', value: toW, rampTms: 6000 }],
    startedAt: startS,
    endedAt: startS + RUN_S,
    aborted: false,
    tolerance,
    verdict,
    series: { targetW: series(startS, (s) => (s < 100 ? 5000 : toW)), envelopeW: series(startS, envelope), siteExportW: siteExport, inverterW: series(startS, inverter), setpointW: series(startS, (s) => Math.min(5000, envelope(s) + 200)) },
  }
}

function dayOfExchanges(): ExchangeEntry[] {
  const urls = ['/api/v2/dcap', '/api/v2/edev/1/fsa', '/api/v2/derp/1/derc', '/api/v2/derp/1/dderc', '/api/v2/tm']
  const entries: ExchangeEntry[] = []
  for (let s = 0; s < DAY_S; s += 10) for (const url of urls) entries.push({ at: (SAMPLE_START_S + s) * 1000, method: 'GET', url, status: s % 7200 === 0 ? 504 : 200 })
  for (let s = 0; s < DAY_S; s += 60) entries.push({ at: (SAMPLE_START_S + s) * 1000, method: 'POST', url: '/api/v2/mup/1', status: 201 })
  return entries
}

export function bigReportInput(): ReportInput {
  const exchanges = dayOfExchanges()
  return {
    site: sampleSite,
    certificate: sampleCertificate,
    devices: [{ role: 'inverter', make: 'Fronius', model: 'Primo 5.0-1', serial: 'SN42', firmware: '1.2.3', ratings: { ratedW: 5000, ratedVA: 5000 } }],
    runs: [testRun(run(0, 1500, 50)), testRun(run(1, 0, 150)), testRun(run(2, 3000, 40))],
    telemetry: telemetrySection(exchanges.filter((e) => e.method === 'POST').map((e) => ({ at: e.at, status: e.status }))),
    exchange: exchangeSection(exchanges),
  }
}

/** Samples in the fixture's runs (4 series each). */
export const RUN_SAMPLES = 3 * 4 * (RUN_S * RATE_HZ + 1)
