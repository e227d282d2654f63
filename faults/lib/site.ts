/**
 * A whole site for `run --config`: the device simulator as its own process (`sim devices --tcp-port 0`), a Modbus
 * fault proxy in front of it, a hostile (or normal) 2030.5 server, and the config file pointing `run` at them.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CaseContext } from './case'
import { FIXED_EXPORT_W, startHostileServer, type HostileServer } from './hostile-server'
import { startModbusProxy, type ModbusProxy } from './modbus-proxy'
import { start, type Started } from './processes'

/** The device simulator's units (src-main/site/demo-run.ts uses the same): meter 4, inverters 1 and 2. */
export const METER_UNIT = 4
export const INVERTER_UNITS = [1, 2]

export interface Site {
  server: HostileServer
  proxy: ModbusProxy
  devices: Started
  configPath: string
  dataDir: string
  close(): Promise<void>
}

export async function startSite(ctx: CaseContext, o: { arrange?: (s: HostileServer) => void } = {}): Promise<Site> {
  const server = await startHostileServer({ dir: ctx.tmp })
  o.arrange?.(server)
  const devices = start(ctx.root, 'bin/sep2-commissioner.js', ['sim', 'devices', '--tcp-port', '0', '--json'])
  const port = Number((await devices.waitFor(/"port":\s*(\d+)/, 30_000))[1])
  const proxy = await startModbusProxy({ host: '127.0.0.1', port })
  const dataDir = join(ctx.tmp, 'run-data')
  const config = {
    siteId: 'faults',
    dataDir,
    server: { dcapUrl: server.dcapUrl, cert: server.files.chain, key: server.files.key, ca: [server.files.serca], checkHostname: true },
    site: { pen: 12345, fixedLimits: { exportW: FIXED_EXPORT_W, importW: FIXED_EXPORT_W }, der: [{ type: 4, ratedW: 5000 }, { type: 4, ratedW: 3000 }], utcOffsetS: 36_000 },
    devices: { host: '127.0.0.1', port: proxy.port, meterUnit: METER_UNIT, inverterUnits: INVERTER_UNITS, batteryUnits: [] },
  }
  const configPath = join(ctx.tmp, 'run-config.json')
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  return {
    server,
    proxy,
    devices,
    configPath,
    dataDir,
    async close() {
      await proxy.close()
      devices.child.kill('SIGTERM')
      await devices.done
      await server.close()
    },
  }
}

export function startRun(ctx: CaseContext, site: Site, extra: string[] = []): Started {
  return start(ctx.root, 'bin/sep2-commissioner.js', ['run', '--config', site.configPath, '--verbose', ...extra])
}

/** SIGINT, then the exit within `ms` (SIGKILL after). */
export async function interrupt(run: Started, ms = 20_000) {
  run.child.kill('SIGINT')
  const killer = setTimeout(() => run.child.kill('SIGKILL'), ms)
  const f = await run.done
  clearTimeout(killer)
  return f
}
