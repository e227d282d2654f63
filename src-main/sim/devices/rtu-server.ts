import { SerialPort } from 'serialport'
import { crc16 } from './crc16'
import { handlePdu, rtuRequestLength, type SimUnit } from './modbus-pdu'

/** Modbus RTU (CRC framing) for the simulator on a serial path, e.g. one end of a socat pty pair. */
export interface SimRtuServer {
  path: string
  close(): Promise<void>
}

function withCrc(body: Uint8Array): Buffer {
  const crc = crc16(body)
  return Buffer.concat([Buffer.from(body), Buffer.from([crc & 0xff, crc >> 8])])
}

function takeFrames(buffer: Buffer, onFrame: (frame: Buffer) => void): Buffer {
  let rest = buffer
  for (;;) {
    const length = rtuRequestLength(rest)
    if (length === undefined || rest.length < length) return rest
    const frame = rest.subarray(0, length)
    const crc = frame.readUInt16LE(length - 2)
    // a bad CRC means we lost sync: drop one byte and look again (a real device stays silent)
    if (crc !== crc16(frame.subarray(0, length - 2))) {
      rest = rest.subarray(1)
      continue
    }
    onFrame(frame)
    rest = rest.subarray(length)
  }
}

export function startSimRtuServer(options: { path: string; baudRate?: number; units: (id: number) => SimUnit | undefined }): Promise<SimRtuServer> {
  const port = new SerialPort({ path: options.path, baudRate: options.baudRate ?? 9600, autoOpen: false })
  let buffer: Buffer = Buffer.alloc(0)
  port.on('data', (chunk: Buffer) => {
    buffer = takeFrames(Buffer.concat([buffer, chunk]), (frame) => {
      const unitId = frame[0] ?? 0
      const unit = options.units(unitId)
      const reply = handlePdu(unit, frame.subarray(1, frame.length - 2))
      if (!reply) return
      const out = withCrc(Uint8Array.from([unitId, ...reply]))
      if (unit?.fault().kind === 'corrupt') out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0xff
      port.write(out)
    })
  })
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) return reject(error)
      resolve({
        path: options.path,
        close: () => new Promise<void>((done) => (port.isOpen ? port.close(() => done()) : done())),
      })
    })
  })
}
