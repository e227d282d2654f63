/**
 * The vocabulary of the CSIP-AUS client test procedures (cactus, resources/cactus-client-procedures, MIT): every
 * action, event and check a procedure may name, with the parameters each takes and their types. Written from the
 * harness's definitions (bsgip/cactus-test-definitions v1.16.4, cactus_test_definitions/client/{actions,events,
 * checks}.py) so a procedure that names anything else is refused when it is loaded, not half-run.
 */

/** A parameter's type as the harness declares it. `$(...)` expressions are allowed wherever a value is. */
export type ParameterKind = 'string' | 'int' | 'uint' | 'float' | 'bool' | 'datetime' | 'strings' | 'ints' | 'hex' | 'resources'

export type ParameterTable = Readonly<Record<string, Readonly<Record<string, { kind: ParameterKind; required: boolean }>>>>

const opt = (kind: ParameterKind) => ({ kind, required: false })
const req = (kind: ParameterKind) => ({ kind, required: true })

const LIMIT_MODES = {
  opModImpLimW: opt('float'),
  opModExpLimW: opt('float'),
  opModGenLimW: opt('float'),
  opModLoadLimW: opt('float'),
  opModStorageTargetW: opt('float'),
}

export const ACTIONS: ParameterTable = {
  'enable-steps': { steps: req('strings') },
  'remove-steps': { steps: req('strings') },
  'finish-test': { fail_message: opt('string') },
  'set-default-der-control': { derp_id: opt('int'), ...LIMIT_MODES, setGradW: opt('int'), cancelled: opt('bool') },
  'create-der-control': {
    start: req('datetime'),
    duration_seconds: req('int'),
    pow_10_multipliers: opt('int'),
    der_program_tag: opt('string'),
    primacy: opt('int'),
    fsa_id: opt('int'),
    randomizeStart_seconds: opt('int'),
    ramp_time_seconds: opt('float'),
    opModEnergize: opt('bool'),
    opModConnect: opt('bool'),
    ...LIMIT_MODES,
    opModFixedW: opt('float'),
    tag: opt('string'),
    end_device_indexes: opt('ints'),
  },
  'create-der-program': { primacy: req('int'), fsa_id: opt('int'), end_device_indexes: opt('ints'), tag: opt('string') },
  'cancel-active-der-controls': {},
  'set-comms-rate': {
    dcap_poll_seconds: opt('int'),
    edev_post_seconds: opt('int'),
    edev_list_poll_seconds: opt('int'),
    fsa_list_poll_seconds: opt('int'),
    derp_list_poll_seconds: opt('int'),
    der_list_poll_seconds: opt('int'),
    mup_post_seconds: opt('int'),
    tp_list_poll_seconds: opt('int'),
    tti_list_poll_seconds: opt('int'),
  },
  'communications-status': { enabled: req('bool') },
  'edev-registration-links': { enabled: req('bool') },
  'register-end-device': { nmi: opt('string'), registration_pin: opt('int'), aggregator_lfdi: opt('hex'), aggregator_sfdi: opt('int') },
  'create-tariff-profile': { primacy: req('int'), fsa_id: opt('int'), price_pow_10_multiplier: opt('int'), tag: opt('string') },
  'create-rate-component': {
    tariff_profile_tag: opt('string'),
    role_flags: opt('int'),
    commodity: opt('int'),
    data_qualifier: opt('int'),
    flow_direction: opt('int'),
    kind: opt('int'),
    phase: opt('int'),
    power_of_ten_multiplier: opt('int'),
    uom: opt('int'),
    tag: opt('string'),
  },
  'create-time-tariff-interval': {
    start: req('datetime'),
    duration_seconds: req('int'),
    rate_component_tag: opt('string'),
    price_pow10_encoded_block0: req('int'),
    price_pow10_encoded_block1: opt('int'),
    price_start_pow10_block1: opt('int'),
    tag: opt('string'),
  },
  'cancel-time-tariff-intervals': { tag: opt('string') },
  'delete-rate-component': { tag: req('string') },
  'remove-function-set-assignment': { fsa_id: req('int') },
  'create-wellknown-route': { version: req('string'), dcap_paths: req('strings') },
  'add-proxy-route': { route: req('string'), proxy_to: req('string') },
}

