/** Pure telemetry logic (DESIGN.md layer 1; REQUIREMENTS TEL-3, TEL-4): RTC intervals, averaging, Int16 scaling, ReadingTypes. */
export * from './telemetry-types'
export * from './rtc-intervals'
export * from './averaging'
export * from './int16-scaling'
export * from './sign-conventions'
export * from './reading-types'
export * from './reading-values'
