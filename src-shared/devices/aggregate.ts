import type { DerLive } from './der-values'

/**
 * DER values across several inverters for DER telemetry (handbook 10.8.2 note 2: DER telemetry is the aggregation of
 * sub-DER). Powers and energy are summed; voltage and frequency are averaged over live devices only, so a stopped
 * inverter reporting 0 V / 0 Hz (or nothing) does not drag the site's figures down.
 */
export interface DerAggregate {
  W: number | undefined
  var: number | undefined
  VA: number | undefined
  V: number | undefined
  Hz: number | undefined
  energyWh: number | undefined
  /** Devices that contributed a sample / devices whose voltage or frequency was live. */
  reporting: number
  live: number
}

function sum(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined)
  return present.length ? present.reduce((a, b) => a + b, 0) : undefined
}

function liveAverage(values: (number | undefined)[]): number | undefined {
  const live = values.filter((v): v is number => v !== undefined && v > 0)
  return live.length ? live.reduce((a, b) => a + b, 0) / live.length : undefined
}

/** `devices` holds one entry per inverter that answered this round (undefined for one that did not). */
export function aggregateDer(devices: (DerLive | undefined)[]): DerAggregate {
  const present = devices.filter((d): d is DerLive => d !== undefined)
  return {
    W: sum(present.map((d) => d.W)),
    var: sum(present.map((d) => d.var)),
    VA: sum(present.map((d) => d.VA)),
    V: liveAverage(present.map((d) => d.V)),
    Hz: liveAverage(present.map((d) => d.Hz)),
    energyWh: sum(present.map((d) => d.energyWh)),
    reporting: present.length,
    live: present.filter((d) => (d.V ?? 0) > 0 && (d.Hz ?? 0) > 0).length,
  }
}
