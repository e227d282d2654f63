/**
 * The IEEE 2030.5 certificate profile as the test PKI uses it (IEEE 2030.5-2018 6.11, handbook Annex B): ECDSA P-256
 * keys, ecdsa-with-SHA256 signatures, a critical certificatePolicies extension, devices with an empty subject and a
 * critical subjectAltName holding a hardwareModuleName, and device validity that never ends.
 */

/** IEEE 2030.5 certificate policy OIDs (under the SEP 2.0 arc 1.3.6.1.4.1.40732). */
export const SEP2_POLICY = {
  device: '1.3.6.1.4.1.40732.1.1',
  mobile: '1.3.6.1.4.1.40732.1.2',
  postManufacture: '1.3.6.1.4.1.40732.1.3',
  test: '1.3.6.1.4.1.40732.2.1',
  selfSigned: '1.3.6.1.4.1.40732.2.2',
  serviceProvider: '1.3.6.1.4.1.40732.2.3',
  bulkIssued: '1.3.6.1.4.1.40732.2.4',
} as const

export const SEP2_POLICY_OIDS: string[] = Object.values(SEP2_POLICY)

/** RFC 4108 id-on-hardwareModuleName: the otherName form of subjectAltName a 2030.5 device certificate carries. */
export const HARDWARE_MODULE_NAME_OID = '1.3.6.1.5.5.7.8.4'

/**
 * hwType for simulated devices: an arc under IANA's documentation PEN 32473 (RFC 5612), so test certificates can
 * never be mistaken for a real manufacturer's.
 */
export const TEST_HW_TYPE_OID = '1.3.6.1.4.1.32473.2030.5.1'

/** IEEE 2030.5: device certificates have no expiry: notAfter 99991231235959Z (GeneralizedTime). */
export const NEVER_EXPIRES = new Date(Date.UTC(9999, 11, 31, 23, 59, 59))

export const EC_P256_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const

export const OID_SUBJECT_ALT_NAME = '2.5.29.17'
export const OID_CERTIFICATE_POLICIES = '2.5.29.32'
