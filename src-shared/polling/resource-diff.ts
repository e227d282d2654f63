/**
 * What changed between the resources the client holds and those a poll returned (issue 20 item 1: change-following
 * discovery). Resources are matched by href (IEEE 2030.5: a resource is identified by its URI); "changed" compares the
 * whole view, so a new link, primacy, default or event list counts. Pure: no I/O.
 */

export interface ResourceDiff {
  added: string[]
  removed: string[]
  changed: string[]
}

export function diffByHref<T extends { href: string }>(held: readonly T[], polled: readonly T[], same: (a: T, b: T) => boolean = sameJson): ResourceDiff {
  const before = new Map(held.map((r) => [r.href, r]))
  const after = new Map(polled.map((r) => [r.href, r]))
  const added = [...after.keys()].filter((h) => !before.has(h))
  const removed = [...before.keys()].filter((h) => !after.has(h))
  const changed = [...after.entries()].filter(([h, r]) => {
    const old = before.get(h)
    return old !== undefined && !same(old, r)
  })
  return { added, removed, changed: changed.map(([h]) => h) }
}

export function isEmptyDiff(d: ResourceDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
