/**
 * DERStatus, DERCapability and DERSettings for the site (REQUIREMENTS TEL-1; handbook 10.3.1-10.3.3): the pure
 * aggregation lives in src-shared/der; this turns it into the codec's models. modesSupported and
 * csipaus:doeModesSupported say what the site controller (src-shared/site-control) really enforces.
 */
import type { DerControlMode, DerStatusReport, DoeMode, SiteCapability, SiteSettings, StatusValue } from '../../src-shared/der'
import { doeModesSupportedBitmap, modesSupportedBitmap } from '../../src-shared/der'
import type { ConnectStatus, DERCapability, DERSettings, DERStatus } from '../sep2/xml'

export interface SupportedModes {
  modes: DerControlMode[]
  doeModes: DoeMode[]
}

/**
 * What the site controller enforces (its EnvelopeInput): connect and energize only when every managed inverter can be
 * disconnected (model 123 Conn or model 703 ES, src-shared/der/connect-support.ts; issue 11 item 5), export and
 * generation limits through the inverters' active power limits, and import and load limits only where there is
 * controllable load (a battery's charge rate). opModFixedW / MaxLimW / TargetW are not implemented and are not claimed.
 */
export function controllerModes(options: { controllableLoad: boolean; canDisconnect: boolean }): SupportedModes {
  const doeModes: DoeMode[] = options.controllableLoad ? ['opModExpLimW', 'opModImpLimW', 'opModGenLimW', 'opModLoadLimW'] : ['opModExpLimW', 'opModGenLimW']
  return { modes: options.canDisconnect ? ['opModConnect', 'opModEnergize'] : [], doeModes }
}

export function derStatusDocument(report: DerStatusReport): DERStatus {
  const connect = (v: StatusValue | undefined): ConnectStatus | undefined => (v ? { dateTime: v.dateTime, value: { value: v.value } } : undefined)
  const doc: DERStatus = { readingTime: report.readingTime, operationalModeStatus: report.operationalModeStatus }
  const gen = connect(report.genConnectStatus)
  const stor = connect(report.storConnectStatus)
  if (gen) doc.genConnectStatus = gen
  if (stor) doc.storConnectStatus = stor
  if (report.storageModeStatus) doc.storageModeStatus = report.storageModeStatus
  if (report.stateOfChargeStatus) doc.stateOfChargeStatus = report.stateOfChargeStatus
  return doc
}

export function derCapabilityDocument(capability: SiteCapability, supported: SupportedModes): DERCapability {
  const doc: DERCapability = {
    modesSupported: { value: modesSupportedBitmap(supported.modes) },
    rtgMaxW: capability.rtgMaxW,
    rtgMaxVA: capability.rtgMaxVA,
    type: capability.type,
    doeModesSupported: { value: doeModesSupportedBitmap(supported.doeModes) },
  }
  if (capability.rtgMaxVar) doc.rtgMaxVar = capability.rtgMaxVar
  if (capability.rtgMaxVarNeg) doc.rtgMaxVarNeg = capability.rtgMaxVarNeg
  if (capability.rtgMaxWh) doc.rtgMaxWh = capability.rtgMaxWh
  return doc
}

export function derSettingsDocument(settings: SiteSettings, options: { updatedTime: number; enabled: SupportedModes }): DERSettings {
  const doc: DERSettings = {
    modesEnabled: { value: modesSupportedBitmap(options.enabled.modes) },
    setGradW: settings.setGradW,
    setMaxVA: settings.setMaxVA,
    setMaxW: settings.setMaxW,
    updatedTime: options.updatedTime,
    doeModesEnabled: { value: doeModesSupportedBitmap(options.enabled.doeModes) },
  }
  if (settings.setMaxVar) doc.setMaxVar = settings.setMaxVar
  if (settings.setMaxVarNeg) doc.setMaxVarNeg = settings.setMaxVarNeg
  return doc
}
