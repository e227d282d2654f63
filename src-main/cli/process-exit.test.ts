import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { exitWhenSettled, STALLED_EXIT_CODE, type ExitingProcess } from './process-exit'

function fakeProcess() {
  const emitter = new EventEmitter()
  const written: string[] = []
  const exits: number[] = []
  const stream = { write: (text: string, done: () => void) => (written.push(text), done()) }
  const proc: ExitingProcess = { once: (e, fn) => emitter.once(e, fn), exit: (c) => exits.push(c), stdout: stream, stderr: stream }
  return { proc, emitter, written, exits }
}

describe('CLI process exit (REL-3)', () => {
  it("exits with the command's code once it settles and the streams have flushed", async () => {
    const f = fakeProcess()
    exitWhenSettled(Promise.resolve(3), f.proc, 'limits')
    await new Promise((r) => setImmediate(r))
    expect(f.exits).toEqual([3])
  })

  it('a command that can never settle is reported when the event loop drains, never a silent code 13', async () => {
    const f = fakeProcess()
    exitWhenSettled(new Promise<number>(() => undefined), f.proc, 'discover')
    await new Promise((r) => setImmediate(r))
    expect(f.exits).toEqual([])
    f.emitter.emit('beforeExit')
    expect(f.written.join('')).toMatch(/`discover` stopped before it finished.*CLI_STALLED/)
    expect(f.exits).toEqual([STALLED_EXIT_CODE])
  })

  it('a drain after the command settled is not reported', async () => {
    const f = fakeProcess()
    exitWhenSettled(Promise.resolve(0), f.proc, 'run')
    await new Promise((r) => setImmediate(r))
    f.emitter.emit('beforeExit')
    expect(f.exits).toEqual([0])
  })

  it('a rejected command (runCli never throws, but if it did) ends with a message and a non-zero code', async () => {
    const f = fakeProcess()
    exitWhenSettled(Promise.reject(new Error('bug')), f.proc, 'run')
    await new Promise((r) => setImmediate(r))
    expect(f.written.join('')).toContain('error: bug (INTERNAL)')
    expect(f.exits).toEqual([STALLED_EXIT_CODE])
  })
})
