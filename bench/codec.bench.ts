/**
 * Issue 14 item 2: the codec's figures with their input sizes, against the goals (parse + validate of a 58-event
 * DERControlList <= 1 ms; serialise of a MirrorMeterReadingList of 30 readings <= 0.3 ms). Printed as the median and
 * the best of 60 batches (the best is what the code costs; the median shows what a busy machine adds). Never passes
 * or fails on time.
 */
import { bench, describe } from 'vitest'
import { normaliseSnapshot } from '../src-main/controls/map-documents'
import { screenSnapshot } from '../src-main/controls/screen'
import { parseSep2, serialiseSep2 } from '../src-main/sep2/xml'
import { DERC_LIST_58, MMR_LIST_30 } from './codec-inputs'

const BATCHES = 60

function figure(run: () => void, perBatch: number): { median: number; best: number } {
  for (let i = 0; i < perBatch * 5; i++) run()
  const times: number[] = []
  for (let b = 0; b < BATCHES; b++) {
    const started = performance.now()
    for (let i = 0; i < perBatch; i++) run()
    times.push((performance.now() - started) / perBatch)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(BATCHES / 2)] ?? Number.NaN, best: times[0] ?? Number.NaN }
}

function print(label: string, size: string, goalMs: number, f: { median: number; best: number }): void {
  console.log(`[codec] ${label} (${size}): best ${f.best.toFixed(3)} ms, median ${f.median.toFixed(3)} ms; goal <= ${goalMs} ms, ratio best/goal ${(f.best / goalMs).toFixed(2)}`)
}

function parseList(): void {
  const parsed = parseSep2(DERC_LIST_58, 'DERControlList')
  if (!parsed.ok) throw new Error(parsed.error.message)
}

/** Parse, decode with the IEEE 2030.5 type checks, then the semantic screening every poll runs (validate.ts). */
function parseAndScreen(): void {
  const parsed = parseSep2(DERC_LIST_58, 'DERControlList')
  if (!parsed.ok) throw new Error(parsed.error.message)
  const controls = parsed.value.doc.DERControl ?? []
  screenSnapshot(normaliseSnapshot({ polledAt: 0, programs: [{ href: '/derp/0', mRID: 'A0', primacy: 1, controls }] }))
}

function serialiseList(): void {
  const xml = serialiseSep2('MirrorMeterReadingList', MMR_LIST_30)
  if (!xml.ok) throw new Error(xml.error.message)
}

const listSize = `58 events, ${(DERC_LIST_58.length / 1024).toFixed(1)} KiB`
const mmrXml = serialiseSep2('MirrorMeterReadingList', MMR_LIST_30)
const mmrSize = `30 readings, ${mmrXml.ok ? (mmrXml.value.length / 1024).toFixed(1) : '?'} KiB written`
print('parseSep2 DERControlList (parse + decode + type checks)', listSize, 1, figure(parseList, 5))
print('parseSep2 + semantic screening (validate.ts)', listSize, 1, figure(parseAndScreen, 5))
print('serialiseSep2 MirrorMeterReadingList', mmrSize, 0.3, figure(serialiseList, 20))

describe('codec', () => {
  bench(`parseSep2: DERControlList (${listSize})`, parseList)
  bench(`parseSep2 + screening (${listSize})`, parseAndScreen)
  bench(`serialiseSep2: MirrorMeterReadingList (${mmrSize})`, serialiseList)
})
