/**
 * The procedures name endpoints as the harness's server (envoy) lays them out – /edev/1/derp/6/derc,
 * /edev/1/rsps/site_control/rsp – while the utility simulator serves its own layout under /api/v2 (Annex D style:
 * /api/v2/derp/<program id>/derc). This turns a simulator path into the harness's, so an event or a check compares
 * like with like: EndDevices and DERPrograms are numbered from 1 in the order the simulator holds them (the order the
 * procedure created them, as envoy's ids are), every Response set is the site-control one.
 */
const API = '/api/v2'

export interface HarnessIds {
  /** EndDevice ids in the simulator's order: the device under test first. */
  readonly devices: readonly string[]
  /** DERProgram ids in creation order. */
  readonly programs: readonly string[]
}

const RULES: readonly { pattern: RegExp; to: (m: RegExpMatchArray, ids: HarnessIds) => string | undefined }[] = [
  { pattern: /^\/(dcap|tm|edev|mup)$/, to: (m) => `/${m[1]}` },
  { pattern: /^\/mup\/(\d+)$/, to: (m) => `/mup/${m[1]}` },
  { pattern: /^\/edev\/([^/]+)(\/.*)?$/, to: (m, ids) => withIndex('/edev', ids.devices, m[1], m[2]) },
  { pattern: /^\/derp\/([^/]+)(\/.*)?$/, to: (m, ids) => withIndex('/edev/1/derp', ids.programs, m[1], m[2]) },
  { pattern: /^\/rsps\/[^/]+\/rsp(\/.*)?$/, to: (m) => `/edev/1/rsps/site_control/rsp${m[1] ?? ''}` },
]

/** The harness's path for a simulator path (query removed); undefined for a path outside the 2030.5 tree. */
export function harnessPath(simPath: string, ids: HarnessIds): string | undefined {
  const path = simPath.split('?')[0] ?? ''
  if (!path.startsWith(`${API}/`)) return undefined
  const rest = path.slice(API.length)
  for (const rule of RULES) {
    const m = rest.match(rule.pattern)
    if (m) return rule.to(m, ids)
  }
  return undefined
}

function withIndex(prefix: string, ids: readonly string[], id: string | undefined, tail: string | undefined): string | undefined {
  const index = ids.indexOf(id ?? '')
  return index < 0 ? undefined : `${prefix}/${index + 1}${tail ?? ''}`
}
