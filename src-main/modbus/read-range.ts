import { MAX_READ_REGISTERS, type ModbusTransport, type RegisterKind } from './transport'

/** Read any number of registers as consecutive reads of at most 125 (the Modbus limit). */
export async function readRange(t: ModbusTransport, req: { unitId: number; kind: RegisterKind; address: number; count: number }): Promise<number[]> {
  const out: number[] = []
  for (let at = 0; at < req.count; at += MAX_READ_REGISTERS) {
    const count = Math.min(MAX_READ_REGISTERS, req.count - at)
    out.push(...(await t.read({ unitId: req.unitId, kind: req.kind, address: req.address + at, count })))
  }
  return out
}
