import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Test helpers: fixture loading (not exported from index.ts). */
export const FIXTURES_DIR = join(__dirname, '__fixtures__')

export function fixture(relativePath: string): string {
  return readFileSync(join(FIXTURES_DIR, relativePath), 'utf8')
}

export function fixtureNames(folder: string): string[] {
  return readdirSync(join(FIXTURES_DIR, folder)).filter((name) => name.endsWith('.xml')).sort()
}

/** Local names of the element children of the first `<parent>` in `xml`, in order (prefix stripped). */
export function childOrder(xml: string, parent: string): string[] {
  const open = new RegExp(`<(?:[\\w-]+:)?${parent}[\\s>]`).exec(xml)
  if (open === null) return []
  let depth = 0
  const names: string[] = []
  const tag = /<(\/?)((?:[\w-]+:)?([\w-]+))[^>]*?(\/?)>/g
  tag.lastIndex = open.index
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const [, closing, , local, selfClosing] = m
    if (closing) {
      depth -= 1
      if (depth === 0) break
    } else {
      if (depth === 1 && local !== undefined) names.push(local)
      if (!selfClosing) depth += 1
    }
  }
  return names
}
