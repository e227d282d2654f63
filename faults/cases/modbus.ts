/**
 * Issue 15 items 1 and 7: Modbus faults while `run --config` controls the site, through a fault proxy in front of the
 * device simulator. Expected: the process stays alive, the controller is fail-safe within the setting (5 s, SITE-2)
 * from the last good sample of the faulty device, and the silent device is named.
 */
import { judge, type FaultCase } from '../lib/case'
import type { ModbusFault } from '../lib/modbus-proxy'
import { died, tail } from '../lib/processes'
import { METER_UNIT, interrupt, startRun, startSite } from '../lib/site'

/** src-shared/site-control/types.ts: failSafeTimeoutMs 5000 (the run config does not change it). */
const FAIL_SAFE_MS = 5000
/** Status lines come every 5 s (src-main/site/headless-run.ts STATUS_PERIOD_MS): their resolution. */
const STATUS_PERIOD_MS = 5000
const SLACK_MS = 500
const STATUS_LINE = /^\d\d:\d\d:\d\d \| /

interface FailSafeSeen {
  at: number
  text: string
  /** A line other than the periodic status line (a state-change log): exact to the line's arrival. */
  exact: boolean
}

function firstFailSafe(lines: Array<{ at: number; text: string }>, after: number): FailSafeSeen | undefined {
  const hit = lines.find((l) => l.at >= after && /fail-?safe/i.test(l.text))
  return hit ? { at: hit.at, text: hit.text, exact: !STATUS_LINE.test(hit.text) } : undefined
}

/**
 * Within the setting, judged at the resolution the output gives. A state-change log line is exact; from status lines
 * the fail-safe happened between the last status line without it and the first with it.
 */
function inTime(seen: FailSafeSeen | undefined, lastGood: number, lines: Array<{ at: number; text: string }>): [boolean, string] {
  if (!seen) return [false, 'never fail-safe']
  const late = seen.at - lastGood
  if (seen.exact) return [late <= FAIL_SAFE_MS + SLACK_MS, `fail-safe ${late} ms after the last good sample (setting ${FAIL_SAFE_MS} ms)`]
  if (late <= FAIL_SAFE_MS + SLACK_MS) return [true, '']
  const before = lines.filter((l) => l.at < seen.at && STATUS_LINE.test(l.text)).at(-1)
  const earliest = before ? before.at - lastGood : late - STATUS_PERIOD_MS
  return [
    false,
    earliest > FAIL_SAFE_MS + SLACK_MS
      ? `not yet fail-safe ${earliest} ms after the last good sample (status line), first shown at ${late} ms: late (setting ${FAIL_SAFE_MS} ms)`
      : `fail-safe first shown ${late} ms after the last good sample; with only the ${STATUS_PERIOD_MS / 1000} s status line (last one without it at ${earliest} ms) it cannot be shown to be within ${FAIL_SAFE_MS} ms – a state-change log line would`,
  ]
}

/** `named`: the fail-safe text must name the faulty device; `misnamed`: and never blame this one instead. */
function modbusCase(id: string, title: string, unit: number, fault: ModbusFault, named: RegExp, fast: boolean, misnamed?: RegExp): FaultCase {
  return {
    id: `modbus.${id}`,
    title,
    fast,
    timeoutMs: 150_000,
    async run(ctx) {
      const site = await startSite(ctx)
      try {
        const run = startRun(ctx, site)
        await run.waitFor(/^\d\d:\d\d:\d\d \| (following|limited)/m, 90_000)
        const faultAt = Date.now()
        site.proxy.fault(unit, fault)
        const lastGood = site.proxy.lastGood(unit) ?? faultAt
        await run.waitFor(/fail-?safe/i, 20_000).catch(() => undefined)
        const seen = firstFailSafe(run.lines, faultAt)
        // Keep going a while: the process must stay alive with the device still misbehaving.
        await new Promise((r) => setTimeout(r, 8000))
        const aliveBefore = run.alive()
        const f = await interrupt(run)
        const death = aliveBefore ? undefined : died(f) ?? `exited (code ${f.code}) while the fault went on`
        const failSafeText = run.lines.filter((l) => l.at >= faultAt && /fail-?safe/i.test(l.text)).map((l) => l.text).join(' / ')
        const timing = inTime(seen, lastGood, run.lines)
        return judge(
          [
            [!death, death ?? ''],
            [f.code === 0 && /Stopped\./.test(f.stdout), `after Ctrl+C: exit ${f.code}${f.signal ? ` ${f.signal}` : ''}, ${tail(f.stdout, 80)}`],
            timing,
            [named.test(failSafeText), `the fail-safe text does not name ${named} ("${tail(failSafeText, 120)}")`],
            [!(misnamed?.test(failSafeText) ?? false), `the fail-safe text blames ${misnamed} for the ${named} fault ("${tail(failSafeText, 160)}")`],
          ],
          `${seen ? `fail-safe seen ${seen.at - lastGood} ms after the last good sample${seen.exact ? '' : ' (status line)'}: "${tail(seen.text, 100)}"` : 'no fail-safe'}; ${aliveBefore ? 'alive' : 'dead'} 8 s later; exit ${f.code}${died(f) ? ` (${died(f)})` : ''}; stderr ${tail(f.stderr, 160)}`,
        )
      } finally {
        await site.close()
      }
    },
  }
}

/** The control: no fault – the controller never goes fail-safe and the run stops cleanly. */
const baseline: FaultCase = {
  id: 'modbus.baseline',
  title: 'Control: no Modbus fault; run follows the site, never fail-safe, exits 0 on Ctrl+C',
  fast: false,
  timeoutMs: 150_000,
  async run(ctx) {
    const site = await startSite(ctx)
    try {
      const run = startRun(ctx, site)
      await run.waitFor(/^\d\d:\d\d:\d\d \| (following|limited)/m, 90_000)
      const from = Date.now()
      await new Promise((r) => setTimeout(r, 15_000))
      const f = await interrupt(run)
      const failSafe = firstFailSafe(run.lines, from)
      return judge(
        [
          [!failSafe, `fail-safe without a fault: "${failSafe?.text ?? ''}"`],
          [f.code === 0 && /Stopped\./.test(f.stdout), `exit ${f.code}: ${tail(f.stdout, 80)}`],
        ],
        `15 s without a fault: ${failSafe ? 'fail-safe' : 'never fail-safe'}; exit ${f.code}; ${tail(f.stdout, 80)}`,
      )
    } finally {
      await site.close()
    }
  },
}

export const modbusCases: FaultCase[] = [
  baseline,
  modbusCase('meter-garbage', 'Garbage replies from the meter while `run` controls the site', METER_UNIT, { kind: 'garbage' }, /meter/i, false),
  modbusCase('inverter-wrong-tid', 'Replies with a wrong transaction id from inverter 2', 2, { kind: 'wrong-tid' }, /inverter-2/, false, /meter silent/),
  modbusCase('meter-delay', 'The meter answers 3 s late (timeout 1 s)', METER_UNIT, { kind: 'delay', ms: 3000 }, /meter/i, false),
  modbusCase('meter-closes', 'The connection closed on every meter request', METER_UNIT, { kind: 'close' }, /meter/i, false),
  modbusCase('inverter-silent', 'Inverter 2 falls silent: fail-safe, and inverter-2 named (not "meter silent")', 2, { kind: 'silent' }, /inverter-2/, true, /meter silent/),
]
