/** Pure identity logic (DESIGN.md layer 1): NMI checksum, LFDI/SFDI, virtual LFDI, mRIDs, PEN. */
export { validateNmi, nmiChecksum } from './nmi'
export type { NmiValidation, NmiError, NmiErrorCode } from './nmi'
export { lfdiFromDigest, sfdiFromLfdi, virtualLfdiFromDigest, normaliseLfdi, formatLfdi, formatSfdi, withSumCheckDigit } from './lfdi'
export { checkPen, formatPen, PEN_DIGITS } from './pen'
export type { PenCheck } from './pen'
export { createMrid, usagePointMrid, validateMrid, USAGE_POINT_ROLE_FLAGS, MRID_RANDOM_BYTES, MRID_HEX_DIGITS } from './mrid'
export type { MridValidation, UsagePointRole } from './mrid'
export { bytesToHex } from './hex'
export { verdictOf } from './certificate-report'
export type {
  CertificateAnalysis,
  CertificateCheck,
  CertificateCheckId,
  CertificateIdentity,
  ChainEntry,
  ChainRole,
  CheckStatus,
  KeyAlgorithmSummary,
} from './certificate-report'
