/**
 * A discovery walk is bounded (issue 15 item 5): a server whose links fan out without end (here 600 FSAs, each with
 * its own DERProgramList) is stopped after MAX_WALK_STEPS reads with SEP2_WALK_TOO_LARGE, over real mutual TLS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { answerXml, startHostileServer } from '../transport/testing/hostile-server'
import type { HostileServer } from '../transport/testing/hostile-server'
import { createTestPki } from '../transport/testing/openssl-pki'
import type { TestPki } from '../transport/testing/openssl-pki'
import { makeTransport } from '../transport/testing/transport-fixture'
import type { TransportProbe } from '../transport/testing/transport-fixture'
import { runDiscovery } from './discovery'
import { lfdiOfChain } from './pem'
import { MAX_WALK_STEPS, WALK_TOO_LARGE } from './walk'

const NS = 'xmlns="urn:ieee:std:2030.5:ns"'
const FSAS = 600

function documents(lfdi: string): Record<string, string> {
  const fsas = Array.from({ length: FSAS }, (_, i) => `<FunctionSetAssignments href="/fsa/${i}"><DERProgramListLink all="0" href="/derp/${i}"/><mRID>${(i + 1).toString(16).toUpperCase().padStart(32, '0')}</mRID><description>FSA ${i}</description><version>0</version></FunctionSetAssignments>`)
  return {
    '/dcap': `<DeviceCapability ${NS} href="/dcap"><EndDeviceListLink all="1" href="/edev"/></DeviceCapability>`,
    '/edev': `<EndDeviceList ${NS} href="/edev" all="1" results="1"><EndDevice href="/edev/1"><lFDI>${lfdi}</lFDI><sFDI>1</sFDI><changedTime>0</changedTime><FunctionSetAssignmentsListLink all="${FSAS}" href="/fsa"/><RegistrationLink href="/rg"/></EndDevice></EndDeviceList>`,
    '/rg': `<Registration ${NS} href="/rg"><dateTimeRegistered>0</dateTimeRegistered><pIN>1234</pIN></Registration>`,
    '/fsa': `<FunctionSetAssignmentsList ${NS} href="/fsa" all="${FSAS}" results="${FSAS}">${fsas.join('')}</FunctionSetAssignmentsList>`,
  }
}

let pki: TestPki
let server: HostileServer
let probe: TransportProbe

beforeAll(async () => {
  pki = createTestPki()
  const docs = documents(lfdiOfChain(pki.client.chain) ?? '')
  server = await startHostileServer(pki, (req, res) => answerXml(res, docs[req.path] ?? `<DERProgramList ${NS} href="${req.path}" all="0" results="0"/>`))
  probe = makeTransport({ url: server.url, clock: new FakeClock(), identity: pki.client, anchors: [pki.serca] })
})

afterAll(async () => {
  await probe.transport.close()
  await server.close()
  pki.cleanup()
})

describe('walk bounds', () => {
  it(`600 FSAs with a program list each -> stopped after ${MAX_WALK_STEPS} reads with ${WALK_TOO_LARGE}`, async () => {
    const clock = new FakeClock()
    const result = await runDiscovery({ transport: probe.transport, dcapUrl: `${server.url}/dcap`, clock, ourLfdi: lfdiOfChain(pki.client.chain) ?? '', mode: 'device' })
    expect(result.ok).toBe(false)
    const last = result.steps.at(-1)
    expect(last?.error?.code).toBe(WALK_TOO_LARGE)
    expect(result.stoppedAt).toBe('DERProgramList')
    expect(server.requests.length).toBeLessThanOrEqual(MAX_WALK_STEPS)
  }, 60_000)
})
