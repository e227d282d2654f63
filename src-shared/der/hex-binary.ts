/**
 * 2030.5 HexBinary bitmaps as they appear in the XML: upper-case hex, zero-padded to the type's width
 * (HexBinary8 = 2 digits, HexBinary32 = 8 digits; handbook 10.3.2 shows modesSupported as 00500088).
 */
export type HexBinaryBytes = 1 | 2 | 4

export function formatHexBinary(value: number, bytes: HexBinaryBytes): string {
  const max = 2 ** (8 * bytes) - 1
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${value} does not fit a HexBinary${8 * bytes}.`)
  }
  return value.toString(16).toUpperCase().padStart(2 * bytes, '0')
}

/** Parses a HexBinary element's text (any case, any width); undefined when it is not hex. */
export function parseHexBinary(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^[0-9A-Fa-f]{1,8}$/.test(trimmed)) return undefined
  return Number.parseInt(trimmed, 16)
}

/** Bitmap with the given bit positions set. */
export function bitmapOf(bits: readonly number[]): number {
  let bitmap = 0
  for (const bit of new Set(bits)) {
    if (!Number.isInteger(bit) || bit < 0 || bit > 31) throw new RangeError(`Bit ${bit} is outside a 32-bit bitmap.`)
    // Powers of two, not <<, so bit 31 stays a positive number.
    bitmap += 2 ** bit
  }
  return bitmap
}

/** The bit positions set in `bitmap` (0..31), lowest first. */
export function bitsOf(bitmap: number): number[] {
  const bits: number[] = []
  for (let bit = 0; bit < 32; bit++) if (Math.floor(bitmap / 2 ** bit) % 2 === 1) bits.push(bit)
  return bits
}
