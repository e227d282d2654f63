/**
 * Timed scenario actions (issue 12 item 1) over real mutual TLS on a FakeClock: each action changes what a client
 * reads at its time and not before; actions triggered by a client request; the recording of every exchange.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FakeClock } from '../../../src-shared/clock'
import { generateTestPki, type TestPki } from '../../pki'
import { probeTransport, type Probe } from '../../sep2/client/testing/sim-fixture'
import { parseSep2, type Sep2Kind } from '../../sep2/xml'
import type { ScenarioInput } from './scenario-schema'
import { startUtilitySimulator } from './index'

const T0 = Date.UTC(2026, 5, 1, 2, 0, 0)
const X = 'A1000000000000000000000000000001'
const Y = 'A1000000000000000000000000000002'
const P1 = { id: 'P1', description: 'program one', primacy: 1, fsa: 1, default: { modes: { opModExpLimW: 1500 } } }
let pki: TestPki
const open: { close(): Promise<void> }[] = []

beforeAll(async () => {
  pki = await generateTestPki({ now: new Date(T0), deviceCount: 2 })
}, 60_000)

afterEach(async () => {
  for (const o of open.splice(0)) await o.close()
})

async function rig(scenario: ScenarioInput) {
  const clock = new FakeClock(T0)
  const sim = await startUtilitySimulator({ clock, pki, scenario })
  const probes = pki.devices.map((identity) => probeTransport({ clock, url: sim.url, identity, anchors: [pki.sercaPem] }))
  open.push({ close: async () => (await Promise.all(probes.map((p) => p.transport.close())), await sim.close()) })
  const at = async (s: number) => clock.advanceAsync(sim.startMs + s * 1000 - clock.now())
  return { clock, sim, probes, at }
}

const signal = () => new AbortController().signal

async function read<K extends Sep2Kind>(probe: Probe, path: string, kind: K) {
  const r = await probe.transport.get(path, { signal: signal() })
  if (!r.ok) return { status: r.error.code, doc: undefined }
  const parsed = parseSep2(r.value.body, kind)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return { status: r.value.status, doc: parsed.value.doc }
}

const TIMED: ScenarioInput = {
  name: 'timed-actions',
  description: 'every timed action, one a minute',
  unregistered: true,
  actions: [
    { atS: 60, type: 'register-end-device' },
    { atS: 120, type: 'create-der-program', program: P1 },
    { atS: 180, type: 'create-der-control', program: 'P1', control: { mRID: X, startInS: 60, durationS: 900, modes: { opModExpLimW: 0 } } },
    { atS: 300, type: 'cancel-der-control', program: 'P1', randomized: true },
    { atS: 360, type: 'set-comms-rate', pollRates: { edev: 60, fsa: 61 }, mupPostRateS: 60 },
    { atS: 400, type: 'edit-registration', pin: 33221 },
    { atS: 420, type: 'edit-registration', registrationLink: false },
    { atS: 480, type: 'clear-default-der-control', program: 'P1' },
    { atS: 540, type: 'set-default-der-control', program: 'P1', modes: { opModExpLimW: 0 }, setGradW: 27 },
    { atS: 600, type: 'remove-function-set-assignment', fsa: 1 },
    { atS: 660, type: 'communications-status', enabled: false },
    { atS: 720, type: 'communications-status', enabled: true },
  ],
}

describe('timed actions', { timeout: 120_000 }, () => {
  it('each action changes what the client reads at its time', async () => {
    const { sim, probes, at } = await rig(TIMED)
    const c = probes[0]!
    expect((await read(c, '/api/v2/edev', 'EndDeviceList')).doc?.all).toBe(0)
    await at(59)
    expect((await read(c, '/api/v2/edev', 'EndDeviceList')).doc?.all).toBe(0)
    await at(60)
    const list = (await read(c, '/api/v2/edev', 'EndDeviceList')).doc
    expect(list?.EndDevice?.map((d) => [d.href, d.lFDI])).toEqual([['/api/v2/edev/_EDEV1', pki.devices[0]!.lfdi.toUpperCase()]])
    expect((await read(c, '/api/v2/edev/_EDEV1/fsa', 'FunctionSetAssignmentsList')).doc?.all).toBe(0)

    await at(120)
    expect((await read(c, '/api/v2/edev/_EDEV1/fsa/1/derp', 'DERProgramList')).doc?.DERProgram?.map((p) => p.href)).toEqual(['/api/v2/derp/P1'])
    expect((await read(c, '/api/v2/derp/P1/dderc', 'DefaultDERControl')).doc?.DERControlBase.opModExpLimW).toEqual({ value: 15, multiplier: 2 })
    expect((await read(c, '/api/v2/derp/P1/derc', 'DERControlList')).doc?.all).toBe(0)

    await at(180)
    const created = (await read(c, '/api/v2/derp/P1/derc', 'DERControlList')).doc?.DERControl?.[0]
    expect([created?.mRID, created?.EventStatus.currentStatus, created?.creationTime, created?.interval.start]).toEqual([X, 0, sim.startMs / 1000 + 180, sim.startMs / 1000 + 240])
    await at(240)
    expect((await read(c, `/api/v2/derp/P1/derc/${X}`, 'DERControl')).doc?.EventStatus.currentStatus).toBe(1)
    await at(300)
    expect((await read(c, `/api/v2/derp/P1/derc/${X}`, 'DERControl')).doc?.EventStatus).toMatchObject({ currentStatus: 3, dateTime: sim.startMs / 1000 + 300 })

    await at(360)
    expect((await read(c, '/api/v2/edev', 'EndDeviceList')).doc?.pollRate).toBe(60)
    expect((await read(c, '/api/v2/edev/_EDEV1/fsa', 'FunctionSetAssignmentsList')).doc?.pollRate).toBe(61)
    const mup = await c.transport.post('/api/v2/mup', `<MirrorUsagePoint xmlns="urn:ieee:std:2030.5:ns"><mRID>0A000000000000000000000000037269</mRID><roleFlags>03</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status><deviceLFDI>${pki.devices[0]!.lfdi}</deviceLFDI></MirrorUsagePoint>`, { signal: signal() })
    expect((await read(c, mup.ok ? (mup.value.location ?? '') : '', 'MirrorUsagePoint')).doc?.postRate).toBe(60)

    await at(400)
    expect((await read(c, '/api/v2/edev/_EDEV1/rg', 'Registration')).doc?.pIN).toBe(33221)
    await at(420)
    expect((await read(c, '/api/v2/edev/_EDEV1', 'EndDevice')).doc?.RegistrationLink).toBeUndefined()
    expect((await read(c, '/api/v2/edev/_EDEV1/rg', 'Registration')).status).toBe('SEP2_NOT_FOUND')

    await at(480)
    expect((await read(c, '/api/v2/derp/P1', 'DERProgram')).doc?.DefaultDERControlLink).toBeUndefined()
    expect((await read(c, '/api/v2/derp/P1/dderc', 'DefaultDERControl')).status).toBe('SEP2_NOT_FOUND')
    await at(540)
    expect((await read(c, '/api/v2/derp/P1/dderc', 'DefaultDERControl')).doc).toMatchObject({ setGradW: 27, DERControlBase: { opModExpLimW: { value: 0 } } })

    await at(600)
    expect((await read(c, '/api/v2/edev/_EDEV1/fsa', 'FunctionSetAssignmentsList')).doc?.all).toBe(0)
    expect((await read(c, '/api/v2/derp/P1', 'DERProgram')).status).toBe('SEP2_NOT_FOUND')

    await at(660)
    expect((await read(c, '/api/v2/tm', 'Time')).status).toBe('SEP2_CONNECT')
    await at(720)
    expect((await read(c, '/api/v2/tm', 'Time')).status).toBe(200)

    expect(sim.firedActions.map((f) => [(f.at - sim.startMs) / 1000, f.type])).toEqual(TIMED.actions!.map((a) => [a.atS, a.type]))
    expect(sim.firedActions.filter((f) => f.text.startsWith('failed'))).toEqual([])
  })

  it('a control created in reaction to a client request; replaced; several EndDevices share it; the exchange is recorded', async () => {
    const scenario: ScenarioInput = {
      name: 'reactions',
      description: 'controls created in reaction to the client',
      unregistered: true,
      inBandRegistration: true,
      programs: [{ id: 'P', description: 'shared', primacy: 1, fsa: 1 }],
      actions: [{ on: { method: 'POST', path: '^/api/v2/edev$' }, type: 'create-der-control', program: 'P', control: { mRID: X, durationS: 600, modes: { opModExpLimW: 0 } } }],
    }
    const { sim, probes, at } = await rig(scenario)
    const [first, second] = [probes[0]!, probes[1]!]
    await at(30)
    expect((await read(first, '/api/v2/derp/P/derc', 'DERControlList')).doc?.all).toBe(0)
    const body = `<EndDevice xmlns="urn:ieee:std:2030.5:ns"><sFDI>${pki.devices[0]!.sfdi}</sFDI><lFDI>${pki.devices[0]!.lfdi}</lFDI><changedTime>0</changedTime></EndDevice>`
    const posted = await first.transport.post('/api/v2/edev', body, { signal: signal() })
    expect(posted.ok && [posted.value.status, posted.value.location]).toEqual([201, '/api/v2/edev/_EDEV1'])
    expect((await read(first, '/api/v2/derp/P/derc', 'DERControlList')).doc?.DERControl?.map((d) => [d.mRID, d.creationTime])).toEqual([[X, sim.startMs / 1000 + 30]])

    await sim.act({ type: 'register-end-device', pkiDevice: 2 })
    const secondEdev = (await read(second, '/api/v2/edev', 'EndDeviceList')).doc?.EndDevice?.[0]?.href
    expect((await read(second, `${secondEdev}/fsa/1/derp`, 'DERProgramList')).doc?.DERProgram?.map((p) => p.href)).toEqual(['/api/v2/derp/P'])

    await at(90)
    await sim.act({ type: 'replace-der-control', program: 'P', mRID: X, control: { mRID: Y, durationS: 300, modes: { opModExpLimW: 2000 } } })
    const controls = (await read(second, '/api/v2/derp/P/derc', 'DERControlList')).doc?.DERControl?.map((d) => [d.mRID, d.EventStatus.currentStatus])
    expect(controls).toEqual(expect.arrayContaining([[X, 4], [Y, 1]]))

    const exchange = sim.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/edev')
    expect(exchange).toMatchObject({ status: 201, body, responseHeaders: { location: '/api/v2/edev/_EDEV1', 'content-length': '0' }, responseBody: '', at: sim.startMs + 30_000, answeredAt: sim.startMs + 30_000 })
    const listed = sim.requests.filter((r) => r.path === '/api/v2/derp/P/derc').at(-1)
    expect(listed?.responseBody).toContain(`<mRID>${Y}</mRID>`)
  })

  it('refuses an action without a time or a trigger, or with both', async () => {
    const bad = (extra: object) => startUtilitySimulator({ clock: new FakeClock(T0), pki, scenario: { name: 'x', description: '', actions: [{ type: 'communications-status', enabled: false, ...extra }] } as ScenarioInput })
    await expect(bad({})).rejects.toThrow(/either atS or on/)
    await expect(bad({ atS: 1, on: { method: 'GET', path: '.' } })).rejects.toThrow(/either atS or on/)
  })
})
