import { IDENTIFIED, LIST_ATTRS, RESPONDABLE_ATTRS, SUBSCRIBABLE_ATTRS, scaled } from './common'
import { type TypeSpec, bool, complex, csip, el, hex, link, listLink, many, num, req, str } from './spec-types'

const curve = link

/** sep.xsd DERControlBase, then the csipaus-core(-v1.3).xsd extension (Imp, Exp, Gen, Load, StorageTarget). */
const DER_CONTROL_BASE: TypeSpec = {
  attrs: [],
  elements: [
    el('opModConnect', bool),
    el('opModEnergize', bool),
    el('opModFixedPFAbsorbW', complex('PowerFactorWithExcitation')),
    el('opModFixedPFInjectW', complex('PowerFactorWithExcitation')),
    el('opModFixedVar', complex('FixedVar')),
    el('opModFixedW', num),
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
    el('opModMaxLimW', num),
    scaled('opModTargetVar'),
    scaled('opModTargetW'),
    curve('opModVoltVar'),
    curve('opModVoltWatt'),
    curve('opModWattPF'),
    curve('opModWattVar'),
    el('rampTms', num),
    // csipaus-core.xsd: DERControlBase extension, in this order.
    csip('opModImpLimW', complex('Scaled')),
    csip('opModExpLimW', complex('Scaled')),
    csip('opModGenLimW', complex('Scaled')),
    csip('opModLoadLimW', complex('Scaled')),
    csip('opModStorageTargetW', complex('Scaled')),
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
    elements: [req('currentStatus', num), req('dateTime', num), el('potentiallySuperseded', bool, { schemaRequired: true }), el('potentiallySupersededTime', num), el('reason', str)],
  },
  DERProgram: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      ...IDENTIFIED,
      listLink('ActiveDERControlListLink'),
      link('DefaultDERControlLink'),
      listLink('DERControlListLink'),
      listLink('DERCurveListLink'),
      req('primacy', num),
    ],
  },
  DERProgramList: { attrs: LIST_ATTRS, elements: [many('DERProgram', 'DERProgram')] },
  DefaultDERControl: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [...IDENTIFIED, req('DERControlBase', complex('DERControlBase')), ...ES_SETTINGS, el('setGradW', num), el('setSoftGradW', num)],
  },
  DERControl: {
    attrs: [...SUBSCRIBABLE_ATTRS, ...RESPONDABLE_ATTRS],
    elements: [
      ...IDENTIFIED,
      req('creationTime', num),
      req('EventStatus', complex('EventStatus')),
      req('interval', complex('DateTimeInterval')),
      el('randomizeDuration', num),
      el('randomizeStart', num),
      req('DERControlBase', complex('DERControlBase')),
      el('deviceCategory', hex(4)),
    ],
  },
  DERControlList: { attrs: LIST_ATTRS, elements: [many('DERControl', 'DERControl')] },
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
  ConnectStatus: { attrs: [], elements: [req('dateTime', num), req('value', hex(1))] },
  StatusValue: { attrs: [], elements: [req('dateTime', num), req('value', num)] },
  ManufacturerStatus: { attrs: [], elements: [req('dateTime', num), req('value', str)] },
  DERStatus: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('alarmStatus', hex(4)),
      status('genConnectStatus', 'ConnectStatus'),
      status('inverterStatus'),
      status('localControlModeStatus'),
      status('manufacturerStatus', 'ManufacturerStatus'),
      status('operationalModeStatus'),
      req('readingTime', num),
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
      req('type', num),
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
      req('setGradW', num),
      ...['setMaxA', 'setMaxAh', 'setMaxChargeRateVA', 'setMaxChargeRateW', 'setMaxDischargeRateVA', 'setMaxDischargeRateW'].map(scaled),
      ...['setMaxV', 'setMaxVA', 'setMaxVar', 'setMaxVarNeg'].map(scaled),
      { ...scaled('setMaxW'), required: true },
      scaled('setMaxWh'),
      el('setMinPFOverExcited', complex('PowerFactor')),
      el('setMinPFUnderExcited', complex('PowerFactor')),
      scaled('setMinV'),
      el('setSoftGradW', num),
      scaled('setVNom'),
      scaled('setVRef'),
      scaled('setVRefOfs'),
      req('updatedTime', num),
      // csipaus-core.xsd: DERSettings extension (v1.3 adds vppModesEnabled, setMinWh).
      csip('doeModesEnabled', hex(1)),
      csip('vppModesEnabled', hex(1)),
      csip('setMinWh', complex('Scaled')),
    ],
  },
  DERAvailability: {
    attrs: SUBSCRIBABLE_ATTRS,
    elements: [
      el('availabilityDuration', num),
      el('maxChargeDuration', num),
      req('readingTime', num),
      el('reserveChargePercent', num),
      el('reservePercent', num),
      scaled('statVarAvail'),
      scaled('statWAvail'),
    ],
  },
}
