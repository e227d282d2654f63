/**
 * hardwareModuleName (RFC 4108 5.1.1) inside a subjectAltName otherName, built and read with the @peculiar/asn1-*
 * schema classes:
 *   HardwareModuleName ::= SEQUENCE { hwType OBJECT IDENTIFIER, hwSerialNum OCTET STRING }
 */
import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema'
import { GeneralName, OtherName, SubjectAlternativeName } from '@peculiar/asn1-x509'
import { Extension, GeneralName as X509GeneralName } from './x509'
import { HARDWARE_MODULE_NAME_OID, OID_SUBJECT_ALT_NAME } from './profile'

export class HardwareModuleName {
  hwType = ''
  hwSerialNum: ArrayBuffer = new ArrayBuffer(0)

  constructor(params: Partial<HardwareModuleName> = {}) {
    Object.assign(this, params)
  }
}
// The schema decorators applied as plain calls (this project compiles without legacy decorator support).
AsnType({ type: AsnTypeTypes.Sequence })(HardwareModuleName)
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(HardwareModuleName.prototype, 'hwType')
AsnProp({ type: AsnPropTypes.OctetString })(HardwareModuleName.prototype, 'hwSerialNum')

export interface HardwareModule {
  hwType: string
  /** The serial number as text when it is printable ASCII, else as upper-case hex. */
  hwSerialNum: string
}

export interface DeviceAltNameOptions {
  hardwareModule?: { hwType: string; hwSerialNum: string }
  dnsNames?: string[]
  ipAddresses?: string[]
  critical: boolean
}

/** Builds the subjectAltName extension; critical for device certificates, whose subject is empty (RFC 5280 4.2.1.6). */
export function subjectAltNameExtension(options: DeviceAltNameOptions): Extension {
  const names: GeneralName[] = []
  if (options.hardwareModule) {
    const hardwareModule = new HardwareModuleName({
      hwType: options.hardwareModule.hwType,
      hwSerialNum: toArrayBuffer(new TextEncoder().encode(options.hardwareModule.hwSerialNum)),
    })
    const otherName = new OtherName({ typeId: HARDWARE_MODULE_NAME_OID, value: AsnConvert.serialize(hardwareModule) })
    names.push(new GeneralName({ otherName }))
  }
  for (const dNSName of options.dnsNames ?? []) names.push(new GeneralName({ dNSName }))
  for (const iPAddress of options.ipAddresses ?? []) names.push(new GeneralName({ iPAddress }))
  const der = AsnConvert.serialize(new SubjectAlternativeName(names))
  return new Extension(OID_SUBJECT_ALT_NAME, options.critical, der)
}

/** Reads the hardwareModuleName from a certificate's subjectAltName extension value, if there is one. */
export function readHardwareModuleName(subjectAltNameDer: ArrayBuffer | ArrayBufferView): HardwareModule | undefined {
  const altName = AsnConvert.parse(subjectAltNameDer, SubjectAlternativeName)
  for (const name of altName) {
    if (name.otherName?.typeId !== HARDWARE_MODULE_NAME_OID) continue
    const parsed = AsnConvert.parse(name.otherName.value, HardwareModuleName)
    return { hwType: parsed.hwType, hwSerialNum: describeSerial(new Uint8Array(parsed.hwSerialNum)) }
  }
  return undefined
}

/** The DNS names and IP addresses in a subjectAltName, for display. */
export function readAltNames(subjectAltNameDer: ArrayBuffer | ArrayBufferView): string[] {
  const altName = AsnConvert.parse(subjectAltNameDer, SubjectAlternativeName)
  return altName.filter((name) => !name.otherName).map((name) => new X509GeneralName(name).toString())
}

function describeSerial(bytes: Uint8Array): string {
  const printable = bytes.every((byte) => byte >= 0x20 && byte < 0x7f)
  if (printable && bytes.length > 0) return new TextDecoder().decode(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase()
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
