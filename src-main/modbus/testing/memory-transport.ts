import { ModbusExceptionError } from '../errors'
import type { BusState, ModbusTransport, ReadRequest, WriteRequest } from '../transport'

/** An in-memory register map behind the ModbusTransport interface (unit tests of the layers above the bus). */
export function createMemoryTransport(regs: Map<number, number>): ModbusTransport & { reads: ReadRequest[] } {
  const reads: ReadRequest[] = []
  return {
    kind: 'tcp',
    description: 'memory',
    reads,
    async read(req: ReadRequest) {
      reads.push(req)
      const out: number[] = []
      for (let a = req.address; a < req.address + req.count; a++) {
        const w = regs.get(a)
        if (w === undefined) throw new ModbusExceptionError(`read at ${req.address}`, 2)
        out.push(w)
      }
      return out
    },
    async write(req: WriteRequest) {
      req.values.forEach((v, i) => regs.set(req.address + i, v))
    },
    state: (): BusState => ({ status: 'connected' }),
    queued: () => 0,
    close: async () => undefined,
  }
}

/** Lay out words from `address` into a register map. */
export function place(regs: Map<number, number>, address: number, words: number[]): number {
  words.forEach((w, i) => regs.set(address + i, w))
  return address + words.length
}
