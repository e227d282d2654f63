/**
 * A serial line at real byte timing between two pseudo-terminals (bench only): every byte takes one character time on
 * the wire (8N1 at 9600 baud: 10 bits, 1.0417 ms) in each direction, as on an RS-485 bus. A pty pair by itself
 * delivers a whole frame at once, so an RTU sample over it says nothing about the wire.
 */
import { SerialPort } from 'serialport'

export const charMs = (baud: number, bitsPerChar = 10) => (bitsPerChar * 1000) / baud

export interface PacedRelay {
  close(): Promise<void>
}

function open(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false })
    port.open((error) => (error ? reject(error) : resolve(port)))
  })
}

/** Bytes read on `from` come out of `to`, each one character time after the one before (and after it arrived). */
function pace(from: SerialPort, to: SerialPort, byteMs: number): () => void {
  const queue: { byte: number; due: number }[] = []
  let lineFreeAt = 0
  let timer: NodeJS.Timeout | undefined
  const pump = () => {
    timer = undefined
    const now = performance.now()
    let n = 0
    while (n < queue.length && (queue[n]?.due ?? Infinity) <= now) n++
    if (n > 0) to.write(Buffer.from(queue.splice(0, n).map((q) => q.byte)))
    const next = queue[0]
    if (next) timer = setTimeout(pump, Math.max(0, next.due - performance.now()))
  }
  from.on('data', (chunk: Buffer) => {
    for (const byte of chunk) {
      lineFreeAt = Math.max(performance.now(), lineFreeAt) + byteMs
      queue.push({ byte, due: lineFreeAt })
    }
    timer ??= setTimeout(pump, Math.max(0, (queue[0]?.due ?? 0) - performance.now()))
  })
  return () => {
    if (timer) clearTimeout(timer)
  }
}

export async function startPacedRelay(a: string, b: string, baud: number): Promise<PacedRelay> {
  const [portA, portB] = await Promise.all([open(a), open(b)])
  const stops = [pace(portA, portB, charMs(baud)), pace(portB, portA, charMs(baud))]
  return {
    async close() {
      for (const stop of stops) stop()
      await Promise.all([portA, portB].map((p) => new Promise<void>((done) => (p.isOpen ? p.close(() => done()) : done()))))
    },
  }
}
