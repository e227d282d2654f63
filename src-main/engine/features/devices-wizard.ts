import type { StepStatus } from '../../../src-shared/domain/wizard'
import type { StoredDevice } from '../../storage/devices-repo'

/**
 * APP-1: the Devices step is done when a site meter and at least one inverter are assigned and were read successfully;
 * otherwise it says, in words, what is still missing. Nothing is recorded while the site has no devices.
 */
export function devicesStepState(devices: StoredDevice[]): { status: StepStatus; note: string } | undefined {
  if (!devices.length) return undefined
  const readOk = (d: StoredDevice) => d.discovery !== null && d.lastError === null
  const meter = devices.find((d) => d.role === 'site-meter')
  const inverters = devices.filter((d) => d.role === 'inverter')
  const missing: string[] = []
  if (!meter) missing.push('give one device the role "Site meter"')
  else if (!readOk(meter)) missing.push(`the site meter (${meter.name}) did not answer: ${meter.lastError?.message ?? 'not read yet'}`)
  if (!inverters.length) missing.push('give at least one device the role "Inverter"')
  else if (!inverters.some(readOk)) missing.push('no inverter answered yet')
  if (missing.length) return { status: 'in-progress', note: `Still to do: ${missing.join('; ')}.` }
  const read = inverters.filter(readOk).length
  return { status: 'done', note: `Site meter ${meter?.name ?? ''} and ${read} inverter${read === 1 ? '' : 's'} read.` }
}
