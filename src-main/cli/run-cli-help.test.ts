import { describe, expect, it } from 'vitest'
import { commandsFor } from './registry'
import { runCli } from './run-cli'

const registry = await commandsFor([])

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, registry, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), signal: new AbortController().signal, cwd: process.cwd(), env: {} })
  return { code, stdout, stderr }
}

/** Every command answers --help, -h and `help <command>` with its usage and options, exit 0, without running. */
describe('CLI help per command', () => {
  it.each(registry.map((c) => [c.name]))('%s --help, -h and help %s print its usage and every option', async (name) => {
    const command = registry.find((c) => c.name === name)
    if (!command) throw new Error(name)
    const words = name.split(' ')
    for (const argv of [[...words, '--help'], [...words, '-h'], ['help', ...words]]) {
      const { code, stdout, stderr } = await cli(argv)
      expect(code, argv.join(' ')).toBe(0)
      expect(stderr).toBe('')
      expect(stdout).toContain(`Usage: sep2-commissioner ${name}`)
      expect(stdout).toContain(command.summary)
      for (const option of Object.keys(command.options)) expect(stdout).toContain(`--${option}`)
      expect(stdout).toContain('--json')
    }
  })

  it('--help wins over missing required options (it never runs the command)', async () => {
    const { code, stdout } = await cli(['discover', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('--dcap')
  })

  it('help for an unknown command is an error with the list (exit 2); unknown options keep their clear error', async () => {
    const unknown = await cli(['help', 'frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown command 'frobnicate'")
    expect(unknown.stdout).toContain('Commands:')
    const badOption = await cli(['nmi', '--frob'])
    expect(badOption.code).toBe(2)
    expect(badOption.stderr).toMatch(/error: Unknown option '--frob'/)
    expect(badOption.stderr).toContain('usage: sep2-commissioner nmi')
  })
})
