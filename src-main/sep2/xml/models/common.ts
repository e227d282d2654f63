import type { XmlNode } from '../xml-node'

export type { HexValue, ScaledValue } from '../values'

/** Elements the codec did not recognise, kept in document order so they are written back (SRV-6). */
export interface Extensible {
  extra?: XmlNode[]
}

export interface Link extends Extensible {
  href: string
}

export interface ListLink extends Link {
  all?: number
}

/** Resource attributes. */
export interface Resource extends Extensible {
  href?: string
}

export interface SubscribableResource extends Resource {
  subscribable?: number
}

/** List / SubscribableList attributes (pollRate where the function set has one). */
export interface ListResource extends SubscribableResource {
  all?: number
  results?: number
  pollRate?: number
}

export interface IdentifiedObject {
  /** HexBinary128 text, e.g. `DC1B27AC943B44AC87DAF7E162B6F6D4`. */
  mRID: string
  description?: string
  version?: number
}

export interface DateTimeInterval extends Extensible {
  /** Seconds. */
  duration: number
  /** Unix seconds (UTC). */
  start: number
}

export interface UnitValue extends Extensible {
  multiplier: number
  unit: number
  value: number
}
