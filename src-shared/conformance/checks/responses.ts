/**
 * `response-contents` (cactus-runner check.py, read for meaning): the DERControl Responses the client POSTed –
 * `all`: every control the procedure created has a Response (of `status`, when given);
 * `latest`: the most recent Response (for `subject_tag`'s control, when given) has `status`;
 * otherwise: at least one Response (for the tag, of the status) exists. `exists: false` inverts the last form.
 * Status values are IEEE 2030.5 table 27 (1 received, 2 started, 3 completed, 6 cancelled, 7 superseded, ...).
 */
import { failed, passed, type CheckResult, type HarnessRecord } from '../record'

export interface ResponseFilter {
  latest?: boolean
  all?: boolean
  status?: number
  subjectTag?: string
  exists?: boolean
}

export function responseContents(record: HarnessRecord, filter: ResponseFilter): CheckResult {
  const statusWords = filter.status === undefined ? 'any status' : `status ${filter.status}`
  if (filter.all) {
    if (record.controls.length === 0) return failed('no DERControl was created, so "every control answered" proves nothing')
    const answered = new Set(record.responses.filter((r) => filter.status === undefined || r.status === filter.status).map((r) => r.subjectMrid))
    const missing = record.controls.filter((c) => !answered.has(c.mrid))
    return missing.length === 0
      ? passed(`every DERControl has a Response of ${statusWords}`)
      : failed(`${missing.length} DERControl(s) without a Response of ${statusWords}: ${missing.map((c) => c.tag ?? c.mrid).join(', ')}`)
  }
  let pool = [...record.responses].sort((a, b) => a.atMs - b.atMs)
  const about = filter.subjectTag === undefined ? '' : ` for ${filter.subjectTag}`
  if (filter.subjectTag !== undefined) {
    const control = record.controls.find((c) => c.tag === filter.subjectTag)
    if (!control) return failed(`no DERControl tagged ${filter.subjectTag}`)
    pool = pool.filter((r) => r.subjectMrid === control.mrid)
  }
  if (filter.latest) {
    const last = pool[pool.length - 1]
    if (!last) return failed(`no Response${about}`)
    return filter.status === undefined || last.status === filter.status
      ? passed(`latest Response${about} has status ${last.status}`)
      : failed(`latest Response${about} has status ${last.status}, not ${filter.status}`)
  }
  const found = pool.some((r) => filter.status === undefined || r.status === filter.status)
  if (filter.exists === false) return found ? failed(`a Response${about} of ${statusWords} was sent`) : passed(`no Response${about} of ${statusWords}`)
  return found ? passed(`a Response${about} of ${statusWords}`) : failed(`no Response${about} of ${statusWords}`)
}
