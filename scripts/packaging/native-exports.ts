import { readFileSync } from 'node:fs'

/**
 * Which symbols a native addon (`.node`) exports. An N-API addon exports `napi_register_module_v1` and runs in any
 * Node or Electron; a V8-ABI addon exports `node_register_module_v<ABI>` instead and loads only in the runtime it was
 * compiled for. ELF files (Linux) are read properly: the defined global symbols of `.dynsym`, like `nm -D --defined-only`.
 */

export const NAPI_ENTRY = 'napi_register_module_v1'

export type AddonFormat = 'elf' | 'pe' | 'mach-o' | 'unknown'

export interface AddonExports {
  format: AddonFormat
  /** ELF: the exported symbol names. Other formats: undefined (see `mentionsSymbol`). */
  symbols?: string[]
  napi: boolean
}

const SHT_DYNSYM = 11
const SHN_UNDEF = 0
const STB_GLOBAL = 1
const STB_WEAK = 2

function reader(buf: Buffer, is64: boolean, little: boolean) {
  const u16 = (o: number) => (little ? buf.readUInt16LE(o) : buf.readUInt16BE(o))
  const u32 = (o: number) => (little ? buf.readUInt32LE(o) : buf.readUInt32BE(o))
  const u64 = (o: number) => Number(little ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o))
  return { u16, u32, word: is64 ? u64 : u32 }
}

interface Section {
  type: number
  offset: number
  size: number
  link: number
  entsize: number
}

function elfSections(buf: Buffer, is64: boolean, little: boolean): Section[] {
  const r = reader(buf, is64, little)
  const shoff = r.word(is64 ? 0x28 : 0x20)
  const shentsize = r.u16(is64 ? 0x3a : 0x2e)
  const shnum = r.u16(is64 ? 0x3c : 0x30)
  return Array.from({ length: shnum }, (_, i) => {
    const at = shoff + i * shentsize
    return is64
      ? { type: r.u32(at + 4), offset: r.word(at + 0x18), size: r.word(at + 0x20), link: r.u32(at + 0x28), entsize: r.word(at + 0x38) }
      : { type: r.u32(at + 4), offset: r.u32(at + 0x10), size: r.u32(at + 0x14), link: r.u32(at + 0x18), entsize: r.u32(at + 0x24) }
  })
}

/** The defined GLOBAL/WEAK symbols of an ELF file's dynamic symbol table. */
export function elfDynamicSymbols(buf: Buffer): string[] {
  const is64 = buf[4] === 2
  const little = buf[5] === 1
  const r = reader(buf, is64, little)
  const sections = elfSections(buf, is64, little)
  const names: string[] = []
  for (const dynsym of sections.filter((s) => s.type === SHT_DYNSYM)) {
    const strtab = sections[dynsym.link]
    if (!strtab || dynsym.entsize === 0) continue
    for (let at = dynsym.offset; at + dynsym.entsize <= dynsym.offset + dynsym.size; at += dynsym.entsize) {
      const nameOff = r.u32(at)
      const info = buf[at + (is64 ? 4 : 12)] ?? 0
      const shndx = r.u16(at + (is64 ? 6 : 14))
      const bind = info >> 4
      if (shndx === SHN_UNDEF || (bind !== STB_GLOBAL && bind !== STB_WEAK)) continue
      const start = strtab.offset + nameOff
      names.push(buf.toString('latin1', start, buf.indexOf(0, start)))
    }
  }
  return names
}

export function addonFormat(buf: Buffer): AddonFormat {
  if (buf.readUInt32BE(0) === 0x7f454c46) return 'elf'
  if (buf.toString('latin1', 0, 2) === 'MZ') return 'pe'
  const magic = buf.readUInt32BE(0)
  if ([0xcafebabe, 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return 'mach-o'
  return 'unknown'
}

/**
 * Read `file`. ELF: the real export table. PE (Windows) and Mach-O (macOS) prebuilds cannot be loaded here; for them
 * the symbol name must appear in the binary's string data and no V8-ABI `node_register_module_v` entry may.
 */
export function readAddonExports(file: string): AddonExports {
  const buf = readFileSync(file)
  const format = addonFormat(buf)
  if (format === 'elf') {
    const symbols = elfDynamicSymbols(buf)
    return { format, symbols, napi: symbols.includes(NAPI_ENTRY) }
  }
  const napi = buf.includes(NAPI_ENTRY, 0, 'latin1') && !buf.includes('node_register_module_v', 0, 'latin1')
  return { format, napi }
}
