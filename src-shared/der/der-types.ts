/** Handbook 10.3.2: DERCapability `type` codes. */
export const DER_TYPES = [
  { code: 0, label: 'Not applicable / unknown' },
  { code: 1, label: 'Virtual or mixed DER' },
  { code: 2, label: 'Reciprocating engine' },
  { code: 3, label: 'Fuel cell' },
  { code: 4, label: 'Photovoltaic system' },
  { code: 5, label: 'Combined heat and power' },
  { code: 6, label: 'Other generation system' },
  { code: 80, label: 'Other storage system' },
  { code: 81, label: 'Electric vehicle' },
  { code: 82, label: 'EVSE' },
  { code: 83, label: 'Combined PV and storage' },
] as const

export const DER_TYPE_CODES: readonly number[] = DER_TYPES.map((t) => t.code)

export function derTypeLabel(code: number): string {
  return DER_TYPES.find((t) => t.code === code)?.label ?? `Unknown type ${code}`
}
