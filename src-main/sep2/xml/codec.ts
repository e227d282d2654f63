import { type AppErrorShape, type Result, fail, ok } from '../../../src-shared/result'
import { type DecodeReport, type SchemaWarning, type UnknownElement, decodeComplex } from './decode'
import { encodeComplex } from './encode'
import { Sep2XmlError, SEP2_XML_CODES } from './errors'
import { isSep2Kind, rootNamespace, rootNamespaceUri } from './kinds'
import type { Sep2Documents, Sep2Kind } from './models'
import { CSIPAUS_NS, SEP_NS, isCsipausNamespace } from './namespaces'
import { readXml } from './xml-read'
import { writeXml } from './xml-write'

/**
 * A parsed document: its kind, the typed model, every element that was kept but not understood (`unknown`) and the
 * schema deviations that were tolerated (`warnings`), both worth showing in the exchange log (SRV-7).
 */
export type ParsedSep2<K extends Sep2Kind = Sep2Kind> = {
  [P in K]: { kind: P; doc: Sep2Documents[P]; unknown: UnknownElement[]; warnings: SchemaWarning[] }
}[K]

export interface SerialiseOptions {
  /** URI for the csipaus prefix; default https://csipaus.org/ns (csipaus-ext.xsd). */
  csipausNamespace?: string
}

/**
 * Parses a 2030.5 / CSIP-AUS document. With `kind`, the root must be that resource (else SEP2_XML_UNEXPECTED_ROOT);
 * without, any known root is accepted. Never throws: malformed XML, wrong root and missing required elements come
 * back as a failed Result with a stable code (SEP2_XML_MALFORMED / _UNEXPECTED_ROOT / _INVALID). Two exceptions
 * (REL-4, TypeSpec.refuseElements): a value error inside a control mode of a DERControlBase refuses that mode only – it
 * is left out and listed in the DERControlBase's `invalid` – and a value error of a DERControl itself inside a
 * DERControlList (interval, EventStatus, mRID, a required element missing) refuses that DERControl only – listed in
 * the list's `invalid` with its mRID/replyTo where readable. The controls screening refuses those controls (answered
 * 253) and the rest of the document holds.
 */
export function parseSep2<K extends Sep2Kind>(xml: string, kind?: K): Result<ParsedSep2<K>> {
  try {
    const root = readXml(xml)
    const expectedNs = (name: Sep2Kind) => (rootNamespace(name) === 'sep' ? root.ns === SEP_NS : isCsipausNamespace(root.ns))
    const name = root.name
    if (!isSep2Kind(name) || !expectedNs(name) || (kind !== undefined && name !== kind)) {
      const wanted = kind === undefined ? 'a known IEEE 2030.5 resource' : `<${kind}> in ${rootNamespaceUri(kind)}`
      throw new Sep2XmlError(SEP2_XML_CODES.unexpectedRoot, `Expected ${wanted}, got <${name}> in ${root.ns ?? 'no namespace'}`)
    }
    const report: DecodeReport = { unknown: [], warnings: [] }
    const doc = decodeComplex(root, name, name, report)
    return ok({ kind: name, doc, ...report } as unknown as ParsedSep2<K>)
  } catch (error) {
    return codecFailure(error)
  }
}

/** Writes a document in schema element order with the 2030.5 default namespace and the csipaus prefix. */
export function serialiseSep2<K extends Sep2Kind>(kind: K, doc: Sep2Documents[K], options: SerialiseOptions = {}): Result<string> {
  try {
    const ns = rootNamespace(kind) === 'sep' ? SEP_NS : (options.csipausNamespace ?? CSIPAUS_NS)
    const root = encodeComplex(doc, { typeName: kind, name: kind, ns, path: kind })
    return ok(writeXml(root, { csipausNamespace: options.csipausNamespace ?? CSIPAUS_NS }))
  } catch (error) {
    return codecFailure(error)
  }
}

function codecFailure(error: unknown): { ok: false; error: AppErrorShape } {
  if (error instanceof Sep2XmlError) return { ok: false, error: error.toShape() }
  // Anything else is a bug in the codec; still returned as a result so a bad payload never takes the engine down.
  const message = error instanceof Error ? error.message : String(error)
  return fail(SEP2_XML_CODES.invalid, `Could not decode the document: ${message}`)
}
