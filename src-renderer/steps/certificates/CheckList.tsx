import type { CertificateCheck } from '../../../src-shared/domain/certificate'

const ICON: Record<CertificateCheck['status'], string> = { pass: '✔', fail: '✘', warn: '!', skip: '–' }
const WORD: Record<CertificateCheck['status'], string> = { pass: 'Pass', fail: 'Fail', warn: 'Warning', skip: 'Not checked' }

/** ID-1: every check as a pass/fail line with its reason. */
export function CheckList({ checks }: { checks: CertificateCheck[] }) {
  return (
    <ul className="checks" aria-label="Certificate checks">
      {checks.map((check) => (
        <li key={check.id} className={`check check-${check.status}`} data-check={check.id} data-status={check.status}>
          <span className="check-icon" aria-hidden="true">
            {ICON[check.status]}
          </span>
          <span className="check-label">{check.label}</span>
          <span className="sr-only">{WORD[check.status]}</span>
          <span className="check-detail">{check.detail}</span>
        </li>
      ))}
    </ul>
  )
}
