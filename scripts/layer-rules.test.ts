import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * DESIGN.md layers: src-shared is pure (no electron, no node:*, no Node built-ins) and only src-main/electron imports
 * electron. These tests prove the lint rules that enforce it are in force (the DOM half is tsconfig.shared.json's
 * lib setting, checked by `npm test`'s typecheck).
 */
const eslint = new ESLint()

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layer rules', () => {
  it('refuses node:* and Node built-ins in src-shared', async () => {
    expect(await importErrors('src-shared/example.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n")).toHaveLength(1)
    expect(await importErrors('src-shared/example.ts', "import { createHash } from 'crypto'\nexport const x = createHash\n")).toHaveLength(1)
  })

  it('refuses electron in src-shared, src-renderer and the rest of src-main', async () => {
    const code = "import { app } from 'electron'\nexport const x = app\n"
    expect(await importErrors('src-shared/example.ts', code)).toHaveLength(1)
    expect(await importErrors('src-renderer/example.ts', code)).toHaveLength(1)
    expect(await importErrors('src-main/engine/example.ts', code)).toHaveLength(1)
  })

  it('allows electron in src-main/electron and Node in src-main', async () => {
    expect(await importErrors('src-main/electron/example.ts', "import { app } from 'electron'\nexport const x = app\n")).toEqual([])
    expect(await importErrors('src-main/engine/example.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n")).toEqual([])
  })

  it('keeps the renderer away from Node and main-process code', async () => {
    expect(await importErrors('src-renderer/example.ts', "import { x } from '../src-main/engine/create-engine'\nexport const y = x\n")).toHaveLength(1)
  })
})
