/** Report pages: utility server and registration (REG, handbook 9-12), devices found, telemetry, exchange log. */
import { modeValuesText } from '../../controls/mode-views'
import type { Section } from '../model/common'
import type { CtCheck } from '../model/ct-check'
import type { ServerCheck } from '../model/server-check'
import type { ServerSection } from '../model/server-section'
import { serverCheckBasis, serverCheckVerdict } from '../server-check'
import type { ExchangeSection, ReportDevice, TelemetrySection } from '../model/report'
import { badge, facts, formatTime, formatWatts, grid, heading, notDoneBlock, text } from './format'
import { formatUtc } from './page-templates'

/** Engine units (report model): the control-mode table writes them (percent for opModMaxLimW / opModFixedW). */
function modesText(modes: Partial<Record<string, number | boolean>>): string {
  return Object.keys(modes).length === 0 ? '–' : modeValuesText(modes, formatWatts)
}

function registrationCell(data: ServerSection): string {
  const r = data.registration
  if (r.outcome === 'not-checked') return `${badge('not-done')} ${text(r.detail ?? 'not checked')}`
  const pins = r.expectedPin === undefined ? '' : ` (expected PIN ${r.expectedPin}, server ${r.serverPin ?? 'none'})`
  return `${badge(r.outcome)} ${text(`${r.detail ?? ''}${pins}`)}`
}

/** The verdict and the facts it was computed from: the stored server check (issue 17 item 1). */
function checkHtml(c: ServerCheck): string {
  const v = serverCheckVerdict(c)
  const cert = c.serverCertificate
  return [
    facts([
      ['Verdict', `${badge(v.outcome)} ${text(v.detail)}`],
      ['Based on', text(`the ${serverCheckBasis(c)} (${formatUtc(c.checkedAt)}), ${c.target} server, ${c.durationMs} ms`)],
      ['Server certificate', text(cert === undefined ? undefined : `${cert.subject}, issued by ${cert.issuer}, valid to ${formatTime(cert.validTo)}`)],
      ['TLS server chain verified', c.tls === undefined ? text('no TLS session') : badge(c.tls.chainVerified ? 'pass' : 'fail')],
      ['LFDI looked for', `<span class="mono">${text(c.lfdi.ours)}</span> ${text(c.lfdi.mode === 'cloud-proxy' ? '(virtual LFDI, handbook 9.1.2)' : '')}`],
      ['Programs / default control seen', text(`${c.programs} / ${c.defaultControlSeen ? 'yes' : 'no'}`)],
    ]),
    '<h3>Resources fetched in the check</h3>',
    grid(['Step', 'URL', 'Result', 'Time', 'Code'], c.fetched.map((f) => [text(f.step), `<span class="mono">${text(f.url)}</span>`, text(f.status), text(`${f.durationMs} ms`), text(f.code)])),
  ].join('')
}

export function serverHtml(section: Section<ServerSection>): string {
  if (section.status === 'not-done') return heading('Utility server') + notDoneBlock(section.reason)
  const d = section.data
  const ed = d.endDevice
  return [
    heading('Utility server'),
    facts([
      ['Server URL', `<span class="mono">${text(d.url)}</span>`],
      ['Checked', text(d.checkedAt === undefined ? undefined : formatTime(d.checkedAt))],
      ['TLS', text(d.tls === undefined ? undefined : `${d.tls.protocol}, ${d.tls.cipher}`)],
      ['Clock offset (server - local)', text(d.clockOffsetS === undefined ? undefined : `${d.clockOffsetS.toFixed(1)} s`)],
      ['EndDevice found', `${badge(ed.found ? 'pass' : 'fail')} ${text(ed.href)}`],
      ['EndDevice LFDI matches certificate', ed.lfdiMatches === undefined ? text('not checked') : badge(ed.lfdiMatches ? 'pass' : 'fail')],
      ['Registration PIN', registrationCell(d)],
    ]),
    d.check === undefined ? `<p>${badge('not-done')} ${text('No stored server check: no verdict.')}</p>` : checkHtml(d.check),
    '<h3>Function set assignments and programs</h3>',
    grid(['FSA', 'Program', 'Primacy', 'Default control', 'setGradW'], d.programs.map((p) => [text(p.fsa), text(p.description || p.mRID), text(p.primacy), text(p.defaultControl ? modesText(p.defaultControl.modes) : 'none'), text(p.defaultControl?.setGradW)])),
    '<h3>Events seen</h3>',
    grid(['mRID', 'Program', 'Start', 'Duration', 'Status', 'Controls'], d.events.map((e) => [`<span class="mono">${text(e.mRID)}</span>`, text(e.program), text(formatTime(e.start)), text(`${e.durationS} s`), text(e.currentStatus), text(modesText(e.modes))])),
    `<p>${text(`${d.responses.length} response(s) posted to the server.`)}</p>`,
  ].join('')
}

