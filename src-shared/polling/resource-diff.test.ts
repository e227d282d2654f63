import { describe, expect, it } from 'vitest'
import { diffByHref, isEmptyDiff } from './resource-diff'

describe('diffByHref (change-following discovery)', () => {
  it('names added, removed and changed resources by href', () => {
    const held = [
      { href: '/a', primacy: 1 },
      { href: '/b', primacy: 2 },
    ]
    const polled = [
      { href: '/b', primacy: 3 },
      { href: '/c', primacy: 1 },
    ]
    expect(diffByHref(held, polled)).toEqual({ added: ['/c'], removed: ['/a'], changed: ['/b'] })
  })

  it('is empty when nothing changed, and from empty to one is an addition', () => {
    expect(isEmptyDiff(diffByHref([{ href: '/a', x: 1 }], [{ href: '/a', x: 1 }]))).toBe(true)
    expect(diffByHref([], [{ href: '/fsa/1' }]).added).toEqual(['/fsa/1'])
  })
})
