import { createModbusTcpTransport } from '../modbus/tcp-transport'
import { describeSimDeviceSuite } from './testing/sim-device-suite'

/** DEV-1..DEV-4 over Modbus TCP against the device simulator on 127.0.0.1 port 0. */
describeSimDeviceSuite('device simulator over Modbus TCP', {
  simOptions: async () => ({ tcpPort: 0 }),
  transport: (sim, clock) => createModbusTcpTransport({ host: '127.0.0.1', port: sim.tcp?.port ?? 0, clock, timeoutMs: 300, retries: 0 }),
})
