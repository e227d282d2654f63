import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { failSafeAll, onProcessFault, type ProcessFaultNotice } from '../site/process-fault'
import { faultOf, installProcessGuard, PROCESS_FAULT_EXIT_CODE, type ProcessFault, type ProcessLifetime } from './process-guard'

function setup(lifetime: ProcessLifetime) {
  const proc = new EventEmitter()
  const log: string[] = []
  const faults: ProcessFault[] = []
  const exits: number[] = []
  const remove = installProcessGuard({ lifetime, log: (l) => log.push(l), onFault: (f) => faults.push(f), exit: (c) => exits.push(c), process: proc })
  return { proc, log, faults, exits, remove }
}

describe('process guard (REL-3)', () => {
  const removers: (() => void)[] = []
  afterEach(() => removers.splice(0).forEach((r) => r()))

  it('a long-running host logs an uncaught exception with its code, goes fail-safe and keeps running', () => {
    const g = setup('service')
    g.proc.emit('uncaughtException', new AppError('MODBUS_TIMEOUT', 'No reply within 1000 ms'))
    expect(g.faults).toEqual([{ origin: 'uncaughtException', code: 'MODBUS_TIMEOUT', message: 'No reply within 1000 ms' }])
    expect(g.log[0]).toBe('[process] uncaughtException (MODBUS_TIMEOUT): No reply within 1000 ms')
    expect(g.log.at(-1)).toMatch(/keeps running/)
    expect(g.exits).toEqual([])
  })

  it('an unhandled rejection with a Node system error code is logged with that code', () => {
    const g = setup('service')
    g.proc.emit('unhandledRejection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
    expect(g.faults[0]).toMatchObject({ origin: 'unhandledRejection', code: 'ECONNRESET' })
    expect(g.exits).toEqual([])
  })

  it('a short command says why and ends with a non-zero code, after the fail-safe call', () => {
    const g = setup('command')
    g.proc.emit('unhandledRejection', 'a string, not an Error')
    expect(g.faults).toEqual([{ origin: 'unhandledRejection', code: 'INTERNAL', message: 'a string, not an Error' }])
    expect(g.log.at(-1)).toBe('error: the command stopped on an internal fault (INTERNAL): a string, not an Error')
    expect(g.exits).toEqual([PROCESS_FAULT_EXIT_CODE])
  })

  it('a fail-safe callback that throws is logged and does not stop the guard', () => {
    const proc = new EventEmitter()
    const log: string[] = []
    removers.push(installProcessGuard({ lifetime: 'service', log: (l) => log.push(l), onFault: () => { throw new Error('boom') }, process: proc }))
    proc.emit('uncaughtException', new Error('first'))
    expect(log).toContain('[process] putting the site controller in fail-safe failed: boom')
    expect(log.at(-1)).toMatch(/keeps running/)
  })

  it('removing the guard detaches both listeners', () => {
    const g = setup('service')
    g.remove()
    expect(g.proc.listenerCount('uncaughtException') + g.proc.listenerCount('unhandledRejection')).toBe(0)
  })

  it('faultOf prefers the AppError code, then a string code property', () => {
    expect(faultOf(new AppError('SEP2_TIMEOUT', 'm'), 'uncaughtException').code).toBe('SEP2_TIMEOUT')
    expect(faultOf({ code: 42 }, 'uncaughtException').code).toBe('INTERNAL')
  })

  it('failSafeAll reaches every registered controller, even when one throws', () => {
    const seen: ProcessFaultNotice[] = []
    removers.push(onProcessFault(() => { throw new Error('x') }))
    removers.push(onProcessFault((n) => seen.push(n)))
    expect(failSafeAll({ code: 'C', message: 'm' })).toBe(1)
    expect(seen).toEqual([{ code: 'C', message: 'm' }])
  })
})
