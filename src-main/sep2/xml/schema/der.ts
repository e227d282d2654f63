import { IDENTIFIED, LIST_ATTRS, RESPONDABLE_ATTRS, SUBSCRIBABLE_ATTRS, activePower, scaled } from './common'
import { ONE_HOUR_RANGE, PER_CENT, SIGNED_PER_CENT, TIME_TYPE, UINT16, UINT32, UINT8 } from './int-types'
import { type TypeSpec, bool, complex, csip, el, hex, int, link, listLink, many, num, req, str } from './spec-types'

const time = int(TIME_TYPE)

const curve = link

/** sep.xsd DERControlBase, then the csipaus-core(-v1.3).xsd extension (Imp, Exp, Gen, Load, StorageTarget). */
const DER_CONTROL_BASE: TypeSpec = {
  attrs: [],
  // REL-4: a mode value outside its type (multiplier 2^40, an Int16 of 2^40...) refuses that control, which the
  // controls screening then treats like any invalid control (src-main/controls/screen.ts), not the whole document.
  refuseElements: true,
  elements: [
    el('opModConnect', bool),
    el('opModEnergize', bool),
    el('opModFixedPFAbsorbW', complex('PowerFactorWithExcitation')),
    el('opModFixedPFInjectW', complex('PowerFactorWithExcitation')),
    el('opModFixedVar', complex('FixedVar')),
    el('opModFixedW', int(SIGNED_PER_CENT)),
    el('opModFreqDroop', complex('FreqDroopType')),
    curve('opModFreqWatt'),
    curve('opModHFRTMayTrip'),
    curve('opModHFRTMustTrip'),
    curve('opModHVRTMayTrip'),
    curve('opModHVRTMomentaryCessation'),
    curve('opModHVRTMustTrip'),
    curve('opModLFRTMayTrip'),
    curve('opModLFRTMustTrip'),
    curve('opModLVRTMayTrip'),
    curve('opModLVRTMomentaryCessation'),
    curve('opModLVRTMustTrip'),
    el('opModMaxLimW', int(PER_CENT)),
    scaled('opModTargetVar'),
    activePower('opModTargetW'),
    curve('opModVoltVar'),
    curve('opModVoltWatt'),
    curve('opModWattPF'),
    curve('opModWattVar'),
    el('rampTms', int(UINT16)),
    // csipaus-core.xsd: DERControlBase extension, in this order.
    csip('opModImpLimW', complex('ActivePower')),
    csip('opModExpLimW', complex('ActivePower')),
    csip('opModGenLimW', complex('ActivePower')),
    csip('opModLoadLimW', complex('ActivePower')),
    csip('opModStorageTargetW', complex('ActivePower')),
  ],
}

const ES_SETTINGS = [
  el('setESDelay', num),
  el('setESHighFreq', num),
  el('setESHighVolt', num),
  el('setESLowFreq', num),
  el('setESLowVolt', num),
  el('setESRampTms', num),
  el('setESRandomDelay', num),
]

const status = (name: string, type = 'StatusValue') => el(name, complex(type))

