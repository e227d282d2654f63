/** Observations of a child process from outside: its peak memory (Linux /proc), the `limits --json` effective values. */
import { readFileSync } from 'node:fs'

/** Samples VmRSS of `pid` every 50 ms until stopped; returns the peak in MB (0 where /proc is not available). */
export function watchMemory(pid: number): () => number {
  let peakKb = 0
  const timer = setInterval(() => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) peakKb = Math.max(peakKb, Number(m[1]))
    } catch {
      // the process has gone
    }
  }, 50)
  return () => {
    clearInterval(timer)
    return Math.round(peakKb / 1024)
  }
}

export interface LimitsJson {
  effective?: Record<string, { value: unknown; source: unknown }>
  ok?: boolean
  error?: { code?: string; message?: string }
}

export function parseJson(text: string): LimitsJson | undefined {
  try {
    return JSON.parse(text) as LimitsJson
  } catch {
    return undefined
  }
}

/** The effective export limit `limits --json` printed: a number of W, 'unlimited', or undefined when not printed. */
export function exportLimit(json: LimitsJson | undefined): unknown {
  return json?.effective?.['expLimW']?.value
}

/** Every number in a JSON text is finite (JSON cannot carry NaN/Infinity, so also no "NaN"/"Infinity" strings). */
export function nonFiniteIn(text: string): string | undefined {
  const m = /\b(NaN|-?Infinity)\b|\d(\.\d+)?e[+]?(\d{3,})/i.exec(text)
  return m ? m[0] : undefined
}
