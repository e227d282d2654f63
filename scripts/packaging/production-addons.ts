import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

interface LockPackage {
  dev?: boolean
}

/** The installed folders of the production dependency tree, from package-lock.json (entries not marked `dev`). */
export function productionPackageDirs(root: string): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> }
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && path.startsWith('node_modules/') && !entry.dev)
    .map(([path]) => join(root, path))
    .filter((dir) => existsSync(dir))
}

/** Every `.node` file inside `dir`, not descending into a nested node_modules (those are packages of their own). */
export function nativeFilesIn(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...nativeFilesIn(path))
    else if (entry.isFile() && entry.name.endsWith('.node')) found.push(path)
  }
  return found
}

export function productionNativeAddons(root: string): string[] {
  return productionPackageDirs(root).flatMap(nativeFilesIn)
}
