/** Results crossing the API boundary and expected failures inside the engine (DESIGN.md: expected failures are results). */
import type { ErrorCode } from './errors/codes'

export interface AppErrorShape {
  /** Stable machine-readable code from the closed lists (errors/codes.ts), e.g. `NMI_CHECKSUM`, `MODBUS_TIMEOUT`. */
  code: ErrorCode
  /** Plain words for the installer: what happened and, where known, what to do. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppErrorShape } => ({ ok: false, error: { code, message } })
