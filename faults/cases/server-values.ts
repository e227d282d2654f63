/**
 * Issue 15, values no utility could mean (item 4): a bad default or event is not applied – the previous valid value
 * holds, or the fixed connection-agreement limit where there is none – and nothing non-finite is printed. Observed
 * through `limits --json` (the effective export limit and its source) and `discover`.
 */
import { judge, type FaultCase } from '../lib/case'
import { DDERC_PATH, DEFAULT_EXPORT_W, DERC_LIST_PATH, FIXED_EXPORT_W, baseScenario, edited } from '../lib/hostile-server'
import { nonFiniteIn } from '../lib/observe'
import { died } from '../lib/processes'
import { against, runCommand, summary, type Observed } from './server-common'

/** The effective values and the timeline `limits --json` printed (not its error text). */
const limitsPart = (o: Observed): string => JSON.stringify({ effective: o.json?.effective, timeline: (o.json as { timeline?: unknown } | undefined)?.timeline })

/** The CSIP-AUS export limit element, with whatever namespace prefix the server used. */
const EXPORT_ELEMENT = /<(\w+:)?opModExpLimW>[\s\S]*?<\/(\w+:)?opModExpLimW>/g
const activePower = (multiplier: string, value: string) => (_whole: string, prefix: string | undefined) =>
  `<${prefix ?? ''}opModExpLimW><multiplier>${multiplier}</multiplier><value>${value}</value></${prefix ?? ''}opModExpLimW>`
const TWO_40 = String(2 ** 40)

/** An event active now (started a minute before the scenario's aligned start, for an hour). */
const activeEvent = (exportW: number, mRID?: string) => ({ ...(mRID ? { mRID } : {}), startS: -60, durationS: 3600, modes: { opModExpLimW: exportW } })

function badDefault(id: string, title: string, multiplier: string, value: string, fast: boolean): FaultCase {
  return {
    id: `server.value.${id}`,
    title: `DefaultDERControl export limit ${title}: the fixed ${FIXED_EXPORT_W} W holds`,
    fast,
    timeoutMs: 60_000,
    async run(ctx) {
      const o = await against(ctx, {
        arrange: (s) => s.override(DDERC_PATH, edited((xml) => xml.replace(EXPORT_ELEMENT, activePower(multiplier, value)))),
        act: (s) => runCommand(ctx, s, 'limits', 45_000),
      })
      const death = died(o.run)
      return judge(
        [
          [!death, death ?? ''],
          [o.run.code === 0, `limits exit ${o.run.code}, expected 0 (the other modes are valid)`],
          [o.exportW === FIXED_EXPORT_W, `effective export limit ${JSON.stringify(o.exportW)}, expected the fixed ${FIXED_EXPORT_W}`],
          [!nonFiniteIn(limitsPart(o)), `non-finite/absurd number ${nonFiniteIn(limitsPart(o))} among the limits`],
        ],
        summary(o),
      )
    },
  }
}

function badEvent(id: string, title: string, edit: (xml: string) => string, expectedW: number, fast: boolean): FaultCase {
  return {
    id: `server.value.${id}`,
    title,
    fast,
    timeoutMs: 90_000,
    async run(ctx) {
      const scenario = baseScenario({ controls: [activeEvent(2000)] })
      const [d, l] = await against(ctx, {
        scenario,
        arrange: (s) => s.override(new RegExp(`^${DERC_LIST_PATH}(/[0-9A-F]{32})?$`), edited(edit)),
        act: async (s) => [await runCommand(ctx, s, 'discover', 40_000), await runCommand(ctx, s, 'limits', 40_000)] as const,
      })
      const deaths = [died(d.run), died(l.run)].filter((x) => x !== undefined)
      return judge(
        [
          [deaths.length === 0, deaths.join(', ')],
          [!/Invalid time value/.test(d.run.stdout + d.run.stderr + l.run.stdout + l.run.stderr), '"Invalid time value" printed'],
          [d.run.code === 0, `discover exit ${d.run.code}, expected 0`],
          [l.exportW === expectedW, `effective export limit ${JSON.stringify(l.exportW)}, expected ${expectedW} (the event is invalid)`],
          [!nonFiniteIn(limitsPart(l)), `non-finite/absurd number ${nonFiniteIn(limitsPart(l))} among the limits`],
        ],
        `discover: ${summary(d)}; limits: ${summary(l)}`,
      )
    },
  }
}

const DUP = 'AB'.repeat(16)

const duplicateMrids: FaultCase = {
  id: 'server.value.duplicate-mrid',
  title: 'Two active events with the same mRID: reported, not resolved silently by list order',
  fast: false,
  timeoutMs: 90_000,
  async run(ctx) {
    const scenario = baseScenario({ controls: [activeEvent(2000, DUP), activeEvent(1000, DUP)] })
    const [d, l] = await against(ctx, { scenario, arrange: () => undefined, act: async (s) => [await runCommand(ctx, s, 'discover', 40_000), await runCommand(ctx, s, 'limits', 40_000)] as const })
    const text = d.run.stdout + d.run.stderr + l.run.stdout + l.run.stderr
    const deaths = [died(d.run), died(l.run)].filter((x) => x !== undefined)
    return judge(
      [
        [deaths.length === 0, deaths.join(', ')],
        [/duplicate/i.test(text), 'no output of discover or limits mentions the duplicate mRID'],
        [typeof l.exportW === 'number' && Number.isFinite(l.exportW), `effective export limit ${JSON.stringify(l.exportW)}`],
      ],
      `discover: ${summary(d)}; limits: ${summary(l)}`,
    )
  },
}

const setEventStart = (start: string) => (xml: string) => xml.replace(/<start>-?\d+<\/start>/g, `<start>${start}</start>`)
const setEventExport = (multiplier: string, value: string) => (xml: string) => xml.replace(EXPORT_ELEMENT, activePower(multiplier, value))

/** The control: the unmodified server gives the valid default, so the harness can say "as expected". */
const baseline: FaultCase = {
  id: 'server.baseline',
  title: `Control: the unmodified server; limits gives the valid default ${DEFAULT_EXPORT_W} W`,
  fast: true,
  timeoutMs: 60_000,
  async run(ctx) {
    const o = await against(ctx, { arrange: () => undefined, act: (s) => runCommand(ctx, s, 'limits', 45_000) })
    const death = died(o.run)
    return judge([[!death, death ?? ''], [o.run.code === 0, `exit ${o.run.code}`], [o.exportW === DEFAULT_EXPORT_W, `effective export limit ${JSON.stringify(o.exportW)}`]], summary(o))
  },
}

export const valueCases: FaultCase[] = [
  baseline,
  badDefault('export-negative', '−5000 W', '0', '-5000', true),
  badDefault('multiplier-99', 'multiplier 99 (1.5e100 W)', '99', '15', false),
  badDefault('multiplier-minus-99', 'multiplier −99', '-99', '15', false),
  badDefault('value-2^40', 'ActivePower value 2^40 (outside Int16)', '0', TWO_40, false),
  badDefault('multiplier-2^40', 'multiplier 2^40', TWO_40, '15', true),
  badDefault('value-NaN', 'value NaN', '0', 'NaN', false),
  badDefault('value-INF', 'value INF', '0', 'INF', false),
  badEvent('event-start-2^63-1', 'An event starting at 2^63−1: discover completes, the valid default holds', setEventStart('9223372036854775807'), DEFAULT_EXPORT_W, false),
  badEvent('event-value-2^40', 'An active event with export value 2^40: not applied, the valid default holds', setEventExport('0', TWO_40), DEFAULT_EXPORT_W, false),
  duplicateMrids,
]