const CT_WORDS = { ok: 'CT direction and phases right', 'ct-reversed': 'CT reversed', 'phase-swapped': 'CT on the wrong phase' } as const

/** handbook 10.8.2: the stored CT check (issue 17 item 6). */
function ctCheckHtml(check: CtCheck | undefined): string {
  if (!check) return `<p>${badge('not-done')} ${text('No CT direction / phase check recorded.')}</p>`
  return facts([
    ['CT direction and phase check', `${badge(check.verdict === 'ok' ? 'pass' : 'fail')} ${text(CT_WORDS[check.verdict])}${check.phases.length ? text(` (phase ${check.phases.join(', ')})`) : ''}`],
    ['Checked', text(formatTime(check.checkedAt))],
    ['What the meter read', text(check.words)],
  ])
}

export function devicesHtml(section: Section<{ devices: ReportDevice[]; ctCheck?: CtCheck }>): string {
  if (section.status === 'not-done') return heading('Devices found') + notDoneBlock(section.reason)
  const rows = section.data.devices.map((d) => [
    text(d.role),
    text(d.make),
    text(d.model),
    `<span class="mono">${text(d.serial)}</span>`,
    text(d.firmware),
    text([d.ratings.ratedW === undefined ? '' : formatWatts(d.ratings.ratedW), d.ratings.ratedVA === undefined ? '' : `${d.ratings.ratedVA} VA`, d.ratings.storageWh === undefined ? '' : `${d.ratings.storageWh} Wh`].filter(Boolean).join(', ')),
    text(d.address),
  ])
  return heading('Devices found') + grid(['Role', 'Make', 'Model', 'Serial', 'Firmware', 'Ratings', 'Address'], rows) + ctCheckHtml(section.data.ctCheck)
}

export function telemetryHtml(section: Section<TelemetrySection>): string {
  if (section.status === 'not-done') return heading('Telemetry posted') + notDoneBlock(section.reason)
  const t = section.data
  return [
    heading('Telemetry posted'),
    facts([
      ['Posts', text(t.posts)],
      ['First', text(t.first === undefined ? undefined : formatTime(t.first))],
      ['Last', text(t.last === undefined ? undefined : formatTime(t.last))],
      ['Server answers', text(t.answers.map((a) => `${a.status}: ${a.count}`).join(', '))],
    ]),
  ].join('')
}

export function exchangeHtml(section: Section<ExchangeSection>): string {
  if (section.status === 'not-done') return heading('Exchange log') + notDoneBlock(section.reason)
  const x = section.data
  return [
    heading('Exchange log'),
    facts([
      ['Exchanges', text(x.total)],
      ['First', text(x.first === undefined ? undefined : formatTime(x.first))],
      ['Last', text(x.last === undefined ? undefined : formatTime(x.last))],
      ['By status', text(x.byStatus.map((s) => `${s.status}: ${s.count}`).join(', '))],
    ]),
    '<h3>Errors</h3>',
    grid(['Time', 'Request', 'Status', 'Message'], x.errors.map((e) => [text(formatTime(e.at)), `<span class="mono">${text(`${e.method} ${e.url}`)}</span>`, text(e.status), text(e.message)])),
  ].join('')
}
