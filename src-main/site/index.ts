/** Site controller service (SITE-1, SITE-2): the public surface for the engine and the CLI. */
export { createSiteController, SiteController, MODBUS_DEVICE_CONTROLS, type SiteControllerEvents, type SiteControllerOptions } from './site-controller'
export { constantLimits, type ControlledBattery, type ControlledInverter, type DeviceControls, type EffectiveLimitsSource, type SiteSampleSource } from './ports'
export { MIN_PERCENT_CHANGE, WRITE_RETRY_MS, type WriteKind, type WriteOutcome } from './setpoint-writer'
export { rampedLimitsFromControls, RAMP_REBUILD_MS, type RampedLimitsOptions, type RampedLimitsSource } from './ramped-limits'
export { startHeadlessRun, statusLine, STATUS_PERIOD_MS, type HeadlessRun, type HeadlessRunOptions } from './headless-run'
export { createSiteLoop, startSiteReporting, postResponseOver, POST_OFFSET_SPREAD_MS, RESPONSE_POST_TIMEOUT_MS, type SiteLoop, type SiteLoopOptions, type SiteReporting, type SiteReportingOptions } from './site-services'
export { startDemoSimulators, type DemoSimulators } from './demo-run'
export { runConfigSchema, type RunConfig, type LoadedRunConfig } from './run-config'
