/** The report's print stylesheet: A4 pages, tables that break cleanly, plots kept whole on one page. */
export const REPORT_CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; padding-bottom: 2pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; }
.muted { color: #777; }
.page-break { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
table.facts { table-layout: fixed; }
table.facts th { text-align: left; width: 34%; font-weight: normal; color: #444; vertical-align: top; padding: 2pt 6pt 2pt 0; }
table.facts td { padding: 2pt 0; overflow-wrap: anywhere; }
table.grid td { overflow-wrap: anywhere; }
table.grid th, table.grid td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
table.grid th { background: #eee; }
/* A result cell always reads PASS / FAIL / WARNING whole: the badge never breaks and its column never shrinks below it. */
table.grid td.result, table.grid th.result { width: 5.6em; white-space: nowrap; }
tr { break-inside: avoid; }
.badge { display: inline-block; white-space: nowrap; padding: 0 5pt; border-radius: 3pt; font-weight: bold; font-size: 9pt; border: 1px solid; }
.badge.pass { color: #0a5d1e; border-color: #0a5d1e; background: #e3f4e7; }
.badge.fail { color: #9b1111; border-color: #9b1111; background: #fbe5e5; }
.badge.warn { color: #7a5200; border-color: #7a5200; background: #fff3d6; }
.badge.not-done { color: #555; border-color: #777; background: #f0f0f0; }
.badge.aborted { color: #555; border-color: #777; background: #f0f0f0; border-style: dashed; }
.overall { font-size: 14pt; margin: 8pt 0; padding: 6pt; border: 2px solid #333; }
.run-head { break-inside: avoid; }
.plot { break-inside: avoid; margin: 6pt 0; }
.plot svg { width: 100%; height: auto; }
.signoff-block { break-inside: avoid; }
.signoff td { height: 28pt; border-bottom: 1px solid #333; }
.signoff th { text-align: left; width: 30%; font-weight: normal; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
`
