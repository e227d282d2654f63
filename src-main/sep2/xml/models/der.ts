import type { DateTimeInterval, Extensible, HexValue, IdentifiedObject, Link, ListLink, ListResource, Resource, ScaledValue, SubscribableResource } from './common'

export interface PowerFactor extends Extensible {
  displacement: number
  multiplier: number
}

export interface PowerFactorWithExcitation extends PowerFactor {
  excitation: boolean
}

export interface FixedVar extends Extensible {
  refType: number
  value: number
}

export interface FreqDroopType extends Extensible {
  dBOF: number
  dBUF: number
  kOF: number
  kUF: number
  openLoopTms: number
}

/** A control-mode element the decoder refused (its value is outside its IEEE 2030.5 type). */
export interface RefusedElement {
  /** The element's name, e.g. `opModExpLimW`. */
  element: string
  /** Where the bad value is, e.g. `DefaultDERControl/DERControlBase/opModExpLimW/multiplier`. */
  path: string
  /** What is wrong, e.g. `1099511627776 is outside PowerOfTenMultiplierType (-9..9)`. */
  reason: string
  /**
   * A refused resource's own identity where it can still be read (a refused DERControl in a DERControlList): its
   * mRID (HexBinary128), replyTo and responseRequired, so the client can answer it (IEEE 2030.5-2018 Table 27).
   */
  mRID?: string
  replyTo?: string
  responseRequired?: number
}

/** DERControlBase: 2030.5 modes then the CSIP-AUS ones (values in W = value x 10^multiplier). */
export interface DERControlBase extends Extensible {
  /**
   * Decode only (never written): elements whose value is outside its IEEE 2030.5 type, left out of the model. The
   * control is refused by the controls screening (REL-4); other modes are kept as decoded.
   */
  invalid?: RefusedElement[]
  opModConnect?: boolean
  opModEnergize?: boolean
  opModFixedPFAbsorbW?: PowerFactorWithExcitation
  opModFixedPFInjectW?: PowerFactorWithExcitation
  opModFixedVar?: FixedVar
  /** SignedPerCent, hundredths of a percent. */
  opModFixedW?: number
  opModFreqDroop?: FreqDroopType
  opModFreqWatt?: Link
  opModHFRTMayTrip?: Link
  opModHFRTMustTrip?: Link
  opModHVRTMayTrip?: Link
  opModHVRTMomentaryCessation?: Link
  opModHVRTMustTrip?: Link
  opModLFRTMayTrip?: Link
  opModLFRTMustTrip?: Link
  opModLVRTMayTrip?: Link
  opModLVRTMomentaryCessation?: Link
  opModLVRTMustTrip?: Link
  /** PerCent of setMaxW, hundredths of a percent. */
  opModMaxLimW?: number
  opModTargetVar?: ScaledValue
  opModTargetW?: ScaledValue
  opModVoltVar?: Link
  opModVoltWatt?: Link
  opModWattPF?: Link
  opModWattVar?: Link
  /** Hundredths of a second. */
  rampTms?: number
  /** csipaus (handbook 10.6.2). */
  opModImpLimW?: ScaledValue
  /** csipaus (handbook 10.6.1). */
  opModExpLimW?: ScaledValue
  /** csipaus (handbook 10.6.4). */
  opModGenLimW?: ScaledValue
  /** csipaus (handbook 10.6.3). */
  opModLoadLimW?: ScaledValue
  /** csipaus v1.3. */
  opModStorageTargetW?: ScaledValue
}

export interface EventStatus extends Extensible {
  /** handbook 10.5.2: 0 Scheduled, 1 Active, 2 Cancelled, 3 Cancelled with randomization, 4 Superseded. */
  currentStatus: number
  dateTime: number
  /** Required by sep.xsd; optional here because handbook 10.5's example omits it. */
  potentiallySuperseded?: boolean
  potentiallySupersededTime?: number
  reason?: string
}

export interface DERProgram extends SubscribableResource, IdentifiedObject {
  ActiveDERControlListLink?: ListLink
  DefaultDERControlLink?: Link
  DERControlListLink?: ListLink
  DERCurveListLink?: ListLink
  primacy: number
}

export interface DERProgramList extends ListResource {
  DERProgram?: DERProgram[]
}

export interface DERSettingsES {
  setESDelay?: number
  setESHighFreq?: number
  setESHighVolt?: number
  setESLowFreq?: number
  setESLowVolt?: number
  setESRampTms?: number
  setESRandomDelay?: number
}

export interface DefaultDERControl extends SubscribableResource, IdentifiedObject, DERSettingsES {
  DERControlBase: DERControlBase
  /** handbook 10.7: hundredths of a percent of setMaxW per second; 28 assumed when absent. */
  setGradW?: number
  setSoftGradW?: number
}

export interface DERControl extends SubscribableResource, IdentifiedObject {
  replyTo?: string
  /** HexBinary8 bitmap, e.g. `03`. */
  responseRequired?: HexValue
  creationTime: number
  EventStatus: EventStatus
  interval: DateTimeInterval
  randomizeDuration?: number
  randomizeStart?: number
  DERControlBase: DERControlBase
  deviceCategory?: HexValue
}

