import type { DeviceFault } from './faults'

/**
 * The Modbus application layer of the simulator: function 3/4 reads, 6/16 writes, exceptions. Framing (TCP MBAP or
 * RTU CRC) is the caller's job. Returns null when the unit should stay silent (unknown unit, timeout/unplugged fault).
 */
export interface SimUnit {
  readHolding(address: number, count: number): number[] | undefined
  readInput(address: number, count: number): number[] | undefined
  /** Returns false when the registers are not writable (exception 2). */
  writeHolding(address: number, values: number[]): boolean
  fault(): DeviceFault
}

const ILLEGAL_FUNCTION = 1
const ILLEGAL_ADDRESS = 2
const ILLEGAL_VALUE = 3

function exception(fc: number, code: number): Uint8Array {
  return Uint8Array.from([fc | 0x80, code])
}

function registersReply(fc: number, words: number[]): Uint8Array {
  const out = new Uint8Array(2 + words.length * 2)
  out[0] = fc
  out[1] = words.length * 2
  words.forEach((w, i) => {
    out[2 + i * 2] = (w >> 8) & 0xff
    out[3 + i * 2] = w & 0xff
  })
  return out
}

function u16(pdu: Uint8Array, at: number): number {
  return ((pdu[at] ?? 0) << 8) | (pdu[at + 1] ?? 0)
}

export function handlePdu(unit: SimUnit | undefined, pdu: Uint8Array): Uint8Array | null {
  if (!unit) return null
  const fault = unit.fault()
  if (fault.kind === 'timeout' || fault.kind === 'unplugged') return null
  const fc = pdu[0] ?? 0
  if (fault.kind === 'exception') return exception(fc, fault.code)
  switch (fc) {
    case 3:
    case 4: {
      const address = u16(pdu, 1)
      const count = u16(pdu, 3)
      if (count < 1 || count > 125) return exception(fc, ILLEGAL_VALUE)
      const words = fc === 3 ? unit.readHolding(address, count) : unit.readInput(address, count)
      return words ? registersReply(fc, words) : exception(fc, ILLEGAL_ADDRESS)
    }
    case 6:
      return unit.writeHolding(u16(pdu, 1), [u16(pdu, 3)]) ? pdu.slice(0, 5) : exception(fc, ILLEGAL_ADDRESS)
    case 16: {
      const count = u16(pdu, 3)
      const values = Array.from({ length: count }, (_, i) => u16(pdu, 6 + i * 2))
      return unit.writeHolding(u16(pdu, 1), values) ? pdu.slice(0, 5) : exception(fc, ILLEGAL_ADDRESS)
    }
    default:
      return exception(fc, ILLEGAL_FUNCTION)
  }
}

/** Length of an RTU request frame starting with unit + function code, once enough bytes are known (else undefined). */
export function rtuRequestLength(frame: Uint8Array): number | undefined {
  const fc = frame[1]
  if (fc === undefined) return undefined
  if (fc === 16) return frame.length >= 7 ? 9 + (frame[6] ?? 0) : undefined
  return 8
}
