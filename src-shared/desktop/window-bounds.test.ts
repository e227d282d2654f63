import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZE, parseWindowState, restoreWindowState, type Rect } from './window-bounds'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('restoreWindowState (the window reopens where it was, always on a display)', () => {
  it('first start: the default size, centred on the primary display', () => {
    expect(restoreWindowState(undefined, [laptop])).toEqual({ bounds: { x: 320, y: 90, ...DEFAULT_SIZE }, maximized: false })
  })

  it('keeps a window that is on a display exactly where it was, maximised or not', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true }
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual(saved)
  })

  it('pulls a window hanging over the edge back inside the display it is mostly on', () => {
    const saved = { bounds: { x: 1000, y: -40, width: 1280, height: 860 }, maximized: false }
    expect(restoreWindowState(saved, [laptop]).bounds).toEqual({ x: 640, y: 0, width: 1280, height: 860 })
  })

  it('moves a window whose monitor was unplugged to the primary display, keeping its size', () => {
    const saved = { bounds: { x: 2200, y: 200, width: 1400, height: 900 }, maximized: false }
    expect(restoreWindowState(saved, [laptop]).bounds).toEqual({ x: 260, y: 70, width: 1400, height: 900 })
  })

  it('shrinks a window larger than the display to fit it, and grows a tiny one to the minimum size', () => {
    const small: Rect = { x: 0, y: 0, width: 1366, height: 728 }
    expect(restoreWindowState({ bounds: { x: 0, y: 0, width: 2500, height: 1400 }, maximized: false }, [small]).bounds).toEqual(small)
    expect(restoreWindowState({ bounds: { x: 10, y: 10, width: 50, height: 40 }, maximized: false }, [laptop]).bounds).toEqual({ x: 10, y: 10, width: 800, height: 560 })
  })

  it('reads only a well-formed saved file', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: false })).toBeDefined()
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: -3, height: 4 }, maximized: false })).toBeUndefined()
    expect(parseWindowState('garbage')).toBeUndefined()
  })
})
