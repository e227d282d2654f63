import { describe, expect, it } from 'vitest'
import { FakeClock } from '../../src-shared/clock'
import type { DerInventoryEntry } from '../../src-shared/der'
import type { DeviceSample } from '../devices/device-manager'
import type { Sep2Response, Sep2Result } from '../sep2/transport'
import { parseSep2, serialiseSep2 } from '../sep2/xml'
import { controllerModes, derCapabilityDocument } from './der-documents'
import { DER_PUT_MIN_INTERVAL_MS, DerReporter, STATUS_CONFIRM_SAMPLES } from './der-reporter'
import { derDeviceStates } from './der-states'
import type { Sep2Poster } from './ports'

const T0 = Date.UTC(2026, 0, 15, 2, 0)
const LINKS = { status: '/edev/1/der/1/ders', capability: '/edev/1/der/1/dercap', settings: '/edev/1/der/1/derg' }
const INVENTORY: DerInventoryEntry[] = [
  { type: 4, rtgMaxW: 5000 },
  { type: 4, rtgMaxW: 3000, setGradW: 50 },
  { type: 80, rtgMaxW: 5000, rtgMaxWh: 13_500 },
]

function fakePoster() {
  const puts: { path: string; body: string }[] = []
  const ok = async (path: string): Promise<Sep2Result<Sep2Response>> => ({ ok: true, value: { url: path, status: 204, headers: {}, body: '', attempts: 1 } })
  const poster: Sep2Poster = {
    get: (path) => ok(path),
    post: (path) => ok(path),
    put: async (path, body) => {
      puts.push({ path, body })
      return ok(path)
    },
  }
  return { poster, puts }
}

function sample(deviceId: string, role: 'inverter' | 'battery', w: number | 'silent'): DeviceSample {
  if (w === 'silent') return { deviceId, role, ok: false, error: { code: 'MODBUS_TIMEOUT', message: 'no answer' } }
  const der = { W: w, var: 0, VA: Math.abs(w), V: 240, Hz: 50, A: 0, PF: 1, energyWh: 0, state: undefined }
  return { deviceId, role, ok: true, der, meter: undefined }
}

const parse = <K extends 'DERStatus' | 'DERCapability' | 'DERSettings'>(body: string, kind: K) => {
  const parsed = parseSep2(body, kind)
  if (!parsed.ok) throw new Error(parsed.error.message)
  return parsed.value.doc
}

describe('DER capability modes (TEL-1, handbook 10.3.2)', () => {
  it('the handbook examples: Energize + FixedW + MaxLimW + TargetW = 00500088, all four DOE modes = 0F', () => {
    const xml = serialiseSep2(
      'DERCapability',
      derCapabilityDocument(
        { type: 4, rtgMaxW: { value: 5000, multiplier: 0 }, rtgMaxVA: { value: 5000, multiplier: 0 } },
        { modes: ['opModEnergize', 'opModFixedW', 'opModMaxLimW', 'opModTargetW'], doeModes: ['opModExpLimW', 'opModImpLimW', 'opModGenLimW', 'opModLoadLimW'] },
      ),
    )
    expect(xml.ok && xml.value).toContain('<modesSupported>00500088</modesSupported>')
    expect(xml.ok && xml.value).toContain('<csipaus:doeModesSupported>0F</csipaus:doeModesSupported>')
  })

  it.each([
    { controllableLoad: true, doe: 0x0f },
    { controllableLoad: false, doe: 0x05 },
  ])('what the site controller enforces: connect + energize (0000000C); DOE modes with load control $controllableLoad', ({ controllableLoad, doe }) => {
    const modes = controllerModes({ controllableLoad, canDisconnect: true })
    const doc = derCapabilityDocument({ type: 83, rtgMaxW: { value: 13_000, multiplier: 0 }, rtgMaxVA: { value: 13_000, multiplier: 0 } }, modes)
    expect(doc.modesSupported.value).toBe(0x0c)
    expect(doc.doeModesSupported?.value).toBe(doe)
  })
})

