import { typeSpec } from './registry'

/** The schema order of a type's child elements (local names), e.g. for tests and for the exchange-log viewer. */
export function elementOrder(typeName: string): string[] {
  return typeSpec(typeName).elements.map((field) => field.name)
}
