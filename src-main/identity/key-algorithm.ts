/** Names a public or private key's algorithm and curve for the installer (REQUIREMENTS ID-1: must be ECDSA P-256). */
import type { KeyObject } from 'node:crypto'
import type { KeyAlgorithmSummary } from '../../src-shared/identity'

/** OpenSSL curve names -> the names installers meet in the handbook and in certificate viewers. */
const CURVE_NAMES: Record<string, { name: string; aliases: string }> = {
  prime256v1: { name: 'P-256', aliases: 'secp256r1 / prime256v1' },
  secp384r1: { name: 'P-384', aliases: 'secp384r1' },
  secp521r1: { name: 'P-521', aliases: 'secp521r1' },
  secp256k1: { name: 'secp256k1', aliases: 'the Bitcoin curve' },
}

export function describeKey(key: KeyObject): KeyAlgorithmSummary {
  const type = key.asymmetricKeyType ?? 'unknown'
  const details = key.asymmetricKeyDetails ?? {}
  if (type === 'ec') {
    const openSslName = details.namedCurve ?? 'unknown curve'
    const curve = CURVE_NAMES[openSslName]
    return {
      type,
      curve: curve?.name ?? openSslName,
      description: curve ? `ECDSA ${curve.name} (${curve.aliases})` : `ECDSA on curve ${openSslName}`,
    }
  }
  if (type === 'rsa' || type === 'rsa-pss' || type === 'dsa') {
    const bits = details.modulusLength
    return { type, ...(bits === undefined ? {} : { bits }), description: `${type.toUpperCase()}${bits === undefined ? '' : ` ${bits}-bit`}` }
  }
  return { type, description: type.toUpperCase() }
}

/** IEEE 2030.5 / handbook Annex B: the ECC suite SHALL use secp256r1. */
export function isP256(summary: KeyAlgorithmSummary): boolean {
  return summary.type === 'ec' && summary.curve === 'P-256'
}
