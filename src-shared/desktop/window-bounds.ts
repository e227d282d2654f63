import { z } from 'zod'

/**
 * Where the desktop window reopens (issue 10: the window size and position remembered). Pure: the Electron host
 * passes the saved state and the displays' work areas, and gets bounds that are wholly on one display.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 860 }
export const MIN_SIZE = { width: 800, height: 560 }
/** A saved window less visible than this on every display (a monitor was unplugged) is moved to the primary one. */
const MIN_VISIBLE_FRACTION = 0.5

const rectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() })
const stateSchema = z.object({ bounds: rectSchema, maximized: z.boolean() })

/** The saved file's content, or undefined when it is missing, unreadable or from another shape. */
export function parseWindowState(json: unknown): WindowState | undefined {
  const parsed = stateSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.max(Math.min(size.width, area.width), Math.min(MIN_SIZE.width, area.width))
  const height = Math.max(Math.min(size.height, area.height), Math.min(MIN_SIZE.height, area.height))
  return { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height }
}

/** Keep `r`'s size (shrunk to fit) and move it the least distance that puts it wholly inside `area`. */
function inside(r: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(r.width, MIN_SIZE.width), area.width)
  const height = Math.min(Math.max(r.height, MIN_SIZE.height), area.height)
  const x = Math.min(Math.max(r.x, area.x), area.x + area.width - width)
  const y = Math.min(Math.max(r.y, area.y), area.y + area.height - height)
  return { x, y, width, height }
}

/**
 * The bounds to open with. `workAreas[0]` is the primary display. No saved state: the default size, centred on the
 * primary display. A saved window mostly on a display: kept there, pulled fully inside it. Otherwise (its display is
 * gone or it was dragged off-screen): its size, centred on the primary display.
 */
export function restoreWindowState(saved: WindowState | undefined, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE }
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false }
  const area = saved.bounds.width * saved.bounds.height
  const best = workAreas.map((a) => ({ a, seen: overlap(saved.bounds, a) })).sort((p, q) => q.seen - p.seen)[0]
  if (best && best.seen >= area * MIN_VISIBLE_FRACTION) return { bounds: inside(saved.bounds, best.a), maximized: saved.maximized }
  return { bounds: centred(saved.bounds, primary), maximized: saved.maximized }
}
