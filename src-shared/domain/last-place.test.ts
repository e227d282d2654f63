import { describe, expect, it } from 'vitest'
import { openingPlace } from './last-place'

describe('openingPlace (the app opens where the installer left off)', () => {
  it.each([
    ['the remembered site and step', ['a', 'b'], { siteId: 'b', step: 'limits' as const }, { siteId: 'b', step: 'limits' }],
    ['the only site when nothing is remembered', ['a'], null, { siteId: 'a', step: 'site' }],
    ['the only site when the remembered one was deleted', ['a'], { siteId: 'gone', step: 'report' as const }, { siteId: 'a', step: 'site' }],
    ['the New site form with several sites and nothing remembered', ['a', 'b'], null, { siteId: null, step: 'site' }],
    ['the New site form with no site at all', [], { siteId: 'gone', step: 'report' as const }, { siteId: null, step: 'site' }],
  ])('%s', (_name, sites, last, expected) => {
    expect(openingPlace(sites, last)).toEqual(expected)
  })
})
