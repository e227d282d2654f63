import { describe, it, expect } from 'vitest'
import type { EventInput } from '../types'
import { compareWindows, executableWindows } from './rank'
import { makeEvent } from './test-builders'
import type { EventWindow } from './windows'

function win(primacy: number, spec: Partial<EventInput> & { mRID: string }, from = 0, to = 300): EventWindow {
  const event = makeEvent({ programId: 'P', start: from, duration: to - from, modes: { expLimW: 0 }, ...spec })
  return { event, primacy, from, to, plannedTo: to, fate: { kind: 'scheduled' } }
}

describe('compareWindows (handbook 12)', () => {
  it('lower primacy first, then non-superseded, then later creationTime, then mRID', () => {
    const ws = [
      win(2, { mRID: 'a', creationTime: 9 }),
      win(1, { mRID: 'sup', creationTime: 50, currentStatus: 4 }),
      win(1, { mRID: 'old', creationTime: 10 }),
      win(1, { mRID: 'new', creationTime: 20 }),
      win(1, { mRID: 'new2', creationTime: 20 }),
    ]
    expect([...ws].sort(compareWindows).map((w) => w.event.mRID)).toEqual(['new', 'new2', 'old', 'sup', 'a'])
  })
})

describe("executableWindows 'csip-no-resume'", () => {
  it('drops an overlapped lower-priority event only when a mode is shared', () => {
    const high = win(1, { mRID: 'H', modes: { genLimW: 0 } }, 100, 200)
    const lowOther = win(2, { mRID: 'L1', modes: { expLimW: 0 } })
    const lowSame = win(2, { mRID: 'L2', modes: { genLimW: 5 }, creationTime: -1 })
    const { executable, dropped } = executableWindows([lowOther, lowSame, high], 'csip-no-resume')
    expect(executable.map((w) => w.event.mRID)).toEqual(['H', 'L1'])
    expect(dropped.map((w) => w.event.mRID)).toEqual(['L2'])
  })

  it('does not drop events that merely touch end to start', () => {
    const a = win(1, { mRID: 'A' }, 0, 300)
    const b = win(2, { mRID: 'B' }, 300, 600)
    expect(executableWindows([a, b], 'csip-no-resume').dropped).toEqual([])
  })
})
