/** Failure kinds of the identity layer, each with a stable code (DESIGN.md layer 3). */
import { AppError } from '../errors'

export class SecretBoxError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('SECRET_BOX_DECRYPT', message, {
      hint: 'The stored key was changed on disk or was sealed with a different secret. Import the certificate and key again.',
      ...(cause === undefined ? {} : { cause }),
    })
  }
}

export class KeyStoreError extends AppError {
  constructor(code: 'KEY_STORE_NOT_FOUND' | 'KEY_STORE_BAD_ID' | 'KEY_STORE_TAMPERED' | 'KEY_STORE_WRONG_BOX' | 'KEY_STORE_BAD_KEY', message: string, hint?: string) {
    super(code, message, hint === undefined ? {} : { hint })
  }
}

export class CertificateFileError extends AppError {
  constructor(message: string, hint?: string) {
    super('CERTIFICATE_FILE', message, hint === undefined ? {} : { hint })
  }
}
