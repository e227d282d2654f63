/**
 * Parse off the controller's critical path (issue 15 item 5): a response body is parsed + decoded in a worker thread
 * when it is larger than a few KiB, so a 2 MiB document (the transport's response cap) never holds the engine's event
 * loop – the loop that runs the site controller – for more than the structured clone of the result. Small documents
 * (every list a real site sees) parse inline: that is quicker than the round trip.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { fail, type Result } from '../../../src-shared/result'
import { parseSep2, type ParsedSep2 } from './codec'
import type { Sep2Kind } from './models'
import { PARSE_WORKER_FILE, joinResult, type ParseMessage, type ParsePart, type ParseRequest } from './parse-protocol'

/** Bodies up to this many characters parse inline (about 1 ms: 16 KiB is a DERControlList of ~17 events). */
export const INLINE_PARSE_MAX_CHARS = 16 * 1024
/** The worker's heap: a 2 MiB document needs far less; a runaway stops the worker, never the engine. */
const WORKER_HEAP_MB = 256

export const PARSE_WORKER_CODE = 'SEP2_XML_WORKER'

/** Where the worker's code is: the built bundle, or (tests, bench) code evaluated with its own loader. */
export type WorkerSource = { kind: 'file'; path: string } | { kind: 'eval'; code: string; workerData: unknown }

export interface Sep2Parser {
  parse<K extends Sep2Kind>(xml: string, kind?: K): Promise<Result<ParsedSep2<K>>>
  /** Whether large documents go to a worker (false when no worker bundle was found: everything parses inline). */
  readonly offThread: boolean
  close(): Promise<void>
}

/** The built worker next to the bundle that imports this (out/node, out/main; chunks may sit one folder down). */
export function builtWorkerSource(base: string = import.meta.url): WorkerSource | undefined {
  for (const relative of [`./${PARSE_WORKER_FILE}`, `../${PARSE_WORKER_FILE}`]) {
    const path = fileURLToPath(new URL(relative, base))
    if (existsSync(path)) return { kind: 'file', path }
  }
  return undefined
}

export function createSep2Parser(options: { source?: WorkerSource | undefined; inlineMaxChars?: number } = {}): Sep2Parser {
  const source = 'source' in options ? options.source : builtWorkerSource()
  const inlineMax = options.inlineMaxChars ?? INLINE_PARSE_MAX_CHARS
  const pending = new Map<number, { parts: ParsePart[]; done: (result: Result<ParsedSep2>) => void }>()
  let worker: Worker | undefined
  let nextId = 1

  function start(from: WorkerSource): Worker {
    const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB }
    const w = from.kind === 'file' ? new Worker(from.path, { resourceLimits }) : new Worker(from.code, { eval: true, workerData: from.workerData, resourceLimits })
    w.on('message', (message: ParseMessage) => {
      if ('items' in message) pending.get(message.id)?.parts.push(message)
      else settle(message.id, message.result)
    })
    w.on('error', (error) => stopped(w, error.message))
    w.on('exit', (code) => stopped(w, `it exited with code ${code}`))
    // Idle, the worker must not keep the process alive; with a parse pending it must (issue 15 item 1).
    w.unref()
    return w
  }

  function settle(id: number, result: Result<ParsedSep2>): void {
    const waiting = pending.get(id)
    pending.delete(id)
    if (pending.size === 0) worker?.unref()
    waiting?.done(joinResult(waiting.parts, result))
  }

  /** A worker that died fails what it held (a hostile document is not retried inline); the next parse starts anew. */
  function stopped(w: Worker, why: string): void {
    if (worker !== w) return
    worker = undefined
    for (const [id] of pending) settle(id, fail(PARSE_WORKER_CODE, `The document could not be parsed: the parser worker stopped (${why})`))
  }

  return {
    offThread: source !== undefined,
    parse<K extends Sep2Kind>(xml: string, kind?: K): Promise<Result<ParsedSep2<K>>> {
      if (source === undefined || xml.length <= inlineMax) return Promise.resolve(parseSep2(xml, kind))
      const w = (worker ??= start(source))
      const id = nextId++
      w.ref()
      return new Promise((resolve) => {
        pending.set(id, { parts: [], done: resolve as (result: Result<ParsedSep2>) => void })
        const request: ParseRequest = kind === undefined ? { id, xml } : { id, xml, kind }
        w.postMessage(request)
      })
    },
    async close() {
      const w = worker
      worker = undefined
      if (w) {
        for (const [id] of pending) settle(id, fail(PARSE_WORKER_CODE, 'The parser was closed'))
        await w.terminate()
      }
    },
  }
}

let shared: Sep2Parser | undefined

/** parseSep2 for response bodies: off the event loop when large (one worker per process, started on first need). */
export function parseSep2OffThread<K extends Sep2Kind>(xml: string, kind?: K): Promise<Result<ParsedSep2<K>>> {
  shared ??= createSep2Parser()
  return shared.parse(xml, kind)
}
