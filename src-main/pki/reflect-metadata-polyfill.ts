/**
 * @peculiar/x509 2 resolves its services through tsyringe, which refuses to load unless `Reflect.getMetadata` exists
 * (x509 README, "Reflect Polyfill Required"). No polyfill package is installed, so this provides the small part of
 * the Reflect metadata API that tsyringe and tslib's `__metadata` use. Replace it with `import 'reflect-metadata'`
 * once that package is a dependency. Import `./x509` rather than `@peculiar/x509` so this always runs first.
 */
type Key = unknown
type Property = string | symbol | undefined

const store = new WeakMap<object, Map<Property, Map<Key, unknown>>>()

function ownMap(target: object, property: Property, create: boolean): Map<Key, unknown> | undefined {
  let byProperty = store.get(target)
  if (!byProperty) {
    if (!create) return undefined
    byProperty = new Map()
    store.set(target, byProperty)
  }
  let map = byProperty.get(property)
  if (!map && create) {
    map = new Map()
    byProperty.set(property, map)
  }
  return map
}

function defineMetadata(key: Key, value: unknown, target: object, property?: string | symbol): void {
  ownMap(target, property, true)?.set(key, value)
}

function getOwnMetadata(key: Key, target: object, property?: string | symbol): unknown {
  return ownMap(target, property, false)?.get(key)
}

function hasOwnMetadata(key: Key, target: object, property?: string | symbol): boolean {
  return ownMap(target, property, false)?.has(key) ?? false
}

function getMetadata(key: Key, target: object, property?: string | symbol): unknown {
  for (let current: object | null = target; current; current = Object.getPrototypeOf(current) as object | null) {
    if (hasOwnMetadata(key, current, property)) return getOwnMetadata(key, current, property)
  }
  return undefined
}

function hasMetadata(key: Key, target: object, property?: string | symbol): boolean {
  for (let current: object | null = target; current; current = Object.getPrototypeOf(current) as object | null) {
    if (hasOwnMetadata(key, current, property)) return true
  }
  return false
}

function metadata(key: Key, value: unknown): (target: object, property?: string | symbol) => void {
  return (target, property) => defineMetadata(key, value, target, property)
}

const reflect = Reflect as unknown as Record<string, unknown>
if (typeof reflect['getMetadata'] !== 'function') {
  Object.assign(reflect, { defineMetadata, getOwnMetadata, hasOwnMetadata, getMetadata, hasMetadata, metadata })
}

export {}