export interface DERControlList extends ListResource {
  DERControl?: DERControl[]
  /**
   * Decode only (never written): DERControls with a value outside its IEEE 2030.5 type or a required element missing
   * (interval start beyond TimeType, a bad EventStatus or mRID...), left out of `DERControl`; the other events hold.
   */
  invalid?: RefusedElement[]
}

export interface DER extends SubscribableResource {
  AssociatedDERProgramListLink?: ListLink
  AssociatedUsagePointLink?: Link
  CurrentDERProgramLink?: Link
  DERAvailabilityLink?: Link
  DERCapabilityLink?: Link
  DERSettingsLink?: Link
  DERStatusLink?: Link
}

export interface DERList extends ListResource {
  DER?: DER[]
}

export interface ConnectStatus extends Extensible {
  dateTime: number
  /** Bitmap: 0 Connected, 1 Available, 2 Operating, 3 Test, 4 Fault/Error (handbook 10.3.1). */
  value: HexValue
}

export interface StatusValue extends Extensible {
  dateTime: number
  value: number
}

export interface ManufacturerStatus extends Extensible {
  dateTime: number
  value: string
}

export interface DERStatus extends SubscribableResource {
  alarmStatus?: HexValue
  genConnectStatus?: ConnectStatus
  inverterStatus?: StatusValue
  localControlModeStatus?: StatusValue
  manufacturerStatus?: ManufacturerStatus
  /** handbook 10.3.1: 0 N/A, 1 Off, 2 Operational, 3 Test. */
  operationalModeStatus?: StatusValue
  readingTime: number
  stateOfChargeStatus?: StatusValue
  storageModeStatus?: StatusValue
  storConnectStatus?: ConnectStatus
}

export interface DERCapability extends Resource {
  /** DERControlType bitmap (handbook 10.3.2: e.g. 0x00500088). */
  modesSupported: HexValue
  rtgAbnormalCategory?: number
  rtgMaxA?: ScaledValue
  rtgMaxAh?: ScaledValue
  rtgMaxChargeRateVA?: ScaledValue
  rtgMaxChargeRateW?: ScaledValue
  rtgMaxDischargeRateVA?: ScaledValue
  rtgMaxDischargeRateW?: ScaledValue
  rtgMaxV?: ScaledValue
  rtgMaxVA?: ScaledValue
  rtgMaxVar?: ScaledValue
  rtgMaxVarNeg?: ScaledValue
  rtgMaxW: ScaledValue
  rtgMaxWh?: ScaledValue
  rtgMinPFOverExcited?: PowerFactor
  rtgMinPFUnderExcited?: PowerFactor
  rtgMinV?: ScaledValue
  rtgNormalCategory?: number
  rtgOverExcitedPF?: PowerFactor
  rtgOverExcitedW?: ScaledValue
  rtgReactiveSusceptance?: ScaledValue
  rtgUnderExcitedPF?: PowerFactor
  rtgUnderExcitedW?: ScaledValue
  rtgVNom?: ScaledValue
  /** DERType (handbook 10.3.2): 4 PV, 80 storage, 83 PV + storage... */
  type: number
  /** csipaus DOEControlType: bit 0 ExpLim, 1 ImpLim, 2 GenLim, 3 LoadLim. */
  doeModesSupported?: HexValue
  /** csipaus v1.3. */
  vppModesSupported?: HexValue
}

export interface DERSettings extends SubscribableResource, DERSettingsES {
  modesEnabled?: HexValue
  setGradW: number
  setMaxA?: ScaledValue
  setMaxAh?: ScaledValue
  setMaxChargeRateVA?: ScaledValue
  setMaxChargeRateW?: ScaledValue
  setMaxDischargeRateVA?: ScaledValue
  setMaxDischargeRateW?: ScaledValue
  setMaxV?: ScaledValue
  setMaxVA?: ScaledValue
  setMaxVar?: ScaledValue
  setMaxVarNeg?: ScaledValue
  setMaxW: ScaledValue
  setMaxWh?: ScaledValue
  setMinPFOverExcited?: PowerFactor
  setMinPFUnderExcited?: PowerFactor
  setMinV?: ScaledValue
  setSoftGradW?: number
  setVNom?: ScaledValue
  setVRef?: ScaledValue
  setVRefOfs?: ScaledValue
  updatedTime: number
  /** csipaus. */
  doeModesEnabled?: HexValue
  /** csipaus v1.3. */
  vppModesEnabled?: HexValue
  /** csipaus v1.3 (WattHour). */
  setMinWh?: ScaledValue
}

export interface DERAvailability extends SubscribableResource {
  availabilityDuration?: number
  maxChargeDuration?: number
  readingTime: number
  reserveChargePercent?: number
  reservePercent?: number
  statVarAvail?: ScaledValue
  statWAvail?: ScaledValue
}

export interface DERControlResponse extends Resource {
  createdDateTime?: number
  endDeviceLFDI: string
  /** handbook 10.5.3 / Table 3: 1 received, 2 started, 3 completed, 6 cancelled, 7 superseded. */
  status?: number
  /** mRID of the DERControl. */
  subject: string
}
