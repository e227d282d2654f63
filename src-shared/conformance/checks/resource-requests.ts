/**
 * `resource-requests` (cactus-runner check.py, read for meaning): how many requests the client made for the named
 * CSIP-AUS resources, with the resources placed where the harness's server (envoy) serves them. Pricing resources
 * (v1.3) have no place here: a check naming one fails saying so.
 */
import { failed, passed, type CheckResult, type RecordedRequest } from '../record'
import { endpointMatches } from '../step-machine'

/** Where each resource lives in the harness's URL layout (one * = one path component). */
export const RESOURCE_PATHS: Readonly<Record<string, readonly string[]>> = {
  DeviceCapability: ['/dcap'],
  Time: ['/tm'],
  MirrorUsagePointList: ['/mup'],
  MirrorUsagePoint: ['/mup/*'],
  EndDeviceList: ['/edev'],
  EndDevice: ['/edev/*'],
  ConnectionPoint: ['/edev/*/cp'],
  Registration: ['/edev/*/rg'],
  FunctionSetAssignmentsList: ['/edev/*/fsa'],
  FunctionSetAssignments: ['/edev/*/fsa/*'],
  DERProgramList: ['/edev/*/fsa/*/derp', '/edev/*/derp'],
  DERProgram: ['/edev/*/derp/*'],
  DERControlList: ['/edev/*/derp/*/derc'],
  DERControl: ['/edev/*/derp/*/derc/*'],
  DefaultDERControl: ['/edev/*/derp/*/dderc'],
  DERList: ['/edev/*/der'],
  DER: ['/edev/*/der/*'],
  DERCapability: ['/edev/*/der/*/dercap'],
  DERSettings: ['/edev/*/der/*/derg'],
  DERStatus: ['/edev/*/der/*/ders'],
}

export function resourceRequests(requests: readonly RecordedRequest[], want: { resources: readonly string[]; minimum?: number; maximum?: number }): CheckResult {
  const unknown = want.resources.filter((r) => !RESOURCE_PATHS[r])
  if (unknown.length > 0) return failed(`not a resource this client uses: ${unknown.join(', ')} (pricing is CSIP-AUS v1.3, not used in Queensland)`)
  const patterns = want.resources.flatMap((r) => RESOURCE_PATHS[r] ?? [])
  const n = requests.filter((q) => patterns.some((p) => endpointMatches(q.path, p))).length
  if (want.minimum !== undefined && n < want.minimum) return failed(`${n} request(s) for ${want.resources.join(', ')}, expected at least ${want.minimum}`)
  if (want.maximum !== undefined && n > want.maximum) return failed(`${n} request(s) for ${want.resources.join(', ')}, expected at most ${want.maximum}`)
  return passed(`${n} request(s) for ${want.resources.join(', ')}`)
}