describe('DER reporter (TEL-1)', () => {
  it('PUTs capability, settings and status at start: site sums, setGradW, two inverters and a battery aggregated', async () => {
    const clock = new FakeClock(T0)
    const { poster, puts } = fakePoster()
    const reporter = new DerReporter({ clock, poster, links: LINKS, inventory: INVENTORY, controllableLoad: true, canDisconnect: true })
    await reporter.updateDevices(derDeviceStates([sample('inv-1', 'inverter', 2500), sample('inv-2', 'inverter', 0), sample('bat', 'battery', -2000)]))
    puts.length = 0
    // The first status went out just now: the next one waits for the minimum interval.
    await reporter.reportAll()
    expect(puts.map((p) => p.path)).toEqual([LINKS.capability, LINKS.settings])
    await clock.advanceAsync(DER_PUT_MIN_INTERVAL_MS)
    await reporter.idle()
    expect(puts.map((p) => p.path)).toEqual([LINKS.capability, LINKS.settings, LINKS.status])
    const cap = parse(puts[0]?.body ?? '', 'DERCapability')
    expect(cap).toMatchObject({ type: 83, rtgMaxW: { value: 13_000, multiplier: 0 }, rtgMaxWh: { value: 13_500, multiplier: 0 } })
    expect(cap.doeModesSupported?.value).toBe(0x0f)
    const settings = parse(puts[1]?.body ?? '', 'DERSettings')
    // setGradW: the setMaxW-weighted mean of the one device that states one (handbook 11.3 applies it to the total).
    expect(settings).toMatchObject({ setMaxW: { value: 13_000, multiplier: 0 }, setGradW: 50, updatedTime: T0 / 1000 })
    const status = parse(puts[2]?.body ?? '', 'DERStatus')
    expect(status.operationalModeStatus).toEqual({ dateTime: (T0 + DER_PUT_MIN_INTERVAL_MS) / 1000, value: 2 })
    // One inverter operating, one available -> connected|available|operating = 07; the battery charges (0).
    expect(status.genConnectStatus?.value.value).toBe(0x07)
    expect(status.storConnectStatus?.value.value).toBe(0x07)
    expect(status.storageModeStatus?.value).toBe(0)
  })

  it('PUTs DERStatus again only when the aggregate changes, with the fault bit for a silent inverter', async () => {
    const clock = new FakeClock(T0)
    const { poster, puts } = fakePoster()
    const reporter = new DerReporter({ clock, poster, links: LINKS, inventory: INVENTORY, controllableLoad: true, canDisconnect: true })
    await reporter.updateDevices(derDeviceStates([sample('inv-1', 'inverter', 2500), sample('inv-2', 'inverter', 1000)]))
    expect(puts).toHaveLength(1)
    clock.advance(200)
    await reporter.updateDevices(derDeviceStates([sample('inv-1', 'inverter', 2400), sample('inv-2', 'inverter', 900)]))
    expect(puts).toHaveLength(1)
    await clock.advanceAsync(DER_PUT_MIN_INTERVAL_MS)
    // A change counts once STATUS_CONFIRM_SAMPLES samples agree.
    for (let i = 1; i < STATUS_CONFIRM_SAMPLES; i++) await reporter.updateDevices(derDeviceStates([sample('inv-1', 'inverter', 2400), sample('inv-2', 'inverter', 'silent')]))
    expect(puts).toHaveLength(1)
    await reporter.updateDevices(derDeviceStates([sample('inv-1', 'inverter', 2400), sample('inv-2', 'inverter', 'silent')]))
    expect(puts).toHaveLength(2)
    expect(parse(puts[1]?.body ?? '', 'DERStatus').genConnectStatus?.value.value).toBe(0x17)
  })

  it('settings carry the default setGradW (28) when no device states one; an inventory change is PUT', async () => {
    const { poster, puts } = fakePoster()
    const reporter = new DerReporter({ clock: new FakeClock(T0), poster, links: LINKS, inventory: [{ type: 4, rtgMaxW: 5000 }], controllableLoad: false, canDisconnect: true })
    await reporter.updateInventory([{ type: 4, rtgMaxW: 5000 }, { type: 4, rtgMaxW: 6000 }])
    expect(puts.map((p) => p.path)).toEqual([LINKS.capability, LINKS.settings])
    expect(parse(puts[0]?.body ?? '', 'DERCapability').rtgMaxW).toEqual({ value: 11_000, multiplier: 0 })
    expect(parse(puts[1]?.body ?? '', 'DERSettings').setGradW).toBe(28)
  })
})
