/** Test helpers: a simulated mutual-TLS server plus transports built from the test PKI, and event waiters. */
import { FakeClock } from '../../../../src-shared/clock'
import { startMutualTlsServer } from '../../../sim/utility/core'
import type { MutualTlsServer, MutualTlsServerOptions, SimHandler } from '../../../sim/utility/core'
import type { Sep2Exchange, Sep2RetryNotice } from '../exchange'
import type { Sep2Transport, Sep2TransportOptions } from '../transport'
import { createSep2Transport } from '../transport'
import type { TestIdentity, TestPki } from './openssl-pki'

export const echoHandler: SimHandler = async (req) => {
  if (req.method === 'POST') return { status: 201, headers: { location: `${req.path}/1` } }
  if (req.method === 'PUT' || req.method === 'DELETE') return { status: 204 }
  return { status: 200, body: `<DeviceCapability xmlns="urn:ieee:std:2030.5:ns" href="${req.path}"/>` }
}

export function startSim(pki: TestPki, clock: FakeClock, extra: Partial<MutualTlsServerOptions> = {}): Promise<MutualTlsServer> {
  return startMutualTlsServer({ serverCert: pki.server.chain, serverKey: pki.server.key, caCerts: [pki.serca], handler: echoHandler, clock, ...extra })
}

/** Collects callbacks as they happen and lets a test await the next one. */
export class Waiter<T> {
  readonly seen: T[] = []
  private waiting: Array<(v: T) => void> = []
  private unread: T[] = []

  push = (value: T): void => {
    this.seen.push(value)
    const next = this.waiting.shift()
    if (next) next(value)
    else this.unread.push(value)
  }

  next(): Promise<T> {
    const ready = this.unread.shift()
    if (ready !== undefined) return Promise.resolve(ready)
    return new Promise((resolve) => this.waiting.push(resolve))
  }
}

export interface TransportProbe {
  transport: Sep2Transport
  exchanges: Waiter<Sep2Exchange>
  retries: Waiter<Sep2RetryNotice>
}

export type ProbeOptions = { url: string; clock: FakeClock; identity: TestIdentity; anchors: string[]; tap?: (e: Sep2Exchange) => void } & Partial<Sep2TransportOptions>

export function makeTransport(opts: ProbeOptions): TransportProbe {
  const exchanges = new Waiter<Sep2Exchange>()
  const retries = new Waiter<Sep2RetryNotice>()
  const { url, identity, anchors, tap, ...rest } = opts
  const transport = createSep2Transport({
    baseUrl: url,
    clientCert: identity.chain,
    clientKey: identity.key,
    trustAnchors: anchors,
    checkHostname: true,
    random: () => 0.5,
    onExchange: (e) => {
      tap?.(e)
      exchanges.push(e)
    },
    onRetry: retries.push,
    ...rest,
  })
  return { transport, exchanges, retries }
}