const REQUEST_EVENT = { endpoint: req('string'), serve_request_first: opt('bool') }

export const EVENTS: ParameterTable = {
  'GET-request-received': REQUEST_EVENT,
  'POST-request-received': REQUEST_EVENT,
  'PUT-request-received': REQUEST_EVENT,
  'DELETE-request-received': REQUEST_EVENT,
  wait: { duration_seconds: req('int') },
  proceed: { timeout_seconds: opt('int') },
}

const READINGS = {
  minimum_count: opt('int'),
  minimum_level: opt('float'),
  maximum_level: opt('float'),
  window_seconds: opt('uint'),
}

/** "Is ANY value set?" flags of the settings/capability checks. */
const flags = (...names: string[]) => Object.fromEntries(names.map((n) => [n, opt('bool')]))
const bits = (...names: string[]) => Object.fromEntries(names.map((n) => [n, opt('hex')]))
const RESPONSE = { latest: opt('bool'), status: opt('int'), all: opt('bool'), subject_tag: opt('string'), exists: opt('bool') }

export const CHECKS: ParameterTable = {
  'all-steps-complete': { ignored_steps: opt('strings') },
  'all-notifications-transmitted': {},
  'end-device-contents': { has_connection_point_id: opt('bool'), deviceCategory_anyset: opt('hex'), check_lfdi: opt('bool') },
  'end-device-count': { minimum_count: opt('int'), maximum_count: opt('int') },
  'der-settings-contents': {
    setGradW: opt('int'),
    ...flags('doeModesEnabled', 'vppModesEnabled', 'setMaxVA', 'setMaxVar', 'setMaxVarNeg', 'setMaxW', 'setMaxChargeRateW'),
    ...flags('setMaxDischargeRateW', 'setMaxWh', 'setMinWh', 'setMinPFOverExcited', 'setMinPFUnderExcited'),
    ...bits('doeModesEnabled_set', 'doeModesEnabled_unset', 'modesEnabled_set', 'modesEnabled_unset'),
    ...bits('vppModesEnabled_set', 'vppModesEnabled_unset'),
  },
  'der-capability-contents': {
    ...flags('doeModesSupported', 'vppModesSupported', 'rtgMaxVA', 'rtgMaxVar', 'rtgMaxVarNeg', 'rtgMaxW'),
    ...flags('rtgMaxChargeRateW', 'rtgMaxDischargeRateW', 'rtgMaxWh', 'rtgMinPFOverExcited', 'rtgMinPFUnderExcited'),
    ...bits('doeModesSupported_set', 'doeModesSupported_unset', 'modesSupported_set', 'modesSupported_unset'),
    ...bits('vppModesSupported_set', 'vppModesSupported_unset'),
  },
  'der-status-contents': {
    genConnectStatus: opt('int'),
    genConnectStatus_bit0: opt('bool'),
    genConnectStatus_bit1: opt('bool'),
    genConnectStatus_bit2: opt('bool'),
    operationalModeStatus: opt('int'),
    alarmStatus: opt('int'),
  },
  'readings-voltage': READINGS,
  'readings-site-active-power': READINGS,
  'readings-site-reactive-power': READINGS,
  'readings-der-active-power': READINGS,
  'readings-der-reactive-power': READINGS,
  'readings-der-stored-energy': READINGS,
  'subscription-contents': { subscribed_resource: req('string') },
  'response-contents': RESPONSE,
  'all-polls-at-correct-time': { endpoints: req('strings'), poll_interval_seconds: req('int'), request_type_str: req('string') },
  'resource-requests': { resources: req('resources'), minimum_count: opt('int'), maximum_count: opt('int') },
  'price-response-contents': RESPONSE,
}

/** The CSIP-AUS versions a procedure targets (cactus csipaus.py). */
export const CSIP_AUS_VERSIONS = ['v1.2', 'v1.3-beta/storage', 'v1.3'] as const
export type CsipAusVersion = (typeof CSIP_AUS_VERSIONS)[number]
