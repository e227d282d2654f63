/**
 * A complete sample report for tests and previews: one passing and one failing run (the failing one: an inverter that
 * ramps down too slowly after an export step to 0 W). Built through the real judge, so its verdicts are the judge's.
 */
import { judgeCompliance, type ToleranceSettings } from '../../controls/judge/judge'
import type { CertificateReport } from '../../domain/certificate'
import type { Site } from '../../domain/site'
import { buildReport } from '../build-report'
import type { Point } from '../model/common'
import type { CommissioningReport } from '../model/report'
import type { ServerCheck } from '../model/server-check'
import { exchangeSection, telemetrySection, testRun, type RecordedRun } from '../section-builders'

export const SAMPLE_START_S = 1_795_000_000
export const SAMPLE_LFDI = '3e4f45ab31edfe5b67e343e5e4562e31984e23e5'

export const sampleSite: Site = {
  id: 'site-1',
  name: 'Smith Residence, Toowoomba',
  installer: { name: 'Jo Sparky', licence: 'QLD-EL-123456' },
  address: '1 Example St, Toowoomba QLD 4350',
  nmi: 'QB01234567',
  pathway: 'direct-der',
  pen: 40732,
  fixedLimits: { exportW: 1500, importW: 10000 },
  der: [{ type: 4, description: 'PV inverter, "roof", east', ratedW: 5000, ratedVA: 5000, count: 1 }],
  createdAt: SAMPLE_START_S * 1000,
  updatedAt: SAMPLE_START_S * 1000,
}

export const sampleCertificate: CertificateReport = {
  siteId: 'site-1',
  importedAt: SAMPLE_START_S * 1000,
  fileNames: ['device.pem', 'chain.pem'],
  checks: [
    { id: 'validity', label: 'Validity period', status: 'pass', detail: 'Valid until 9999-12-31 (no expiry)' },
    { id: 'key-algorithm', label: 'Key algorithm', status: 'pass', detail: 'ECDSA P-256' },
  ],
  identity: {
    lfdi: SAMPLE_LFDI,
    sfdi: '16726121139',
    subject: '',
    issuer: 'CN=Test MICA',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '9999-12-31T23:59:59.000Z',
    fingerprintSha256: 'ab'.repeat(32),
    keyAlgorithm: { type: 'ec', curve: 'P-256', description: 'ECDSA P-256 (secp256r1 / prime256v1)' },
    policies: ['1.3.6.1.4.1.40732.1.1'],
  },
  chain: [],
  keyStored: true,
  passwordRequired: false,
  ok: true,
}

/** One series sampled every `periodS` over `durationS`: [UTC s, f(elapsed s)]. */
export function sampleSeries(durationS: number, periodS: number, f: (elapsedS: number) => number): Point[] {
  const points: Point[] = []
  for (let i = 0; i * periodS <= durationS; i++) points.push([SAMPLE_START_S + i * periodS, f(i * periodS)])
  return points
}

const TOLERANCE: ToleranceSettings = { toleranceW: 100, graceS: 2 }

interface RunShape {
  id: string
  name: string
  target: (s: number) => number
  envelope: (s: number) => number
  inverter: (s: number) => number
  load: number
  tracking: NonNullable<RecordedRun['tracking']>
}

/** Advisory figures as the recorder stores them (issue 11 item 3). */
const sampleTracking = (reversals: number, curtailedWh: number): NonNullable<RecordedRun['tracking']> => ({
  advisory: true,
  oscillation: { reversals, perMinute: (reversals * 60) / 240, observedS: 240 },
  curtailment: { curtailedWh, curtailedPct: (curtailedWh * 100) / (150 + curtailedWh), generatedWh: 150, curtailedS: 12 },
  raises: [],
  notes: [],
})

function recordedRun(shape: RunShape): RecordedRun {
  const DURATION_S = 240
  const siteExport = sampleSeries(DURATION_S, 1, (s) => shape.inverter(s) - shape.load)
  const envelope = sampleSeries(DURATION_S, 1, shape.envelope)
  const verdict = judgeCompliance({
    samples: siteExport.map(([t, w]) => ({ t, w })),
    limitAt: (t) => shape.envelope(t - SAMPLE_START_S),
    tolerance: TOLERANCE,
  })
  return {
    id: shape.id,
    name: shape.name,
    judged: 'site-export',
    steps: [{ atS: 30, mode: 'expLimW', value: shape.target(31), rampTms: 6000 }],
    startedAt: SAMPLE_START_S,
    endedAt: SAMPLE_START_S + DURATION_S,
    aborted: false,
    tolerance: TOLERANCE,
    verdict,
    tracking: shape.tracking,
    limitPolicy: { choice: 'stricter', utilityEvent: null },
    series: {
      targetW: sampleSeries(DURATION_S, 1, shape.target),
      envelopeW: envelope,
      siteExportW: siteExport,
      inverterW: sampleSeries(DURATION_S, 1, shape.inverter),
      // The controller commands a little above what the inverters make while it lowers them.
      setpointW: sampleSeries(DURATION_S, 1, (s) => shape.inverter(s) + 200),
    },
  }
}

