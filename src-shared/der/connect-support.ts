/**
 * How an inverter can be disconnected (2030.5 opModConnect / opModEnergize, handbook 10.6; issue 11 item 5), from the
 * SunSpec models it offers (the model definitions in resources/sunspec/models):
 * - model 123 (immediate controls): Conn = 0 disconnects, 1 connects, with a revert timer Conn_RvrtTms;
 * - model 703 (DER enter service, IEEE 1547-2018 "permit service"): ES = 0 (DISABLED) makes the DER cease to energize
 *   and trip; ES = 1 (ENABLED) lets it enter service again after its own delay (ESDlyTms) and ramp (ESRmpTms).
 *   Model 703 has no revert timer: a 70x inverter stays out of service until told otherwise, the fail-safe direction.
 * A device with neither cannot be disconnected over Modbus: the app holds its active power limit at 0 % instead, and
 * does not claim opModConnect / opModEnergize in DERCapability (handbook 10.3.2: modesSupported says what the site
 * really does).
 */
export type ConnectSupport = { kind: 'model123' } | { kind: 'model703' } | { kind: 'none'; reason: string }

export function connectSupport(modelIds: readonly number[]): ConnectSupport {
  if (modelIds.includes(123)) return { kind: 'model123' }
  if (modelIds.includes(703)) return { kind: 'model703' }
  return { kind: 'none', reason: 'it offers neither SunSpec model 123 (Conn) nor model 703 (enter service), so it cannot be disconnected over Modbus' }
}

/** The devices step's words for it. */
export function describeConnect(support: ConnectSupport): string {
  switch (support.kind) {
    case 'model123':
      return 'disconnect via SunSpec model 123 (Conn)'
    case 'model703':
      return 'disconnect via SunSpec model 703 (permit enter service, ES)'
    case 'none':
      return `cannot be disconnected – ${support.reason}; a disconnect control holds it at 0 % instead`
  }
}

/** opModConnect / opModEnergize may be claimed only when every managed inverter can be disconnected. */
export function everyInverterDisconnects(inverters: readonly { modelIds: readonly number[] | undefined }[]): boolean {
  return inverters.length > 0 && inverters.every((i) => i.modelIds !== undefined && connectSupport(i.modelIds).kind !== 'none')
}
