import { spawn, type ChildProcess } from 'node:child_process'

/**
 * A pair of linked pseudo-terminals from socat, standing in for a USB-RS485 adapter and the device at the other end
 * (tests only). Resolves once socat has printed both pty paths.
 */
export interface PtyPair {
  a: string
  b: string
  close(): Promise<void>
}

/** `links` gives both ends fixed names (symlinks), so a pair can be closed and reopened under the same paths (replug). */
export function openPtyPair(links?: { a: string; b: string }): Promise<PtyPair> {
  const end = (link: string | undefined) => `pty,raw,echo=0${link ? `,link=${link}` : ''}`
  const child: ChildProcess = spawn('socat', ['-d', '-d', end(links?.a), end(links?.b)], { stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    const paths: string[] = []
    let text = ''
    let ready = false
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`socat exited early (${code}): ${text}`)))
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      for (const m of text.matchAll(/PTY is (\S+)/g)) if (m[1] && !paths.includes(m[1])) paths.push(m[1])
      const [a, b] = paths
      if (!ready && a && b && /starting data transfer loop/.test(text)) {
        ready = true
        child.removeAllListeners('exit')
        resolve({
          a: links?.a ?? a,
          b: links?.b ?? b,
          close: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done()
              child.once('exit', () => done())
              child.kill('SIGTERM')
            }),
        })
      }
    })
  })
}
