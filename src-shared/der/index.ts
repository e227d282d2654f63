/** Pure DER reporting logic (DESIGN.md layer 1; REQUIREMENTS TEL-1): DERStatus, DERCapability, DERSettings. */
export * from './der-types'
export * from './hex-binary'
export * from './status'
export {
  DER_CONTROL_MODES,
  DOE_MODES,
  DER_TYPE,
  modesSupportedBitmap,
  modesFromBitmap,
  formatModesSupported,
  doeModesSupportedBitmap,
  doeModesFromBitmap,
  formatDoeModesSupported,
  siteDerType,
} from './capability'
export type { DerControlMode, DoeMode } from './capability'
export * from './ratings'
export * from './connect-support'
