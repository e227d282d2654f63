import { AppError } from '../../errors'
import type { AppErrorShape } from '../../../src-shared/result'

/** Stable codes of the SEP2 XML codec (SRV-6). */
export const SEP2_XML_CODES = {
  /** Not well-formed XML (unclosed tag, bad character, unbound prefix...). */
  malformed: 'SEP2_XML_MALFORMED',
  /** Well-formed, but the root element is not the resource that was asked for (or not one we know). */
  unexpectedRoot: 'SEP2_XML_UNEXPECTED_ROOT',
  /** Right root, but a required element is missing or a value does not parse (e.g. `abc` as an integer). */
  invalid: 'SEP2_XML_INVALID',
  /** A document built in TypeScript cannot be written (missing required field, wrong value type). */
  serialise: 'SEP2_XML_SERIALISE',
} as const

export type Sep2XmlErrorCode = (typeof SEP2_XML_CODES)[keyof typeof SEP2_XML_CODES]

const HINTS: Record<Sep2XmlErrorCode, string> = {
  SEP2_XML_MALFORMED: 'The server sent something that is not XML; check the exchange log for the raw body.',
  SEP2_XML_UNEXPECTED_ROOT: 'The server answered with a different resource than expected; check the link that was followed.',
  SEP2_XML_INVALID: 'The resource is missing data the IEEE 2030.5 schema requires; report it to the utility with the exchange log.',
  SEP2_XML_SERIALISE: 'The app built an incomplete document; this is a bug, please report it.',
}

/** Codec failure with a stable code. Thrown only inside the codec and turned into a Result at its edge. */
export class Sep2XmlError extends AppError {
  override readonly code: Sep2XmlErrorCode
  /** Where in the document, e.g. `DERControlList/DERControl[2]/interval`. */
  readonly path: string
  /** The message without the path (a refused control mode reports the two apart). */
  readonly detail: string

  constructor(code: Sep2XmlErrorCode, message: string, path = '') {
    super(code, path ? `${message} (at ${path})` : message, { hint: HINTS[code] })
    this.code = code
    this.path = path
    this.detail = message
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.describe() }
  }
}
