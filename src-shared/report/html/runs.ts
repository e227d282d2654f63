/** Report pages: verification test runs (APP-3) with their verdict (CTL-5) and the plot of the four series. */
import { renderSvgPlot, type PlotSeries } from '../plot/svg-plot'
import { formatElapsed } from '../plot/ticks'
import type { Section } from '../model/common'
import type { TestRun } from '../model/run-section'
import { badge, facts, formatTime, formatWatts, grid, heading, notDoneBlock, text } from './format'

/** Distinct colour and dash per series, so the plot reads in greyscale print too; drawn in this order. */
const RUN_SERIES_STYLES = {
  envelopeW: { color: '#e08a00', width: 2 },
  targetW: { color: '#b01c1c', dash: '8 4', width: 1.5 },
  siteExportW: { color: '#1f5fbf', width: 1.25 },
  inverterW: { color: '#2e8b3a', dash: '2 3', width: 1.5 },
  setpointW: { color: '#6a3d9a', dash: '6 2 1 2', width: 1.25 },
} as const

const RUN_PLOT_WIDTH = 880

/** Legend names; the measured site series is named for what the run judged. */
export function runSeriesNames(judged: TestRun['judged']): Record<keyof typeof RUN_SERIES_STYLES, string> {
  return {
    envelopeW: 'Ramped envelope',
    targetW: 'Target limit',
    siteExportW: judged === 'site-import' ? 'Measured site import' : 'Measured site export',
    inverterW: 'Inverter output',
    setpointW: 'Commanded setpoint',
  }
}

const JUDGED_LABELS: Record<TestRun['judged'], string> = {
  'site-export': 'site export',
  'site-import': 'site import',
  generation: 'generation',
  load: 'load',
}

export function runPlot(run: TestRun): string {
  const names = runSeriesNames(run.judged)
  const series: PlotSeries[] = (Object.keys(RUN_SERIES_STYLES) as (keyof typeof RUN_SERIES_STYLES)[]).map((key) => ({
    name: names[key],
    style: RUN_SERIES_STYLES[key],
    points: run.series[key],
  }))
  const highlights = { name: 'Violation', spans: run.verdict.violations.map((v) => ({ from: v.start, to: v.end })) }
  // Five series and the violation swatch: a wider canvas keeps the legend on one line (the SVG scales to the page).
  return renderSvgPlot({ series, title: run.name, yLabel: 'Power', t0: Date.parse(run.startedAt) / 1000, highlights, width: RUN_PLOT_WIDTH })
}

function worstText(run: TestRun): string {
  const w = run.verdict.worstViolation
  if (w === undefined) return 'none'
  const t0 = Date.parse(run.startedAt) / 1000
  return `${formatWatts(w.worstExcessW)} above the ramped limit at ${formatElapsed(w.at - t0)} (${formatTime(w.at)}); over the allowance for ${w.durationS.toFixed(1)} s from ${formatElapsed(w.start - t0)}`
}

function toleranceText(run: TestRun): string {
  const t = run.tolerance
  const pct = t.tolerancePct === undefined ? '' : ` or ${t.tolerancePct} % of the limit (the larger)`
  return `${formatWatts(t.toleranceW)}${pct}; excursions up to ${t.graceS} s tolerated`
}

/** issue 17 item 5: what the run did with a live utility event for its mode. */
export function limitPolicyText(run: TestRun): string {
  const policy = run.limitPolicy
  if (policy === undefined) return 'not recorded (run made before the app kept it)'
  const event = policy.utilityEvent
  if (event === null) return 'no utility event governed the tested mode when the run started; one starting during the run would have capped it'
  const value = typeof event.value === 'number' ? formatWatts(event.value) : event.value === null ? 'no value' : event.value ? 'on' : 'off'
  const name = `event ${event.description ? `"${event.description}" ` : ''}(mRID ${event.mRID}, ${value})`
  return policy.choice === 'override'
    ? `the installer chose to override the utility's ${name} for this run`
    : `the stricter of the profile and the utility's ${name} applied`
}

/** Advisory figures (issue 11 item 3): how well the site followed the limit; the verdict does not depend on them. */
export function trackingFacts(run: TestRun): [string, string][] {
  const t = run.tracking
  if (t === undefined) return [['Tracking (advisory)', text('not recorded (run made before the app kept it)')]]
  const rows: [string, string][] = [['Oscillation (advisory)', text(`${t.oscillation.reversals} setpoint reversal(s), ${t.oscillation.perMinute.toFixed(1)} per minute`)]]
  if (t.curtailment) {
    const c = t.curtailment
    rows.push(['Curtailed beyond need (advisory)', text(`${c.curtailedWh.toFixed(1)} Wh (${c.curtailedPct.toFixed(1)} % of the possible generation) over ${Math.round(c.curtailedS)} s`)])
  }
  // Each raise's text already says how long the site took (tracking.ts).
  for (const r of t.raises) rows.push([`Follow the raise at ${formatElapsed(r.atS)} (advisory)`, text(r.text)])
  for (const note of t.notes) rows.push(['Target not reached', text(note)])
  return rows
}

function runOutcome(run: TestRun): 'pass' | 'fail' | 'aborted' {
  return run.aborted ? 'aborted' : run.verdict.pass ? 'pass' : 'fail'
}

function verdictText(run: TestRun): string {
  if (run.aborted) return 'Stopped before the profile ended: no verdict'
  return `${run.verdict.violations.length} violation(s) of the ${JUDGED_LABELS[run.judged]} limit`
}

function runHtml(run: TestRun): string {
  const steps = grid(['At', 'Mode', 'Value', 'rampTms'], run.steps.map((s) => [text(formatElapsed(s.atS)), text(s.mode), text(typeof s.value === 'number' ? formatWatts(s.value) : String(s.value)), text(s.rampTms)]))
  return [
    '<div class="run-head">',
    `<h3>${text(run.name)} ${badge(runOutcome(run))}</h3>`,
    facts([
      ['Verdict', `${badge(runOutcome(run))} ${text(verdictText(run))}`],
      ['Utility control', text(limitPolicyText(run))],
      ['Worst violation', text(worstText(run))],
      ['Started', text(formatTime(run.startedAt))],
      ['Ended', text(run.endedAt === undefined ? 'did not end' : formatTime(run.endedAt) + (run.aborted ? ' (aborted)' : ''))],
      ['Tolerance', text(toleranceText(run))],
      ['Samples judged', text(`${run.verdict.samplesJudged} (${run.verdict.samplesSkipped} unusable)`)],
      ...trackingFacts(run),
    ]),
    '<p class="muted">Advisory figures describe how well the site followed the limit; the verdict is the envelope judgement alone.</p>',
    '</div>',
    `<div class="plot">${runPlot(run)}</div>`,
    '<p class="muted">handbook 11.3: values below the ramped limit are compliant, values above it are not.</p>',
    steps,
  ].join('')
}

export function runsHtml(section: Section<{ runs: TestRun[] }>): string {
  if (section.status === 'not-done') return heading('Verification test runs') + notDoneBlock(section.reason)
  if (section.data.runs.length === 0) return heading('Verification test runs') + notDoneBlock('No test run recorded')
  return heading('Verification test runs') + section.data.runs.map(runHtml).join('')
}
