/** Formatting for the report's pages: Queensland time, watts, outcome badges, tables (escaped string building). */
import { qldDateTime } from '../../time/qld-time'
import { escapeHtml } from '../escape'
import type { Outcome } from '../model/common'

/** An ISO time (or UTC seconds) as "2026-11-28 22:39:42 AEST" – the app's one time format (src-shared/time). */
export function formatTime(time: string | number): string {
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(time)
  return Number.isFinite(ms) ? qldDateTime(ms) : String(time)
}

export function formatWatts(w: number): string {
  if (!Number.isFinite(w)) return 'no limit'
  return Math.abs(w) >= 10_000 ? `${(w / 1000).toFixed(2)} kW` : `${Math.round(w)} W`
}

const OUTCOME_WORDS: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARNING', 'not-done': 'NOT DONE', aborted: 'ABORTED' }

const BADGE_START = '<span class="badge '

export function badge(outcome: Outcome): string {
  return `<span class="badge ${outcome}">${OUTCOME_WORDS[outcome]}</span>`
}

/** Cells are HTML already (escape text with `text`). */
export type Cell = string

export function text(value: string | number | boolean | undefined | null): Cell {
  if (value === undefined || value === null || value === '') return '<span class="muted">–</span>'
  return escapeHtml(typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value))
}

/** Label / value rows. */
export function facts(rows: readonly [string, Cell][]): string {
  return `<table class="facts">${rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${value}</td></tr>`).join('')}</table>`
}

export function grid(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '<p class="muted">None.</p>'
  // A column whose cells are outcome badges is a result column: fixed width, never broken (report-css.ts).
  const resultColumn = header.map((_, i) => rows.every((r) => r[i]?.startsWith(BADGE_START) === true))
  const cls = (i: number) => (resultColumn[i] ? ' class="result"' : '')
  const head = `<tr>${header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr>`
  return `<table class="grid"><thead>${head}</thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
}

export function notDoneBlock(reason: string): string {
  return `<p class="not-done">${badge('not-done')} Not done: ${escapeHtml(reason)}</p>`
}

export function heading(title: string): string {
  return `<h2>${escapeHtml(title)}</h2>`
}
