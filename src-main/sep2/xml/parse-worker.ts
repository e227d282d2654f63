/**
 * Worker entry (issue 15 item 5): parses + decodes 2030.5 documents off the engine's event loop, which runs the site
 * controller. Built as its own bundle next to the host's entries (vite.node.config.ts, electron.vite.config.ts:
 * `sep2-parse-worker.js`); loaded by parse-off-thread.ts.
 */
import { parentPort } from 'node:worker_threads'
import { parseSep2 } from './codec'
import { splitResult, type ParseRequest } from './parse-protocol'

parentPort?.on('message', (request: ParseRequest) => {
  for (const message of splitResult(request.id, parseSep2(request.xml, request.kind))) parentPort?.postMessage(message)
})
