/**
 * A small 2030.5 tree for the controls tests, on the simulator's mutual-TLS core: dcap -> edev -> fsa -> derp ->
 * dderc / derc (paged), and POST /rsp answering 201 with a Location. The programs are a mutable model the test edits.
 */
import type { Clock } from '../../../src-shared/clock'
import { parseSep2, serialiseSep2, type Sep2Documents, type Sep2Kind } from '../../sep2/xml'
import { startMutualTlsServer, type MutualTlsServer, type SimRequest, type SimResponse } from '../../sim/utility/core'
import type { ProgramSnapshot } from '../snapshot'

export const RESPONSE_PATH = '/rsp'

export interface ControlsServerModel {
  lfdi: string
  programs: ProgramSnapshot[]
  /** List an event only until its end, as the simulator and real servers do. */
  dropEnded?: boolean
  /** Answer POSTs to /rsp with this status (201 by default). */
  responseStatus?: number
}

export interface PostedResponse {
  at: number
  subject: string
  status: number
  endDeviceLFDI: string
  createdDateTime?: number
}

function xml<K extends Sep2Kind>(kind: K, doc: Sep2Documents[K]): SimResponse {
  const out = serialiseSep2(kind, doc)
  if (!out.ok) return { status: 500, body: out.error.message }
  return { status: 200, headers: { 'content-type': 'application/sep+xml' }, body: out.value }
}

function page<T>(items: T[], req: SimRequest): { items: T[]; all: number; results: number } {
  const s = Number(req.query.s ?? 0)
  const l = Number(req.query.l ?? 255)
  const slice = items.slice(s, s + l)
  return { items: slice, all: items.length, results: slice.length }
}

function programsList(model: ControlsServerModel, req: SimRequest): SimResponse {
  const p = page(model.programs, req)
  const DERProgram = p.items.map((prog, i) => ({
    href: prog.href,
    mRID: prog.mRID,
    primacy: prog.primacy,
    ...(prog.defaultControl ? { DefaultDERControlLink: { href: `/derp/${i}/dderc` } } : {}),
    DERControlListLink: { href: `/derp/${i}/derc`, all: prog.controls.length },
  }))
  return xml('DERProgramList', { href: req.path, all: p.all, results: p.results, DERProgram })
}

function route(model: ControlsServerModel, req: SimRequest, nowS: number): SimResponse {
  const { path } = req
  if (path === '/dcap') return xml('DeviceCapability', { href: '/dcap', EndDeviceListLink: { href: '/edev', all: 1 } })
  if (path === '/edev')
    return xml('EndDeviceList', {
      href: '/edev',
      all: 1,
      results: 1,
      EndDevice: [{ href: '/edev/0', lFDI: model.lfdi, sFDI: 0, changedTime: 0, FunctionSetAssignmentsListLink: { href: '/edev/0/fsa', all: 1 } }],
    })
  if (path === '/edev/0/fsa')
    return xml('FunctionSetAssignmentsList', {
      href: path,
      all: 1,
      results: 1,
      FunctionSetAssignments: [{ href: '/fsa/0', mRID: 'F5A0000000000000000000000000000A', DERProgramListLink: { href: '/fsa/0/derp', all: model.programs.length } }],
    })
  if (path === '/fsa/0/derp') return programsList(model, req)
  const m = /^\/derp\/(\d+)\/(dderc|derc)$/.exec(path)
  const prog = m ? model.programs[Number(m[1])] : undefined
  if (m && prog && m[2] === 'dderc' && prog.defaultControl) return xml('DefaultDERControl', { ...prog.defaultControl, href: path })
  if (m && prog && m[2] === 'derc') {
    const listed = model.dropEnded ? prog.controls.filter((c) => c.interval.start + c.interval.duration > nowS) : prog.controls
    const p = page(listed, req)
    return xml('DERControlList', { href: path, all: p.all, results: p.results, DERControl: p.items })
  }
  return { status: 404 }
}

export interface ControlsServer {
  server: MutualTlsServer
  model: ControlsServerModel
  posted(): PostedResponse[]
}

export async function startControlsServer(opts: {
  model: ControlsServerModel
  clock: Clock
  serverCert: string
  serverKey: string
  caCerts: string[]
}): Promise<ControlsServer> {
  let created = 0
  const server = await startMutualTlsServer({
    serverCert: opts.serverCert,
    serverKey: opts.serverKey,
    caCerts: opts.caCerts,
    clock: opts.clock,
    handler: async (req) => {
      if (req.method === 'POST' && req.path === RESPONSE_PATH) {
        const status = opts.model.responseStatus ?? 201
        return status === 201 ? { status, headers: { location: `${RESPONSE_PATH}/${++created}` } } : { status }
      }
      return req.method === 'GET' ? route(opts.model, req, Math.floor(opts.clock.now() / 1000)) : { status: 405 }
    },
  })
  return {
    server,
    model: opts.model,
    posted() {
      return server.requests
        .filter((r) => r.method === 'POST' && r.path === RESPONSE_PATH && r.status === 201)
        .flatMap((r) => {
          const parsed = parseSep2(r.body, 'DERControlResponse')
          if (!parsed.ok) return []
          const d = parsed.value.doc
          return [{ at: r.at, subject: d.subject, status: d.status ?? -1, endDeviceLFDI: d.endDeviceLFDI, ...(d.createdDateTime !== undefined ? { createdDateTime: d.createdDateTime } : {}) }]
        })
    },
  }
}
