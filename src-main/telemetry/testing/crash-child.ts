/**
 * A telemetry client for the kill -9 test (issue 15.8, REL-2): queues one interval of readings after another in the
 * real on-disk buffer and posts them to the utility simulator, continuing from where the last (killed) run stopped.
 * The parent kills it with SIGKILL at chosen moments and compares the buffer with the server's record.
 *
 * Run as a bundled ESM file: `node crash-child.mjs '<json CrashChildConfig>'`. Prints one line per step on stdout
 * (`resume <inFlight>`, `queued <endMs>`, `posted <endMs> <readingKey> <attempt>`, `done`).
 */
import { readFileSync } from 'node:fs'
import { createSystemClock } from '../../engine/system-clock'
import { createSep2Transport } from '../../sep2/transport'
import { openDatabase } from '../../storage/database'
import { TelemetryBuffer } from '../telemetry-buffer'
import { createTelemetryService } from '../telemetry-service'
import { CRASH_INTERVAL_MS, CRASH_PLAN, crashReadings, type CrashChildConfig } from './crash-plan'

async function main(config: CrashChildConfig): Promise<void> {
  const say = (line: string): boolean => process.stdout.write(`${line}\n`)
  const clock = createSystemClock()
  const db = openDatabase(config.dataDir)
  const buffer = new TelemetryBuffer(db, { siteId: config.siteId, capacity: 100_000, clock })
  const transport = createSep2Transport({
    baseUrl: config.baseUrl,
    clientCert: readFileSync(config.certFile, 'utf8'),
    clientKey: readFileSync(config.keyFile, 'utf8'),
    trustAnchors: [readFileSync(config.trustFile, 'utf8')],
    checkHostname: false,
    clock,
  })
  const service = createTelemetryService({ clock, poster: transport, buffer, mupListHref: '/api/v2/mup', identity: { lfdi: config.lfdi, pen: config.pen }, plan: CRASH_PLAN, followServerPostRate: false })
  service.on('posted', (e) => say(`posted ${e.intervalEndMs} ${e.readingKey} ${e.attempt}`))
  say(`resume ${buffer.inFlight()}`)
  const lastMs = config.startMs + config.intervals * CRASH_INTERVAL_MS
  for (let end = (buffer.lastQueuedEndMs() ?? config.startMs) + CRASH_INTERVAL_MS; end <= lastMs; end += CRASH_INTERVAL_MS) {
    buffer.queueInterval(end, crashReadings(end))
    say(`queued ${end}`)
    await service.flush()
  }
  await service.flush()
  await transport.close()
  const left = buffer.depth().readings
  db.close()
  if (left > 0) throw new Error(`${left} reading(s) still buffered`)
  say('done')
}

main(JSON.parse(process.argv[2] ?? '{}') as CrashChildConfig).catch((error: unknown) => {
  process.stderr.write(`crash-child: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
