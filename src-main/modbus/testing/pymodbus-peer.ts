import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A Modbus server we did not write: Debian's python3-pymodbus (3.0) serving a SunSpec map written by hand in Python
 * below (tests only). Use /usr/bin/python3, which has pymodbus; the pyenv python on PATH does not.
 */
const SERVER_SCRIPT = String.raw`
import asyncio, sys
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext
from pymodbus.server.async_io import ModbusTcpServer, ModbusSerialServer
from pymodbus.framer.rtu_framer import ModbusRtuFramer

def s(text, n):
    b = text.encode().ljust(n * 2, b'\0')
    return [int.from_bytes(b[i:i + 2], 'big') for i in range(0, n * 2, 2)]

U, I = 0xFFFF, 0x8000   # not implemented: uint16, int16/sunssf
def neg(v): return v & 0xFFFF

regs = [0x5375, 0x6E53]                                   # 'SunS' at 40000
regs += [1, 66] + s('PeerCo', 16) + s('Peer-Inverter', 16) + s('', 8) + s('2.0', 8) + s('PEER-0001', 16) + [1, I]
m103 = [1250, 1250, U, U, neg(-2),   U, U, U,   2405, U, U, neg(-1),   299, 1,   5001, neg(-2),
        3000, 0,   neg(-150), 0,   I, I,   0, 12345, 0,   U, I, U, I, I, I,   I, I, I, I, I,   4, U,
        0, 0,  0, 0,  U, U, U, U, U, U, U, U]
assert len(m103) == 50
regs += [103, 50] + m103
regs += [64900, 3, 1, 2, 3]                               # a model nobody knows: skipped by its length
m123 = [0, 0, 1, 100, 0, 0, 0, 0,   I, 0, 0, 0, 0,   I, I, I, 0, 0, 0, U, 0,   0, neg(-3), 0]
assert len(m123) == 24
regs += [123, 24] + m123
regs += [0xFFFF, 0]                                       # end marker

store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(40000, regs), zero_mode=True)
context = ModbusServerContext(slaves={1: store}, single=False)

async def main(mode, arg):
    if mode == 'tcp':
        server = ModbusTcpServer(context, address=('127.0.0.1', 0), defer_start=True)
        task = asyncio.create_task(server.serve_forever())
        await server.serving
        print('READY tcp', server.server.sockets[0].getsockname()[1], flush=True)
        await task
    else:
        server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=arg, baudrate=19200, ignore_missing_slaves=True)
        await server.start()
        print('READY rtu', arg, flush=True)
        await server.serve_forever()

asyncio.run(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ''))
`

export interface PymodbusPeer {
  /** TCP port, when serving TCP. */
  port: number | undefined
  close(): Promise<void>
}

export async function startPymodbusPeer(mode: { kind: 'tcp' } | { kind: 'rtu'; path: string }): Promise<PymodbusPeer> {
  const dir = await mkdtemp(join(tmpdir(), 'pymodbus-peer-'))
  const script = join(dir, 'sunspec_server.py')
  await writeFile(script, SERVER_SCRIPT)
  const peer = await spawnPythonPeer(mode.kind === 'tcp' ? [script, 'tcp'] : [script, 'rtu', mode.path])
  return {
    port: peer.port,
    close: async () => {
      await peer.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Run a pymodbus server script with Debian's python3 until it prints `READY tcp PORT` or `READY rtu PATH`. */
export function spawnPythonPeer(args: string[]): Promise<PymodbusPeer> {
  const child: ChildProcess = spawn('/usr/bin/python3', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()))
      child.kill('SIGTERM')
      await exited
    }
  }
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    let ready = false
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    child.once('exit', (code) => reject(new Error(`pymodbus server exited (${code}): ${err}`)))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /READY (tcp|rtu) (\S+)/.exec(out)
      if (!m || ready) return
      ready = true
      child.removeAllListeners('exit')
      resolve({ port: m[1] === 'tcp' ? Number(m[2]) : undefined, close })
    })
  })
}
