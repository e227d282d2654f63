/**
 * Size limits of the API messages the renderer sends (WebSocket frames on the web host, IPC in Electron), chosen so
 * the largest legitimate message – a certificate import – travels with room to spare, and so parsing the largest
 * message the host accepts never holds the event loop that runs the site controller for long (REL-5; issue 15: a
 * 19.6 MB import message, and a 10 MB nested one that blocked the host for 4 s).
 */

/**
 * One certificate, chain or key file: a device certificate with its MICA and SERCA is 2-5 KB in PEM, a PKCS#12 bundle
 * a few KB more. 256 KiB is fifty times a long chain – anything bigger is not a certificate file.
 */
export const MAX_CERTIFICATE_FILE_BYTES = 256 * 1024
/** All the files of one import together. */
export const MAX_CERTIFICATE_IMPORT_BYTES = 512 * 1024
export const MAX_CERTIFICATE_FILES = 10

/**
 * One API message. The largest legitimate one is an import at MAX_CERTIFICATE_IMPORT_BYTES: 683 KiB as base64 plus a
 * little JSON. 768 KiB leaves ~80 KiB to spare, and JSON.parse of a
 * string-heavy message that size takes ~15-25 ms on a slow, busy laptop core.
 */
export const MAX_API_MESSAGE_BYTES = 768 * 1024
/**
 * Structural characters ({ [ , :) in one message. A real invocation has tens to a few hundred (a 100-step verification
 * profile ~1,500); the cap bounds the parse cost of pathological shapes (deep nesting, millions of tiny values) that
 * cost far more per byte than text does.
 */
export const MAX_API_MESSAGE_TOKENS = 5000

/** Length of the base64 text of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

/** The installer-facing reason a set of picked files cannot be imported, or undefined when they fit. */
export function certificateFilesProblem(files: readonly { name: string; size: number }[]): string | undefined {
  if (files.length > MAX_CERTIFICATE_FILES) return `Pick at most ${MAX_CERTIFICATE_FILES} files at once (${files.length} were picked).`
  const big = files.find((f) => f.size > MAX_CERTIFICATE_FILE_BYTES)
  if (big) {
    return `${big.name} is ${sizeText(big.size)}: a certificate, chain or key file is at most ${sizeText(MAX_CERTIFICATE_FILE_BYTES)} (a chain is a few KB). Is it the right file?`
  }
  const total = files.reduce((acc, f) => acc + f.size, 0)
  if (total > MAX_CERTIFICATE_IMPORT_BYTES) return `The files together are ${sizeText(total)}; one import takes at most ${sizeText(MAX_CERTIFICATE_IMPORT_BYTES)}.`
  return undefined
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.ceil(bytes / 1024)} KiB`
}

/**
 * Counts the structural characters of `text`, stopping once past `max` (a native regex scan: ~1 ms per MiB, far
 * cheaper than the parse it guards). Characters inside strings count too, which only errs towards refusing.
 */
export function structuralCountExceeds(text: string, max: number): boolean {
  const re = /[[{,:]/g
  let count = 0
  while (re.exec(text) !== null) if (++count > max) return true
  return false
}
