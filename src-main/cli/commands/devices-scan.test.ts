import { describe, expect, it } from 'vitest'
import { CliUsageError, type CliIo } from '../types'
import { devicesScanCommand, parseUnits } from './devices-scan'
import { simDevicesCommand } from './sim-devices'

interface Printed {
  human: string
  json: unknown
}

function fakeIo(signal = new AbortController().signal, onPrint?: (p: Printed) => void): { io: CliIo; printed: Printed[] } {
  const printed: Printed[] = []
  const print = (human: string, json: unknown) => {
    printed.push({ human, json })
    onPrint?.({ human, json })
  }
  return { printed, io: { print, info: () => undefined, signal, cwd: '/', env: {} } }
}

describe('sim devices + devices scan commands', () => {
  it('the simulator prints how to connect; a scan of every unit prints models, identity, ratings and live values', async () => {
    const stop = new AbortController()
    let announce: (p: Printed) => void = () => undefined
    const announced = new Promise<Printed>((r) => (announce = r))
    const sim = fakeIo(stop.signal, announce)
    const running = simDevicesCommand.run({ positionals: [], values: { 'tcp-port': '0' }, json: false }, sim.io)
    const first = await announced
    const port = /Modbus TCP: 127\.0\.0\.1:(\d+)/.exec(first.human)?.[1]
    expect(port).toBeDefined()
    expect(first.human).toMatch(/devices scan --tcp 127\.0\.0\.1:\d+ --unit 1,2,3,4,5/)

    const scan = fakeIo()
    const code = await devicesScanCommand.run({ positionals: [], values: { tcp: `127.0.0.1:${port}`, unit: '1,2,3,4,5,9', profile: 'eastron-sdm630', timeout: '200' }, json: false }, scan.io)
    expect(code).toBe(1)
    const text = scan.printed[0]?.human ?? ''
    expect(text).toMatch(/Unit 1: SunSpec inverter at 40000 – SEP2 Commissioner Sim SIM-5000-123, serial SIM-INV-123-0001/)
    expect(text).toMatch(/models 1, 103, 120, 121, 122, 123, 160/)
    expect(text).toMatch(/rated 5000 W/)
    expect(text).toMatch(/control: active power limit, connect\/disconnect via SunSpec model 123/)
    expect(text).toMatch(/Unit 2: .*\n {2}models 1, 701, 702, 703, 704/)
    expect(text).toMatch(/Unit 3: SunSpec storage/)
    expect(text).toMatch(/control: not controllable – this device offers neither/)
    expect(text).toMatch(/Unit 4: SunSpec meter/)
    expect(text).toMatch(/Unit 5: Eastron SDM630 .*\(meter profile\)/)
    expect(text).toMatch(/Unit 9: No reply/)
    const json = scan.printed[0]?.json as { devices: { unitId: number; error?: { code: string } }[] }
    expect(json.devices.find((d) => d.unitId === 9)?.error?.code).toBe('MODBUS_TIMEOUT')

    stop.abort()
    expect(await running).toBe(0)
  })

  it('usage errors: no target, both targets, bad unit ids', async () => {
    const run = (values: Record<string, string>) => devicesScanCommand.run({ positionals: [], values, json: false }, fakeIo().io)
    await expect(run({})).rejects.toBeInstanceOf(CliUsageError)
    await expect(run({ tcp: 'a', serial: '/dev/x' })).rejects.toBeInstanceOf(CliUsageError)
    expect(() => parseUnits('1,300')).toThrow(CliUsageError)
    expect(parseUnits('1, 2')).toEqual([1, 2])
    expect(parseUnits(undefined)).toEqual([1])
  })
})
