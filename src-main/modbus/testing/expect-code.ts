import { expect } from 'vitest'
import { AppError } from '../../errors'

/** Await a promise that must reject with an AppError of this code; returns the error for further checks. */
export async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  return error as AppError
}
