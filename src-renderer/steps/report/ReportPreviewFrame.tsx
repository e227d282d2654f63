import { useEffect, useRef } from 'react'
import { REPORT_CSS } from '../../../src-shared/report/html/report-css'

let sheet: CSSStyleSheet | undefined
function reportSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(REPORT_CSS)
  }
  return sheet
}

/**
 * The report as it will print, in a shadow root: its stylesheet is constructed in script (the page's CSP allows no
 * inline <style>), and the app's own styles stay out of it. The markup is the engine's, escaped when built.
 */
export function ReportPreviewFrame({ bodyHtml }: { bodyHtml: string }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = host.current
    if (!element) return
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' })
    root.adoptedStyleSheets = [reportSheet()]
    root.innerHTML = `<div class="report-preview">${bodyHtml}</div>`
  }, [bodyHtml])
  return <div ref={host} className="report-frame" data-testid="report-preview" />
}
