#!/usr/bin/env node
/**
 * `npm run icons`: render resources/icons/icon.svg into every app icon the electron-builder targets need –
 * png/<N>x<N>.png (Linux AppImage/deb, 16..1024), icon.png (512), icon.ico (Windows NSIS/portable: 16..256) and
 * icon.icns (macOS dmg: 16..1024 with the @2x sizes). Rendered by headless Chromium (the same one the report PDF
 * uses: CHROMIUM_PATH or /usr/bin/chromium) with a transparent background; ICO and ICNS are written here, both as
 * containers of PNG images (Windows Vista+ and macOS 10.7+ read those). The outputs are committed.
 */
import { Buffer } from 'node:buffer'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const dir = 'resources/icons'
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** ICNS element types holding PNG data, with their pixel size (Apple's icns format). */
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]]

async function render(svg) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
  try {
    const pngs = new Map()
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } })
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `)
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`)
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
      await page.close()
    }
    return pngs
  } finally {
    await browser.close()
  }
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(ICO_SIZES.length, 4)
  let offset = header.length
  ICO_SIZES.forEach((size, i) => {
    const at = 6 + 16 * i
    const data = pngs.get(size)
    header.writeUInt8(size >= 256 ? 0 : size, at) // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1)
    header.writeUInt16LE(1, at + 4) // colour planes
    header.writeUInt16LE(32, at + 6) // bits per pixel
    header.writeUInt32LE(data.length, at + 8)
    header.writeUInt32LE(offset, at + 12)
    offset += data.length
  })
  return Buffer.concat([header, ...ICO_SIZES.map((s) => pngs.get(s))])
}

function icns(pngs) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const data = pngs.get(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4)
  return Buffer.concat([head, ...elements])
}

const pngs = await render(readFileSync(join(dir, 'icon.svg'), 'utf8'))
mkdirSync(join(dir, 'png'), { recursive: true })
for (const [size, data] of pngs) writeFileSync(join(dir, 'png', `${size}x${size}.png`), data)
writeFileSync(join(dir, 'icon.png'), pngs.get(512))
writeFileSync(join(dir, 'icon.ico'), ico(pngs))
writeFileSync(join(dir, 'icon.icns'), icns(pngs))
console.log(`Wrote ${pngs.size} PNGs, icon.png, icon.ico and icon.icns to ${dir}`)
