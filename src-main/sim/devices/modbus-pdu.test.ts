import { describe, expect, it } from 'vitest'
import { crc16 } from './crc16'
import { handlePdu, rtuRequestLength, type SimUnit } from './modbus-pdu'
import type { DeviceFault } from './faults'

function unit(fault: DeviceFault = { kind: 'none' }): SimUnit & { regs: Map<number, number> } {
  const regs = new Map([[100, 0x1234], [101, 0xabcd]])
  return {
    regs,
    readHolding: (a, n) => (Array.from({ length: n }, (_, i) => regs.get(a + i)).every((w) => w !== undefined) ? Array.from({ length: n }, (_, i) => regs.get(a + i) ?? 0) : undefined),
    readInput: () => undefined,
    writeHolding: (a, values) => (regs.has(a) ? (values.forEach((v, i) => regs.set(a + i, v)), true) : false),
    fault: () => fault,
  }
}

describe('simulator Modbus PDU handling', () => {
  it('function 3 reads registers', () => {
    expect(Array.from(handlePdu(unit(), Uint8Array.from([3, 0, 100, 0, 2])) ?? [])).toEqual([3, 4, 0x12, 0x34, 0xab, 0xcd])
  })

  it('an unmapped address is exception 2; an unsupported function is exception 1; a bad count is exception 3', () => {
    expect(Array.from(handlePdu(unit(), Uint8Array.from([3, 0, 200, 0, 1])) ?? [])).toEqual([0x83, 2])
    expect(Array.from(handlePdu(unit(), Uint8Array.from([4, 0, 100, 0, 1])) ?? [])).toEqual([0x84, 2])
    expect(Array.from(handlePdu(unit(), Uint8Array.from([1, 0, 0, 0, 1])) ?? [])).toEqual([0x81, 1])
    expect(Array.from(handlePdu(unit(), Uint8Array.from([3, 0, 100, 0, 200])) ?? [])).toEqual([0x83, 3])
  })

  it('function 16 writes and echoes address and count', () => {
    const u = unit()
    expect(Array.from(handlePdu(u, Uint8Array.from([16, 0, 100, 0, 2, 4, 0, 1, 0, 2])) ?? [])).toEqual([16, 0, 100, 0, 2])
    expect(u.regs.get(101)).toBe(2)
  })

  it('faults: timeout and unplugged stay silent, exception answers with its code, unknown unit is silent', () => {
    expect(handlePdu(unit({ kind: 'timeout' }), Uint8Array.from([3, 0, 100, 0, 1]))).toBeNull()
    expect(handlePdu(unit({ kind: 'unplugged' }), Uint8Array.from([3, 0, 100, 0, 1]))).toBeNull()
    expect(Array.from(handlePdu(unit({ kind: 'exception', code: 6 }), Uint8Array.from([3, 0, 100, 0, 1])) ?? [])).toEqual([0x83, 6])
    expect(handlePdu(undefined, Uint8Array.from([3, 0, 100, 0, 1]))).toBeNull()
  })

  it('RTU framing: request lengths and the CRC of a known frame', () => {
    expect(rtuRequestLength(Uint8Array.from([1, 3]))).toBe(8)
    expect(rtuRequestLength(Uint8Array.from([1, 16, 0, 0, 0, 2]))).toBeUndefined()
    expect(rtuRequestLength(Uint8Array.from([1, 16, 0, 0, 0, 2, 4]))).toBe(13)
    // 01 03 00 00 00 0A -> CRC C5 CD (low byte first on the wire)
    expect(crc16(Uint8Array.from([1, 3, 0, 0, 0, 10]))).toBe(0xcdc5)
  })
})
