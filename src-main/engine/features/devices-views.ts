import type { DeviceDiscovery, DeviceRole, DeviceView, LiveSample, OrientationView } from '../../../src-shared/contract/devices'
import { connectSupport, describeConnect } from '../../../src-shared/der/connect-support'
import { DEVICE_ROLE_LABELS } from '../../../src-shared/contract/devices'
import type { MeterReading } from '../../../src-shared/devices/meter-profile'
import { checkMeterOrientation, describeControl, describeSerialSettings, dumpRows, dumpText, type ScannedDevice, type SiteSample } from '../../devices'
import type { DiscoveryRecord, StoredDevice } from '../../storage/devices-repo'

/** Pure mappings between what the device layer returns and what crosses the API (DeviceView, LiveSample). */

export function describeWhere(d: Pick<StoredDevice, 'connection' | 'unitId'>): string {
  const c = d.connection
  switch (c.kind) {
    case 'tcp':
      return `Modbus TCP ${c.host}:${c.port} unit ${d.unitId}`
    case 'rtu':
      return `Modbus RTU ${c.path} ${describeSerialSettings(c)} unit ${d.unitId}`
    case 'simulator':
      return `Built-in device simulator unit ${d.unitId}`
  }
}

/** "Inverter 2": the role and, where a site has several, its number among devices with that role. */
export function roleLabels(devices: StoredDevice[]): Map<string, string> {
  const labels = new Map<string, string>()
  const counts = new Map<DeviceRole, number>()
  for (const d of devices) {
    const n = (counts.get(d.role) ?? 0) + 1
    counts.set(d.role, n)
    const numbered = d.role === 'inverter' || d.role === 'battery' || d.role === 'ev-charger'
    labels.set(d.id, numbered ? `${DEVICE_ROLE_LABELS[d.role]} ${n}` : DEVICE_ROLE_LABELS[d.role])
  }
  return labels
}

export function toDeviceViews(devices: StoredDevice[]): DeviceView[] {
  const labels = roleLabels(devices)
  return devices.map((d) => ({
    id: d.id,
    siteId: d.siteId,
    name: d.name,
    connection: d.connection,
    unitId: d.unitId,
    timeoutMs: d.timeoutMs,
    meterProfile: d.meterProfile,
    role: d.role,
    roleLabel: labels.get(d.id) ?? DEVICE_ROLE_LABELS[d.role],
    where: describeWhere(d),
    discovery: d.discovery,
    lastError: d.lastError,
  }))
}

function profileDump(scan: Extract<ScannedDevice, { kind: 'profile-meter' }>): { text: string; rows: unknown[] } {
  const rows: { phase: string; quantity: string; value: number | undefined }[] = []
  for (const [phase, quantities] of [...Object.entries(scan.meter.phases), ['total', scan.meter.total] as const]) {
    for (const [quantity, value] of Object.entries(quantities)) rows.push({ phase, quantity, value })
  }
  const lines = [`Meter profile ${scan.profile.name} (${scan.profile.id}), unit ${scan.unitId}`]
  for (const r of rows) lines.push(`  ${`${r.phase}.${r.quantity}`.padEnd(12)}  ${r.value === undefined ? 'not read' : r.value}`)
  return { text: lines.join('\n'), rows }
}

/** What discovery found, in the form kept with the device: identity, ratings, models and the dump. */
export function discoveryRecord(scan: ScannedDevice, at: number): DiscoveryRecord {
  if (scan.kind === 'profile-meter') {
    const dump = profileDump(scan)
    const discovery: DeviceDiscovery = {
      kind: 'profile-meter',
      base: null,
      detectedAs: 'meter',
      identity: { manufacturer: scan.profile.name.split(' ')[0] ?? null, model: scan.profile.name, serial: null, firmware: null },
      ratings: { WRtg: null, VARtg: null, WChaMax: null },
      models: [],
      control: 'A meter: nothing to control.',
      discoveredAt: at,
    }
    return { discovery, dumpText: dump.text, dumpRows: dump.rows }
  }
  const discovery: DeviceDiscovery = {
    kind: 'sunspec',
    base: scan.base,
    detectedAs: scan.role,
    identity: {
      manufacturer: scan.identity.manufacturer ?? null,
      model: scan.identity.model ?? null,
      serial: scan.identity.serial ?? null,
      firmware: scan.identity.version ?? null,
    },
    ratings: { WRtg: scan.ratings.WRtg ?? null, VARtg: scan.ratings.VARtg ?? null, WChaMax: scan.ratings.WChaMax ?? null },
    models: scan.models.map((m) => ({ id: m.id, label: m.label })),
    // DEV-4 in words: model 123, model 704, or why it cannot be limited; and how (or whether) it can be disconnected.
    control: scan.role === 'meter' ? 'A meter: nothing to control.' : `Control: ${describeControl(scan.control)}; ${describeConnect(connectSupport(scan.models.map((m) => m.id)))}.`,
    discoveredAt: at,
  }
  return { discovery, dumpText: dumpText(scan.models), dumpRows: dumpRows(scan.models) }
}

const n = (v: number | undefined): number | null => (v === undefined || Number.isNaN(v) ? null : v)

function phaseView(m: MeterReading, p: 'A' | 'B' | 'C') {
  const q = m.phases[p]
  return { W: n(q.W), V: n(q.V), A: n(q.A) }
}

function averageV(m: MeterReading): number | undefined {
  const vs = [m.phases.A.V, m.phases.B.V, m.phases.C.V].filter((v): v is number => v !== undefined && v > 0)
  return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : undefined
}

/** Why the demo (and many real sites) never reach the check: a battery soaking up the surplus (README "How the site is controlled"). */
export const BATTERY_HINT = 'A battery is in use: in self-consumption it soaks up the surplus, so the site never exports. Set its role to "Not used" above for the check, then back.'

export function orientationOf(sample: SiteSample): OrientationView | null {
  if (!sample.site) return null
  const check = checkMeterOrientation({ meter: sample.site, generationW: sample.der.W ?? 0 })
  const v = check.verdict
  const phases = v.kind === 'ct-reversed' || v.kind === 'phase-swapped' ? v.phases : []
  const battery = sample.devices.some((d) => d.role === 'battery' && d.ok)
  return { verdict: v.kind, phases, words: v.kind === 'inconclusive' && battery ? `${check.words} ${BATTERY_HINT}` : check.words }
}

export function toLiveSample(siteId: string, s: SiteSample): LiveSample {
  return {
    siteId,
    seq: s.seq,
    at: s.at,
    periodMs: s.periodMs,
    site: s.site ? { W: n(s.site.total.W), Hz: n(s.site.total.Hz), phases: { A: phaseView(s.site, 'A'), B: phaseView(s.site, 'B'), C: phaseView(s.site, 'C') } } : null,
    der: { W: n(s.der.W), V: n(s.der.V), Hz: n(s.der.Hz), reporting: s.der.reporting },
    devices: s.devices.map((d) =>
      d.ok
        ? { deviceId: d.deviceId, ok: true, W: n(d.der?.W ?? d.meter?.total.W), V: n(d.der?.V ?? (d.meter ? averageV(d.meter) : undefined)), Hz: n(d.der?.Hz ?? d.meter?.total.Hz), error: null }
        : { deviceId: d.deviceId, ok: false, W: null, V: null, Hz: null, error: d.error.message },
    ),
    gap: s.gap ? { intervalMs: n(s.gap.intervalMs), missing: s.gap.missing } : null,
    orientation: orientationOf(s),
  }
}
