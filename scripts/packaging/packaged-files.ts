import { copyFileSync, cpSync, globSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, matchesGlob, relative } from 'node:path'
import { productionPackageDirs } from './production-addons'

/** The electron-builder configuration (package.json "build"), the fields the checks read. */
export interface BuilderConfig {
  appId: string
  productName: string
  files: string[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  win: { target: { target: string; arch: string[] }[]; icon: string }
  mac: { target: { target: string; arch: string[] }[]; icon: string }
  linux: { target: string[]; icon: string }
}

export function builderConfig(root: string): BuilderConfig {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: BuilderConfig }).build
}

/**
 * The app's own files electron-builder packages: what the `files` globs match (a `!` glob removes matches), never
 * node_modules (electron-builder adds the production dependencies itself, see `productionPackageDirs`).
 */
export function matchedAppFiles(root: string, patterns: string[]): string[] {
  const include = patterns.filter((p) => !p.startsWith('!'))
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))
  const matched = new Set(include.flatMap((p) => globSync(p, { cwd: root })))
  return [...matched]
    .filter((f) => !f.startsWith('node_modules') && statSync(join(root, f)).isFile())
    .filter((f) => !exclude.some((p) => matchesGlob(f, p)))
    .sort()
}

/** Copy the app's own files the `files` globs match to `dest`; returns them. */
export function copyAppFiles(root: string, dest: string, patterns: string[]): string[] {
  const files = matchedAppFiles(root, patterns)
  for (const f of files) {
    mkdirSync(dirname(join(dest, f)), { recursive: true })
    copyFileSync(join(root, f), join(dest, f))
  }
  return files
}

/** Copy the production dependency tree (what electron-builder puts in the app's node_modules) to `dest`. */
export function copyProductionDependencies(root: string, dest: string): void {
  for (const dir of productionPackageDirs(root)) {
    const nested = (src: string) => src.slice(dir.length).includes('/node_modules')
    cpSync(dir, join(dest, relative(root, dir)), { recursive: true, dereference: true, filter: (src) => !nested(src) })
  }
}
