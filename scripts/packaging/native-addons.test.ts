import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { elfDynamicSymbols, NAPI_ENTRY, readAddonExports } from './native-exports'
import { productionNativeAddons } from './production-addons'
import { readFileSync } from 'node:fs'

const root = process.cwd()

describe('native addons that ship (issue 10: nothing that must match the runtime ABI)', () => {
  const addons = productionNativeAddons(root)

  it('finds the serialport binding in the production tree', () => {
    expect(addons.some((f) => f.includes('@serialport/bindings-cpp') && f.includes('linux-x64'))).toBe(true)
  })

  it.each(addons.map((f) => [relative(root, f)]))('%s exports napi_register_module_v1 (N-API, loads in Node and Electron)', (file) => {
    const exports = readAddonExports(file)
    expect(exports.format).not.toBe('unknown')
    expect(exports.napi).toBe(true)
  })

  it('reads the ELF dynamic symbols like nm -D: the Linux serialport binding exports the N-API entry', () => {
    const linux = addons.find((f) => f.endsWith('linux-x64/@serialport+bindings-cpp.glibc.node'))
    expect(linux).toBeDefined()
    const symbols = elfDynamicSymbols(readFileSync(linux ?? ''))
    expect(symbols).toContain(NAPI_ENTRY)
  })

  it('an ELF file without the entry is reported as not N-API (the node binary itself: it defines napi_* but not the module entry)', () => {
    const exports = readAddonExports(process.execPath)
    expect(exports.format).toBe('elf')
    expect(exports.symbols).toContain('napi_create_object')
    expect(exports.napi).toBe(false)
  })
})
