/**
 * The device manager's samples as telemetry samples (REQUIREMENTS TEL-3, TEL-4). Both are already in the internal
 * sign convention (site import-positive, DER generation-positive = the handbook 10.8.2 signs), so values pass through.
 */
import type { MeterSample, PhaseValues, TelemetrySample } from '../../src-shared/telemetry'
import type { DerAggregate } from '../devices'
import type { MeterReading } from '../../src-shared/devices/meter-profile'
import type { SiteSample } from '../devices/device-manager'

export function telemetrySampleFromSiteSample(sample: SiteSample): TelemetrySample {
  const out: TelemetrySample = { t: sample.at }
  if (sample.site) out.site = siteMeterSample(sample.site)
  if (sample.der.reporting > 0) out.der = derMeterSample(sample.der)
  return out
}

export function siteMeterSample(reading: MeterReading): MeterSample {
  const out: MeterSample = {}
  const phase = (q: MeterReading['phases']['A']): PhaseValues | undefined => {
    const values: PhaseValues = {}
    if (q.W !== undefined) values.w = q.W
    if (q.var !== undefined) values.var = q.var
    if (q.V !== undefined && q.V > 0) values.v = q.V
    return Object.keys(values).length > 0 ? values : undefined
  }
  const a = phase(reading.phases.A)
  const b = phase(reading.phases.B)
  const c = phase(reading.phases.C)
  if (a) out.a = a
  if (b) out.b = b
  if (c) out.c = c
  if (reading.total.W !== undefined || reading.total.var !== undefined) {
    out.total = { ...(reading.total.W !== undefined ? { w: reading.total.W } : {}), ...(reading.total.var !== undefined ? { var: reading.total.var } : {}) }
  }
  if (reading.total.Hz !== undefined && reading.total.Hz > 0) out.hz = reading.total.Hz
  return out
}

/** The DER aggregate has no per-phase split: it is reported as the phase-0 total (handbook table 4 note 2). */
export function derMeterSample(der: DerAggregate): MeterSample {
  const out: MeterSample = {}
  if (der.W !== undefined || der.var !== undefined) {
    out.total = { ...(der.W !== undefined ? { w: der.W } : {}), ...(der.var !== undefined ? { var: der.var } : {}) }
  }
  if (der.Hz !== undefined) out.hz = der.Hz
  return out
}
