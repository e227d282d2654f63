import { createServer, type Server, type Socket } from 'node:net'
import { handlePdu, type SimUnit } from './modbus-pdu'

/** Modbus TCP (MBAP framing) for the simulator, on 127.0.0.1. */
export interface SimTcpServer {
  port: number
  close(): Promise<void>
  /** Drop every open connection (used by the "unplugged" fault). */
  dropConnections(): void
}

const MBAP_HEADER = 7

function serveSocket(socket: Socket, units: (id: number) => SimUnit | undefined): void {
  let buffer: Buffer = Buffer.alloc(0)
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    while (buffer.length >= MBAP_HEADER) {
      const length = buffer.readUInt16BE(4)
      if (buffer.length < 6 + length) break
      const frame = buffer.subarray(0, 6 + length)
      buffer = buffer.subarray(6 + length)
      const unitId = frame[6] ?? 0
      const unit = units(unitId)
      if (unit?.fault().kind === 'unplugged') return void socket.destroy()
      const reply = handlePdu(unit, frame.subarray(MBAP_HEADER))
      if (!reply) continue
      const header = Buffer.alloc(MBAP_HEADER)
      header.writeUInt16BE(frame.readUInt16BE(0), 0)
      header.writeUInt16BE(0, 2)
      header.writeUInt16BE(reply.length + 1, 4)
      header[6] = unitId
      socket.write(Buffer.concat([header, reply]))
    }
  })
  socket.on('error', () => socket.destroy())
}

export function startSimTcpServer(options: { port?: number; units: (id: number) => SimUnit | undefined }): Promise<SimTcpServer> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    serveSocket(socket, options.units)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      resolve({
        port,
        dropConnections: () => sockets.forEach((s) => s.destroy()),
        close: () =>
          new Promise<void>((done) => {
            sockets.forEach((s) => s.destroy())
            server.close(() => done())
          }),
      })
    })
  })
}
