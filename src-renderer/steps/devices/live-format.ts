/** A live reading with its unit, or a dash when the device gave none. */
export const reading = (v: number | null, unit: string, digits = 0): string => (v === null ? '–' : `${v.toFixed(digits)} ${unit}`)

/** handbook 10.8.2: the site reads negative when exporting, positive when importing. */
export function flowWords(w: number | null): string {
  if (w === null) return 'no reading'
  if (Math.abs(w) < 20) return 'about zero'
  return w < 0 ? `exporting ${Math.round(-w)} W` : `importing ${Math.round(w)} W`
}
