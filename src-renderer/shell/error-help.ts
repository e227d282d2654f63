/** What the error banner shows for a failure: its message, and what to do from the closed code lists. */
import { errorCodeText } from '../../src-shared/errors/codes'
import type { AppErrorShape } from '../../src-shared/result'

export interface ErrorHelp {
  message: string
  code: string
  /** Undefined only for a code outside the lists (an engine of another version). */
  whatToDo: string | undefined
}

export function errorHelp(error: AppErrorShape): ErrorHelp {
  return { message: error.message, code: error.code, whatToDo: errorCodeText(error.code)?.whatToDo }
}
