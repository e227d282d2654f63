/** Writes PEM files; private keys get owner-only permissions (REQUIREMENTS SEC-2). */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const OWNER_ONLY_FILE = 0o600
export const OWNER_ONLY_DIR = 0o700
const PUBLIC_FILE = 0o644

export interface PemFile {
  name: string
  text: string
  secret: boolean
}

/** Writes each file through a temporary name and a rename, so a crash never leaves half a key behind. */
export async function writePemFiles(dir: string, files: PemFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const file of files) {
    const path = join(dir, file.name)
    const mode = file.secret ? OWNER_ONLY_FILE : PUBLIC_FILE
    const temporary = `${path}.${process.pid}.tmp`
    await writeFile(temporary, file.text, { mode })
    // writeFile's mode is filtered by the umask and ignored for existing files: set it explicitly.
    await chmod(temporary, mode)
    await rename(temporary, path)
    written.push(path)
  }
  return written
}
