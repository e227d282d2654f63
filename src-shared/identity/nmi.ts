/**
 * AEMO National Metering Identifier (NMI) entry and checksum (REQUIREMENTS ID-4; AEMO NMI Procedure, checksum
 * appendix). A NMI is 10 characters A-Z / 0-9 without I or O; an optional 11th character is the checksum digit.
 */

export type NmiErrorCode = 'NMI_EMPTY' | 'NMI_LENGTH' | 'NMI_CHARACTERS' | 'NMI_CHECKSUM'

export interface NmiError {
  code: NmiErrorCode
  message: string
}

export interface NmiValidation {
  valid: boolean
  /** The 10-character NMI in upper case (as far as it could be read; empty when the input had no usable text). */
  normalised: string
  /** The checksum digit the 10 characters call for; undefined when the 10 characters are not a NMI. */
  expectedChecksum: number | undefined
  /** The 11th character the installer typed, if any. */
  givenChecksum?: string
  error?: NmiError
}

const NMI_LENGTH = 10
const NMI_BODY = /^[A-HJ-NP-Z0-9]{10}$/

/**
 * The AEMO checksum digit of a 10-character NMI: starting with the rightmost character, double the ASCII value of
 * every other character, add up the decimal digits of all the resulting numbers, and take the distance to the next
 * multiple of ten.
 */
export function nmiChecksum(nmi10: string): number {
  let digitSum = 0
  let double = true
  for (let i = nmi10.length - 1; i >= 0; i--) {
    const code = nmi10.charCodeAt(i)
    digitSum += sumOfDigits(double ? code * 2 : code)
    double = !double
  }
  return (10 - (digitSum % 10)) % 10
}

function sumOfDigits(value: number): number {
  let sum = 0
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10)) sum += rest % 10
  return sum
}

/** Validates what the installer typed: trims, upper-cases, checks characters, length and the optional checksum. */
export function validateNmi(input: string): NmiValidation {
  const text = input.trim().toUpperCase()
  if (text.length === 0) return invalid('', 'NMI_EMPTY', 'Enter the NMI: 10 letters or digits, optionally followed by its checksum digit.')
  if (text.length !== NMI_LENGTH && text.length !== NMI_LENGTH + 1) {
    return invalid(text, 'NMI_LENGTH', `A NMI has 10 characters (11 with the checksum digit); "${text}" has ${text.length}.`)
  }
  const body = text.slice(0, NMI_LENGTH)
  const givenChecksum = text.length > NMI_LENGTH ? text.slice(NMI_LENGTH) : undefined
  const badCharacter = describeBadCharacters(body)
  if (badCharacter) return invalid(body, 'NMI_CHARACTERS', badCharacter, givenChecksum)
  const expectedChecksum = nmiChecksum(body)
  if (givenChecksum !== undefined && givenChecksum !== String(expectedChecksum)) {
    return {
      valid: false,
      normalised: body,
      expectedChecksum,
      givenChecksum,
      error: {
        code: 'NMI_CHECKSUM',
        message: `The checksum digit of ${body} is ${expectedChecksum}, not ${givenChecksum}: check the NMI for a typing error.`,
      },
    }
  }
  return { valid: true, normalised: body, expectedChecksum, ...(givenChecksum === undefined ? {} : { givenChecksum }) }
}

function describeBadCharacters(body: string): string | undefined {
  if (NMI_BODY.test(body)) return undefined
  if (/[IO]/.test(body)) return `A NMI never contains the letters I or O ("${body}"): did you mean the digits 1 or 0?`
  return `A NMI holds only the letters A-Z (without I and O) and the digits 0-9; "${body}" has other characters.`
}

function invalid(normalised: string, code: NmiErrorCode, message: string, givenChecksum?: string): NmiValidation {
  return {
    valid: false,
    normalised,
    expectedChecksum: undefined,
    ...(givenChecksum === undefined ? {} : { givenChecksum }),
    error: { code, message },
  }
}
