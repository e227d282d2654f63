/** Hex helpers for digests and random draws handed in by the caller (this layer does no hashing and no I/O). */

export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex.toUpperCase()
}

export function isHex(text: string): boolean {
  return /^[0-9A-Fa-f]*$/.test(text)
}

/** A digest given as hex or bytes, returned as upper-case hex. */
export function digestHex(digest: string | Uint8Array): string {
  if (typeof digest !== 'string') return bytesToHex(digest)
  if (!isHex(digest)) throw new TypeError('A digest must be hexadecimal.')
  return digest.toUpperCase()
}