const rampDown = (from: number, to: number, startS: number, overS: number) => (s: number) =>
  s <= startS ? from : s >= startS + overS ? to : from + ((to - from) * (s - startS)) / overS

export const passingRun = recordedRun({
  id: 'run-pass',
  name: 'Export step to 1.5 kW',
  target: (s) => (s < 30 ? 5000 : 1500),
  envelope: rampDown(5000, 1500, 30, 60),
  inverter: rampDown(4500, 1800, 30, 50),
  load: 500,
  tracking: sampleTracking(1, 0.8),
})

export const failingRun = recordedRun({
  id: 'run-fail',
  name: 'Export step to 0 W (slow inverter)',
  target: (s) => (s < 30 ? 5000 : 0),
  envelope: rampDown(5000, 0, 30, 60),
  inverter: rampDown(4500, 500, 30, 150),
  load: 500,
  tracking: sampleTracking(14, 2.5),
})

/** The stored facts of a walk that found the site registered with the PIN entered (issue 17 item 1). */
export function sampleServerCheck(): ServerCheck {
  const dcap = 'https://127.0.0.1:8443/api/v2/dcap'
  const steps = ['DeviceCapability', 'Time', 'EndDeviceList', 'EndDevice', 'Registration', 'FunctionSetAssignmentsList', 'DERProgramList', 'DefaultDERControl']
  return {
    checkedAt: '2026-11-17T23:50:00.000Z',
    durationMs: 640,
    target: 'test',
    dcapUrl: dcap,
    fetched: steps.map((step) => ({ step, url: dcap, status: 'ok' as const, durationMs: 40 })),
    completed: true,
    tls: { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8', chainVerified: true },
    serverCertificate: { subject: 'CN=sep2-test', issuer: 'CN=MICA', validTo: '2028-01-01T00:00:00.000Z' },
    clockOffsetMs: 400,
    lfdi: { ours: SAMPLE_LFDI.toUpperCase(), mode: 'device', registered: true, endDeviceHref: '/api/v2/edev/1', sfdi: 167261211391 },
    pin: { expected: 111115, found: 111115 },
    programs: 1,
    defaultControlSeen: true,
  }
}

export function sampleReport(): CommissioningReport {
  return buildReport(
    {
      site: sampleSite,
      certificate: sampleCertificate,
      server: {
        url: 'https://127.0.0.1:8443/api/v2/dcap',
        tls: { protocol: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-CCM8' },
        clockOffsetS: 0.4,
        endDevice: { found: true, href: '/api/v2/edev/1', lfdi: SAMPLE_LFDI, lfdiMatches: true },
        registration: { outcome: 'pass', expectedPin: 111115, serverPin: 111115 },
        programs: [{ fsa: 'FSA 1', mRID: 'P1', description: 'Dynamic export', primacy: 1, defaultControl: { modes: { expLimW: 1500 }, setGradW: 28 } }],
        events: [{ mRID: 'E1', program: 'Dynamic export', start: '2026-11-18T00:00:00.000Z', durationS: 300, modes: { expLimW: 5000 }, currentStatus: 1, rampTms: 6000 }],
        responses: [{ at: '2026-11-18T00:00:01.000Z', eventMRID: 'E1', status: 1, httpStatus: 201 }],
        check: sampleServerCheck(),
      },
      ctCheck: { checkedAt: '2026-11-17T23:55:00.000Z', verdict: 'ok', phases: [], words: 'The meter reads -1480 W with 3500 W of generation running. Export reads negative, as it should (handbook 10.8.2).' },
      devices: [{ role: 'inverter', make: 'Fronius', model: 'Primo 5.0-1', serial: 'SN,"42"', firmware: '1.2.3', ratings: { ratedW: 5000, ratedVA: 5000 } }],
      runs: [testRun(passingRun), testRun(failingRun)],
      telemetry: telemetrySection([{ at: SAMPLE_START_S * 1000, status: 201 }, { at: SAMPLE_START_S * 1000 + 300_000, status: 201 }]),
      exchange: exchangeSection([
        { at: SAMPLE_START_S * 1000, method: 'GET', url: '/api/v2/dcap', status: 200 },
        { at: SAMPLE_START_S * 1000 + 5000, method: 'GET', url: '/api/v2/edev/9', status: 404 },
      ]),
    },
    { now: (SAMPLE_START_S + 3600) * 1000, app: { name: 'SEP2 Commissioner', version: '0.1.0' } },
  )
}
