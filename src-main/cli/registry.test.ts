import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { commandsFor, registry } from './registry'

const ROOT = resolve(__dirname, '../..')

/** Relative imports of one source file loaded before its code runs: static imports and re-exports, not `import()`. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const specifiers: string[] = []
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly
    const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly
    const specifier = isImport || isExport ? statement.moduleSpecifier : undefined
    if (specifier && ts.isStringLiteral(specifier)) specifiers.push(specifier.text)
  }
  return specifiers
}

function resolveSource(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      readFileSync(candidate)
      return candidate
    } catch {
      // next candidate
    }
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`)
}

/** Every project file and package a module loads eagerly (its static import graph). */
function eagerGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const pending = [resolve(ROOT, entry)]
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) pending.push(resolveSource(file, specifier))
      else packages.add(specifier)
    }
  }
  return { files: new Set([...files].map((f) => f.slice(ROOT.length + 1))), packages }
}

const HEAVY_FOLDERS = ['src-main/sep2/', 'src-main/devices/', 'src-main/sim/', 'src-main/report/', 'src-main/db/', 'src-main/engine/create-engine']
const HEAVY_PACKAGES = ['undici', 'modbus-serial', 'serialport', 'playwright-core', 'fast-xml-parser', 'ws', '@peculiar/x509', 'node:sqlite']

describe('CLI registry (issue 14 item 6: cold start loads only the command that runs)', () => {
  it('each entry loads the command of its name, in the order help lists them', async () => {
    const commands = await commandsFor([])
    expect(commands.map((c) => c.name)).toEqual(registry.map((c) => c.name))
  })

  it('argv naming a command loads only that command; help and unknown names load the list', async () => {
    expect((await commandsFor(['sim', 'server', '--port', '0'])).map((c) => c.name)).toEqual(['sim server'])
    expect((await commandsFor(['nmi', '4102345678'])).map((c) => c.name)).toEqual(['nmi'])
    expect(await commandsFor(['help', 'nmi'])).toHaveLength(registry.length)
    expect(await commandsFor(['frobnicate'])).toHaveLength(registry.length)
  })

  it.each(['nmi', 'virtual-lfdi'])('the CLI entry plus `%s` load no SEP2 client, Modbus, simulator, report or database code', (name) => {
    const entry = eagerGraph('src-main/cli/main.ts')
    const command = eagerGraph(`src-main/cli/commands/${name}.ts`)
    const files = [...entry.files, ...command.files]
    const packages = [...entry.packages, ...command.packages]
    expect(files.filter((f) => HEAVY_FOLDERS.some((h) => f.startsWith(h)))).toEqual([])
    expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([])
  })

  it('the identity command loads no SEP2 client, Modbus, simulator, report or database code', () => {
    const graph = eagerGraph('src-main/cli/commands/identity.ts')
    expect([...graph.files].filter((f) => HEAVY_FOLDERS.some((h) => f.startsWith(h)))).toEqual([])
  })
})