export const DER_TYPES: Record<string, TypeSpec> = {
  DERControlBase: DER_CONTROL_BASE,
  PowerFactor: { attrs: [], elements: [req('displacement', num), req('multiplier', num)] },
  PowerFactorWithExcitation: { attrs: [], elements: [req('displacement', num), req('excitation', bool), req('multiplier', num)] },
  FixedVar: { attrs: [], elements: [req('refType', num), req('value', num)] },
  FreqDroopType: {
    attrs: [],
    elements: [req('dBOF', num), req('dBUF', num), req('kOF', num), req('kUF', num), req('openLoopTms', num)],
  },
  EventStatus: {
    attrs: [],
    // sep.xsd makes potentiallySuperseded required; handbook 10.5's example omits it, so it is read as optional.
    elements: [req('currentStatus', int(UINT8)), req('dateTime', time), el('potentiallySuperseded', bool, { schemaRequired: true }), el('potentiallySupersededTime', time), el('reason', str)],
  },
  DERProgram: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      ...IDENTIFIED,
      listLink('ActiveDERControlListLink'),
      link('DefaultDERControlLink'),
      listLink('DERControlListLink'),
      listLink('DERCurveListLink'),
      req('primacy', int(UINT8)),
    ],
  },
  DERProgramList: { attrs: LIST_ATTRS, elements: [many('DERProgram', 'DERProgram')] },
  DefaultDERControl: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [...IDENTIFIED, req('DERControlBase', complex('DERControlBase')), ...ES_SETTINGS, el('setGradW', int(UINT16)), el('setSoftGradW', int(UINT16))],
  },
  DERControl: {
    attrs: [...SUBSCRIBABLE_ATTRS, ...RESPONDABLE_ATTRS],
    elements: [
      ...IDENTIFIED,
      req('creationTime', time),
      req('EventStatus', complex('EventStatus')),
      req('interval', complex('DateTimeInterval')),
      el('randomizeDuration', int(ONE_HOUR_RANGE)),
      el('randomizeStart', int(ONE_HOUR_RANGE)),
      req('DERControlBase', complex('DERControlBase')),
      el('deviceCategory', hex(4)),
    ],
  },
  // REL-4: an event whose own values are wrong (interval start beyond TimeType, EventStatus, mRID) is refused alone –
  // listed in the list's `invalid` with its mRID where readable, so it is answered 253 – and its siblings still apply.
  DERControlList: { attrs: LIST_ATTRS, refuseElements: true, elements: [many('DERControl', 'DERControl')] },
  DER: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      listLink('AssociatedDERProgramListLink'),
      link('AssociatedUsagePointLink'),
      link('CurrentDERProgramLink'),
      link('DERAvailabilityLink'),
      link('DERCapabilityLink'),
      link('DERSettingsLink'),
      link('DERStatusLink'),
    ],
  },
  DERList: { attrs: LIST_ATTRS, elements: [many('DER', 'DER')] },
  ConnectStatus: { attrs: [], elements: [req('dateTime', time), req('value', hex(1))] },
  StatusValue: { attrs: [], elements: [req('dateTime', time), req('value', int(UINT8))] },
  ManufacturerStatus: { attrs: [], elements: [req('dateTime', time), req('value', str)] },
  DERStatus: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('alarmStatus', hex(4)),
      status('genConnectStatus', 'ConnectStatus'),
      status('inverterStatus'),
      status('localControlModeStatus'),
      status('manufacturerStatus', 'ManufacturerStatus'),
      status('operationalModeStatus'),
      req('readingTime', time),
      status('stateOfChargeStatus'),
      status('storageModeStatus'),
      status('storConnectStatus', 'ConnectStatus'),
    ],
  },
  DERCapability: {
    attrs: [{ name: 'href', type: str }],
    elements: [
      req('modesSupported', hex(4)),
      el('rtgAbnormalCategory', num),
      ...['rtgMaxA', 'rtgMaxAh', 'rtgMaxChargeRateVA', 'rtgMaxChargeRateW', 'rtgMaxDischargeRateVA', 'rtgMaxDischargeRateW'].map(scaled),
      ...['rtgMaxV', 'rtgMaxVA', 'rtgMaxVar', 'rtgMaxVarNeg'].map(scaled),
      { ...scaled('rtgMaxW'), required: true },
      scaled('rtgMaxWh'),
      el('rtgMinPFOverExcited', complex('PowerFactor')),
      el('rtgMinPFUnderExcited', complex('PowerFactor')),
      scaled('rtgMinV'),
      el('rtgNormalCategory', num),
      el('rtgOverExcitedPF', complex('PowerFactor')),
      scaled('rtgOverExcitedW'),
      scaled('rtgReactiveSusceptance'),
      el('rtgUnderExcitedPF', complex('PowerFactor')),
      scaled('rtgUnderExcitedW'),
      scaled('rtgVNom'),
      req('type', int(UINT8)),
      // csipaus-core.xsd: DERCapability extension (doeModesSupported; v1.3 adds vppModesSupported).
      { ...csip('doeModesSupported', hex(1)), schemaRequired: true },
      csip('vppModesSupported', hex(1)),
    ],
  },
  DERSettings: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('modesEnabled', hex(4)),
      ...ES_SETTINGS,
      req('setGradW', int(UINT16)),
      ...['setMaxA', 'setMaxAh', 'setMaxChargeRateVA', 'setMaxChargeRateW', 'setMaxDischargeRateVA', 'setMaxDischargeRateW'].map(scaled),
      ...['setMaxV', 'setMaxVA', 'setMaxVar', 'setMaxVarNeg'].map(scaled),
      { ...scaled('setMaxW'), required: true },
      scaled('setMaxWh'),
      el('setMinPFOverExcited', complex('PowerFactor')),
      el('setMinPFUnderExcited', complex('PowerFactor')),
      scaled('setMinV'),
      el('setSoftGradW', int(UINT16)),
      scaled('setVNom'),
      scaled('setVRef'),
      scaled('setVRefOfs'),
      req('updatedTime', time),
      // csipaus-core.xsd: DERSettings extension (v1.3 adds vppModesEnabled, setMinWh).
      csip('doeModesEnabled', hex(1)),
      csip('vppModesEnabled', hex(1)),
      csip('setMinWh', complex('Scaled')),
    ],
  },
  DERAvailability: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('availabilityDuration', int(UINT32)),
      el('maxChargeDuration', int(UINT32)),
      req('readingTime', time),
      el('reserveChargePercent', int(PER_CENT)),
      el('reservePercent', int(PER_CENT)),
      scaled('statVarAvail'),
      scaled('statWAvail'),
    ],
  },
}
