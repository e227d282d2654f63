/** Help -> About: the version and the licences of the data the app bundles (resources/ and its READMEs). */
export const BUNDLED_DATA_LICENCES = [
  'SunSpec information models (resources/sunspec/models): Apache License 2.0, SunSpec Alliance',
  'CSIP-AUS XML schemas (resources/xsd/csipaus): MIT License',
  'Meter profiles and the commissioning-report JSON Schema (resources/meter-profiles, resources/report): part of this app',
] as const

export function aboutText(version: string, runtime: { electron?: string; node: string; chrome?: string }): { message: string; detail: string } {
  const versions = [`Electron ${runtime.electron ?? '-'}`, `Node ${runtime.node}`, `Chromium ${runtime.chrome ?? '-'}`].join(', ')
  return {
    message: `SEP2 Commissioner ${version}`,
    detail: [
      'Commissioning app for IEEE 2030.5 (SEP2) / CSIP-AUS dynamic-connection sites in Queensland.',
      versions,
      '',
      'Bundled data and its licences:',
      ...BUNDLED_DATA_LICENCES.map((l) => `• ${l}`),
      'The IEEE 2030.5 schema is not bundled (IEEE copyright).',
    ].join('\n'),
  }
}
