import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export interface StaticFile {
  body: Buffer
  type: string
}

/** Resolve a URL path inside `root` (no traversal); unknown paths fall back to index.html (single-page app). */
export async function loadStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const decoded = safeDecode(urlPath)
  if (decoded === null) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const full = join(root, relative)
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  const file = (await tryRead(full)) ?? (extname(relative) ? null : await tryRead(join(root, 'index.html')))
  if (!file) return null
  const type = file.path.endsWith('index.html') ? TYPES['.html'] : (TYPES[extname(file.path)] ?? 'application/octet-stream')
  return { body: file.body, type: type ?? 'application/octet-stream' }
}

async function tryRead(path: string): Promise<{ path: string; body: Buffer } | null> {
  try {
    return { path, body: await readFile(path) }
  } catch {
    return null
  }
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}
