/**
 * A Modbus TCP fault proxy between `run` and the device simulator: forwards MBAP frames both ways and, per unit id,
 * spoils the replies – garbage bytes, a wrong transaction id, a delay, the connection closed, or silence – while
 * recording when each unit last got a good (unmodified) reply through.
 */
import { randomBytes } from 'node:crypto'
import net from 'node:net'

export type ModbusFault = { kind: 'garbage' } | { kind: 'wrong-tid' } | { kind: 'delay'; ms: number } | { kind: 'close' } | { kind: 'silent' }

export interface ModbusProxy {
  port: number
  /** Spoil every reply for this unit from now on. */
  fault(unit: number, fault: ModbusFault): void
  /** Harness time (ms) of the last good reply forwarded for the unit. */
  lastGood(unit: number): number | undefined
  /** Replies forwarded unmodified, per unit. */
  goodReplies(unit: number): number
  close(): Promise<void>
}

const MBAP_HEADER = 6

/** Splits a byte stream into MBAP frames (length field at bytes 4-5 counts what follows it). */
function framer(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0)
  return (chunk) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= MBAP_HEADER) {
      const total = MBAP_HEADER + pending.readUInt16BE(4)
      if (pending.length < total) return
      onFrame(pending.subarray(0, total))
      pending = pending.subarray(total)
    }
  }
}

export async function startModbusProxy(target: { host: string; port: number }): Promise<ModbusProxy> {
  const faults = new Map<number, ModbusFault>()
  const last = new Map<number, number>()
  const good = new Map<number, number>()
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    sockets.add(client).add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', drop).on('close', drop)
    upstream.on('error', drop).on('close', drop)
    client.on('data', framer((frame) => {
      const unit = frame[6] ?? -1
      if (faults.get(unit)?.kind === 'close') return drop()
      upstream.write(frame)
    }))
    upstream.on('data', framer((frame) => reply(client, frame)))
  })
  function reply(client: net.Socket, frame: Buffer): void {
    const unit = frame[6] ?? -1
    const fault = faults.get(unit)
    if (!fault) {
      last.set(unit, Date.now())
      good.set(unit, (good.get(unit) ?? 0) + 1)
      client.write(frame)
      return
    }
    if (fault.kind === 'silent' || fault.kind === 'close') return
    if (fault.kind === 'garbage') client.write(randomBytes(frame.length))
    if (fault.kind === 'wrong-tid') {
      const spoiled = Buffer.from(frame)
      spoiled.writeUInt16BE((frame.readUInt16BE(0) + 0x5a5a) & 0xffff, 0)
      client.write(spoiled)
    }
    if (fault.kind === 'delay') setTimeout(() => client.writable && client.write(frame), fault.ms)
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    fault: (unit, f) => void faults.set(unit, f),
    lastGood: (unit) => last.get(unit),
    goodReplies: (unit) => good.get(unit) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
