/** XML namespaces of IEEE 2030.5 and CSIP-AUS. Parsing matches by URI, never by prefix (SRV-6). */
export const SEP_NS = 'urn:ieee:std:2030.5:ns'

/** CSIP-AUS extension namespace (csipaus-ext.xsd, v1.2). This is the one we write. */
export const CSIPAUS_NS = 'https://csipaus.org/ns'

/** CSIP-AUS v1.3 extension namespace (csipaus-ext-v1.3.xsd); accepted on input. */
export const CSIPAUS_NS_V13 = 'https://csipaus.org/ns/v1.3'

export const CSIPAUS_NAMESPACES: readonly string[] = [CSIPAUS_NS, CSIPAUS_NS_V13]

/** Prefix written for CSIP-AUS elements (handbook Annex D servers use `ns2:`, any prefix is accepted on input). */
export const CSIPAUS_PREFIX = 'csipaus'

export function isCsipausNamespace(uri: string | undefined): boolean {
  return uri !== undefined && CSIPAUS_NAMESPACES.includes(uri)
}
