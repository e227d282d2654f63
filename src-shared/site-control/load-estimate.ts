/**
 * The household load the export cap is built on (issue 11: no hunting on load noise). The site's own use is
 * L = P + G (meter import plus the inverters' output): a battery that charges is part of it, measured by the meter
 * whether or not the battery reports its power – so generation the battery soaks up is never curtailed, and when the
 * battery stops charging the export it causes shows in the very next sample.
 *
 * A step in L (a kettle switched off, a battery that stops charging) is taken at once, so the cut it calls for is
 * written in the same decision (handbook 11.3: above the ramped limit is non-compliant; P4 within one sample). Smaller
 * changes are noise: they are averaged, so the setpoint does not chase every sample. "Step" is what the load's own
 * recent noise would not explain: STEP_FACTOR times its mean absolute deviation, at least the deadband.
 */
export interface LoadEstimate {
  /** Estimated household load incl. battery charging, W. */
  loadW: number
  /** Mean absolute deviation of the samples from the estimate, W (the load's noise). */
  deviationW: number
  /** The meter sample it last took in, ms. */
  atMs: number
}

/** Share of the gap to a new noise-sized sample taken per sample (200 ms): a ~4 s time constant. */
export const LOAD_SMOOTHING = 0.05
/** How fast the noise figure follows, per sample. */
const DEVIATION_SMOOTHING = 0.05
/** A change beyond this many mean absolute deviations is a step, not noise (uniform noise ends at ~3.5). */
export const STEP_FACTOR = 4

export function nextLoadEstimate(previous: LoadEstimate | undefined, observedW: number, atMs: number, deadbandW: number): LoadEstimate {
  if (!previous) return { loadW: observedW, deviationW: 0, atMs }
  if (atMs <= previous.atMs) return previous
  const residual = observedW - previous.loadW
  const stepW = Math.max(deadbandW, STEP_FACTOR * previous.deviationW)
  // A step counts towards the noise figure only up to the threshold: the figure learns the noise, not the steps.
  const deviationW = previous.deviationW + DEVIATION_SMOOTHING * (Math.min(Math.abs(residual), stepW) - previous.deviationW)
  const loadW = Math.abs(residual) > stepW ? observedW : previous.loadW + LOAD_SMOOTHING * residual
  return { loadW, deviationW, atMs }
}

/** Standard deviation over mean absolute deviation for noise of roughly normal shape. */
const SIGMA_PER_MAD = 1.25
/** The deadband is kept at least this many standard deviations of the estimate's own jitter. */
const DEADBAND_SIGMAS = 3

/**
 * The setpoint deadband under this load's noise (smoothing.ts applies it to cuts only up to the margin, 11.3): the estimate still jitters (an average of noisy samples, standard
 * deviation sigma * sqrt(a / (2 - a)) for smoothing a), and a setpoint that moved on each jitter would reverse over
 * and over (bench/controller; the plant test with ±300 W per phase: 12 reversals a minute with a fixed 50 W band).
 */
export function noiseDeadbandW(load: LoadEstimate | undefined, deadbandW: number): number {
  if (!load) return deadbandW
  const jitterW = load.deviationW * SIGMA_PER_MAD * Math.sqrt(LOAD_SMOOTHING / (2 - LOAD_SMOOTHING))
  return Math.max(deadbandW, DEADBAND_SIGMAS * jitterW)
}
