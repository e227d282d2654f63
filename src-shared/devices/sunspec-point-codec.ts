import type { PointValue, SunSpecPointType } from './sunspec-model-types'

/**
 * One SunSpec point to and from its registers, with the "not implemented" sentinels of the SunSpec information model:
 * int16/sunssf 0x8000, uint16/enum16/bitfield16/count 0xFFFF, acc* 0, int32 0x80000000, uint32/enum32/bitfield32
 * 0xFFFFFFFF, int64 0x8000..., uint64/bitfield64 0xFFFF..., float NaN, string all zero.
 */
const U16_NI = 0xffff
const I16_NI = 0x8000
const U32_NI = 0xffffffff
const I32_NI = -0x80000000

function word(words: readonly number[], i: number): number {
  return (words[i] ?? 0) & 0xffff
}

function big(words: readonly number[], count: number): bigint {
  let v = 0n
  for (let i = 0; i < count; i++) v = (v << 16n) | BigInt(word(words, i))
  return v
}

function u32(words: readonly number[]): number {
  return word(words, 0) * 0x10000 + word(words, 1)
}

function float32(words: readonly number[]): number {
  const view = new DataView(new ArrayBuffer(4))
  view.setUint16(0, word(words, 0))
  view.setUint16(2, word(words, 1))
  return view.getFloat32(0)
}

function float64(words: readonly number[]): number {
  const view = new DataView(new ArrayBuffer(8))
  for (let i = 0; i < 4; i++) view.setUint16(i * 2, word(words, i))
  return view.getFloat64(0)
}

function decodeString(words: readonly number[], size: number): string | null {
  const bytes: number[] = []
  for (let i = 0; i < size; i++) bytes.push(word(words, i) >> 8, word(words, i) & 0xff)
  if (bytes.every((b) => b === 0)) return null
  const end = bytes.indexOf(0)
  const used = end < 0 ? bytes : bytes.slice(0, end)
  return String.fromCharCode(...used).trimEnd()
}

function nullIf(value: number, sentinel: number): number | null {
  return value === sentinel ? null : value
}

/** Decode a point's registers to its raw value, or null when the device marks it not implemented. */
export function decodePointRaw(type: SunSpecPointType, words: readonly number[], size: number): PointValue | null {
  switch (type) {
    case 'uint16':
    case 'enum16':
    case 'bitfield16':
    case 'count':
      return nullIf(word(words, 0), U16_NI)
    case 'int16':
    case 'sunssf': {
      const w = word(words, 0)
      return w === I16_NI ? null : w >= 0x8000 ? w - 0x10000 : w
    }
    case 'acc16':
      return nullIf(word(words, 0), 0)
    case 'uint32':
    case 'enum32':
    case 'bitfield32':
      return nullIf(u32(words), U32_NI)
    case 'acc32':
    case 'ipaddr':
      return nullIf(u32(words), 0)
    case 'int32':
      return nullIf(u32(words) | 0, I32_NI)
    case 'uint64':
    case 'bitfield64': {
      const v = big(words, 4)
      return v === 0xffffffffffffffffn ? null : Number(v)
    }
    case 'acc64': {
      const v = big(words, 4)
      return v === 0n ? null : Number(v)
    }
    case 'int64': {
      const v = BigInt.asIntN(64, big(words, 4))
      return v === -0x8000000000000000n ? null : Number(v)
    }
    case 'float32': {
      const v = float32(words)
      return Number.isNaN(v) ? null : v
    }
    case 'float64': {
      const v = float64(words)
      return Number.isNaN(v) ? null : v
    }
    case 'string':
      return decodeString(words, size)
    case 'ipv6addr':
    case 'eui48': {
      const hex = words.slice(0, size).map((w) => (w & 0xffff).toString(16).padStart(4, '0'))
      return hex.every((h) => h === '0000') ? null : hex.join(':')
    }
    case 'pad':
      return null
  }
}

/** The sentinel registers a device returns for a point it does not implement. */
export function notImplementedWords(type: SunSpecPointType, size: number): number[] {
  switch (type) {
    case 'int16':
    case 'sunssf':
      return [I16_NI]
    case 'int32':
      return [0x8000, 0]
    case 'int64':
      return [0x8000, 0, 0, 0]
    case 'float32':
      return [0x7fc0, 0]
    case 'float64':
      return [0x7ff8, 0, 0, 0]
    case 'uint16':
    case 'enum16':
    case 'bitfield16':
    case 'count':
    case 'uint32':
    case 'enum32':
    case 'bitfield32':
    case 'uint64':
    case 'bitfield64':
      return new Array<number>(size).fill(U16_NI)
    case 'acc16':
    case 'acc32':
    case 'acc64':
    case 'string':
    case 'pad':
    case 'ipaddr':
    case 'ipv6addr':
    case 'eui48':
      return new Array<number>(size).fill(0)
  }
}

function encodeString(value: string, size: number): number[] {
  const out: number[] = []
  for (let i = 0; i < size; i++) {
    const hi = value.charCodeAt(i * 2) || 0
    const lo = value.charCodeAt(i * 2 + 1) || 0
    out.push(((hi & 0xff) << 8) | (lo & 0xff))
  }
  return out
}

function encodeBig(value: number, size: number): number[] {
  let v = BigInt.asUintN(size * 16, BigInt(Math.round(value)))
  const out = new Array<number>(size).fill(0)
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffffn)
    v >>= 16n
  }
  return out
}

function encodeFloat(value: number, size: number): number[] {
  const view = new DataView(new ArrayBuffer(size * 2))
  if (size === 2) view.setFloat32(0, value)
  else view.setFloat64(0, value)
  return Array.from({ length: size }, (_, i) => view.getUint16(i * 2))
}

/** Encode a raw value (integer before scaling, or a string) into the point's registers. */
export function encodePointRaw(type: SunSpecPointType, value: PointValue, size: number): number[] {
  if (type === 'string') return encodeString(String(value), size)
  const n = typeof value === 'number' ? value : Number(value)
  if (type === 'float32' || type === 'float64') return encodeFloat(n, size)
  return encodeBig(n, size)
}

/** Apply a scale factor: raw x 10^sf, rounded to remove binary noise. */
export function applyScale(raw: number, sf: number): number {
  if (sf === 0) return raw
  const scaled = raw * 10 ** sf
  return sf < 0 ? Number(scaled.toFixed(-sf)) : scaled
}

/** The raw integer that represents `value` at scale factor sf. */
export function unscale(value: number, sf: number): number {
  return Math.round(value / 10 ** sf)
}
