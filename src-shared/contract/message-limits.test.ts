import { describe, expect, it } from 'vitest'
import { base64Length, certificateFilesProblem, MAX_CERTIFICATE_FILE_BYTES, structuralCountExceeds } from './message-limits'

describe('certificate file sizes, checked at the field', () => {
  it('a real chain, key and anchor pass', () => {
    expect(certificateFilesProblem([{ name: 'chain.pem', size: 4200 }, { name: 'key.pem', size: 240 }, { name: 'serca.pem', size: 800 }])).toBeUndefined()
  })

  it('a 7 MB file is named, with its size and the limit', () => {
    expect(certificateFilesProblem([{ name: 'chain.pem', size: 4200 }, { name: 'photo.jpg', size: 7 * 1024 * 1024 }])).toBe(
      'photo.jpg is 7.0 MB: a certificate, chain or key file is at most 256 KiB (a chain is a few KB). Is it the right file?',
    )
  })

  it('files each within the limit but too big together are refused, and so are too many files', () => {
    const near = { name: 'a.pem', size: MAX_CERTIFICATE_FILE_BYTES }
    expect(certificateFilesProblem([near, near, near])).toMatch(/together are 768 KiB; one import takes at most 512 KiB/)
    expect(certificateFilesProblem(Array.from({ length: 11 }, () => ({ name: 'x', size: 1 })))).toMatch(/at most 10 files/)
  })

  it('base64Length is the exact length of the base64 text', () => {
    for (const n of [0, 1, 2, 3, 4, 1000]) expect(base64Length(n)).toBe(Buffer.alloc(n).toString('base64').length)
  })

  it('structuralCountExceeds stops counting past the cap', () => {
    expect(structuralCountExceeds('[1,2,3]', 3)).toBe(false)
    expect(structuralCountExceeds('[1,2,3,4]', 3)).toBe(true)
    expect(structuralCountExceeds('"just text"', 0)).toBe(false)
  })
})
