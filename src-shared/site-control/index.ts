/** Pure site controller (REQUIREMENTS SITE-1, SITE-2): limits + measurements -> device setpoints + next state. */
export * from './types'
export { decide } from './decide'
export { smoothTowards } from './smoothing'
export { shareGeneration, shareCharge } from './share'
export { siteImportW, findFault } from './measure'
export { describeFault, faultTag } from './fault-text'
