/** Results crossing the API boundary and expected failures inside the engine (DESIGN.md: expected failures are results). */
export interface AppErrorShape {
  /** Stable machine-readable code, e.g. `NMI_CHECKSUM`, `SEP2_TLS`, `MODBUS_TIMEOUT`. */
  code: string
  /** Plain words for the installer: what happened and, where known, what to do. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: string, message: string): { ok: false; error: AppErrorShape } => ({ ok: false, error: { code, message } })
