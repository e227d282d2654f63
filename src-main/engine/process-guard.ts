/**
 * The process-level guard (REQUIREMENTS REL-3): an uncaught exception or unhandled rejection anywhere in the process
 * is logged with its code, every running site controller goes fail-safe (the injected `onFault`), and then
 * - a long-running host (web host, Electron main, CLI `run`, `sim server`, `sim devices`) keeps going: a device or a
 *   server that misbehaves must never end the process that keeps the site inside its limits;
 * - a short command ends with a message and exit code PROCESS_FAULT_EXIT_CODE.
 * The root causes are fixed where they are; this is the net under them.
 */
import { AppError, errorMessage } from '../errors'
import { failSafeAll, type ProcessFaultNotice } from '../site/process-fault'

/** BSD sysexits EX_SOFTWARE: an internal software error. */
export const PROCESS_FAULT_EXIT_CODE = 70

export type ProcessLifetime = 'service' | 'command'
export type FaultOrigin = 'uncaughtException' | 'unhandledRejection'

export interface ProcessFault extends ProcessFaultNotice {
  origin: FaultOrigin
}

/** The parts of `process` the guard uses (an EventEmitter in tests). */
export interface GuardedProcess {
  on(event: FaultOrigin, listener: (error: unknown) => void): unknown
  off(event: FaultOrigin, listener: (error: unknown) => void): unknown
}

export interface ProcessGuardOptions {
  lifetime: ProcessLifetime
  log: (line: string) => void
  /** Put the site controller(s) in fail-safe. */
  onFault: (fault: ProcessFault) => void
  /** Ends a short command; default process.exit. */
  exit?: (code: number) => void
  process?: GuardedProcess
}

/** The stable code of any thrown value: an AppError's code, a Node system error's code, else INTERNAL. */
export function faultOf(error: unknown, origin: FaultOrigin): ProcessFault {
  const code = error instanceof AppError ? error.code : codeProperty(error) ?? 'INTERNAL'
  return { origin, code, message: errorMessage(error) }
}

function codeProperty(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined
  const code = (error as { code: unknown }).code
  return typeof code === 'string' && code.length > 0 ? code : undefined
}

/** Installs the guard; returns the function that removes it. */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const proc = options.process ?? process
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const handle = (origin: FaultOrigin) => (error: unknown) => {
    const fault = faultOf(error, origin)
    options.log(`[process] ${origin} (${fault.code}): ${fault.message}`)
    try {
      options.onFault(fault)
    } catch (e) {
      options.log(`[process] putting the site controller in fail-safe failed: ${errorMessage(e)}`)
    }
    if (options.lifetime === 'command') {
      options.log(`error: the command stopped on an internal fault (${fault.code}): ${fault.message}`)
      exit(PROCESS_FAULT_EXIT_CODE)
      return
    }
    options.log('[process] the site controller holds the fixed limits (fail-safe); the host keeps running')
  }
  const onException = handle('uncaughtException')
  const onRejection = handle('unhandledRejection')
  proc.on('uncaughtException', onException)
  proc.on('unhandledRejection', onRejection)
  return () => {
    proc.off('uncaughtException', onException)
    proc.off('unhandledRejection', onRejection)
  }
}

/** The guard as every host installs it: faults put every running site controller in fail-safe. */
export function guardProcess(lifetime: ProcessLifetime, log: (line: string) => void): () => void {
  return installProcessGuard({ lifetime, log, onFault: (fault) => void failSafeAll(fault) })
}
