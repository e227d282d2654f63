import { createModbusRtuTransport } from '../modbus/rtu-transport'
import { openPtyPair, type PtyPair } from '../modbus/testing/socat-pair'
import { describeSimDeviceSuite } from './testing/sim-device-suite'

/** DEV-1..DEV-4 over Modbus RTU: the simulator on one end of a socat pty pair, our RTU transport on the other. */
let pair: PtyPair | undefined

describeSimDeviceSuite('device simulator over Modbus RTU (socat pty pair)', {
  async simOptions() {
    pair = await openPtyPair()
    return { serialPath: pair.a, baudRate: 19200 }
  },
  transport: (_sim, clock) => createModbusRtuTransport({ path: pair?.b ?? '', baudRate: 19200, parity: 'none', stopBits: 1, clock, timeoutMs: 300, retries: 0 }),
  teardown: async () => pair?.close(),
})
