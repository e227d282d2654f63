import { describe, expect, it } from 'vitest'
import { classifyHandshakeError, classifyRequestError } from './classify-error'
import { DEFAULT_TIMEOUTS } from './timeouts'

function err(code: string, message = code): Error {
  return Object.assign(new Error(message), { code })
}

const handshake = (e: Error): string =>
  classifyHandshakeError({ error: e, url: 'https://s', presented: undefined, expectedAnchors: ['CN=SERCA'], connectMs: 1000 }).code

describe('handshake failures', () => {
  it.each([
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SEP2_TLS_SERVER_UNTRUSTED'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'SEP2_TLS_SERVER_UNTRUSTED'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SEP2_TLS_SERVER_UNTRUSTED'],
    ['CERT_HAS_EXPIRED', 'SEP2_TLS_SERVER_UNTRUSTED'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'SEP2_TLS_HOSTNAME'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'SEP2_TLS_CLIENT_REJECTED'],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'SEP2_TLS_CLIENT_REJECTED'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'SEP2_TLS_CLIENT_REJECTED'],
    ['ECONNRESET', 'SEP2_TLS_CLIENT_REJECTED'],
    ['ECONNREFUSED', 'SEP2_CONNECT'],
    ['ENOTFOUND', 'SEP2_CONNECT'],
    ['ETIMEDOUT', 'SEP2_TIMEOUT'],
  ])('%s -> %s', (code, expected) => {
    expect(handshake(err(code))).toBe(expected)
  })

  it('"Client network socket disconnected before secure TLS connection was established" is the FAQ case', () => {
    expect(handshake(new Error('Client network socket disconnected before secure TLS connection was established'))).toBe('SEP2_TLS_CLIENT_REJECTED')
  })
})

describe('failures after the handshake', () => {
  const request = (e: Error, answeredBefore: boolean): string => classifyRequestError({ error: e, url: 'https://s/x', answeredBefore, timeouts: DEFAULT_TIMEOUTS }).code

  it('a hang-up before the first answer on a connection is the server refusing the certificate (TLS 1.3)', () => {
    expect(request(err('UND_ERR_SOCKET', 'other side closed'), false)).toBe('SEP2_TLS_CLIENT_REJECTED')
  })

  it('a hang-up on a connection that has answered before is a connection problem', () => {
    expect(request(err('UND_ERR_SOCKET', 'other side closed'), true)).toBe('SEP2_CONNECT')
    expect(request(err('ECONNRESET'), true)).toBe('SEP2_CONNECT')
  })

  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'SEP2_TIMEOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'SEP2_TIMEOUT'],
    ['UND_ERR_CONNECT_TIMEOUT', 'SEP2_TIMEOUT'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'SEP2_TLS_CLIENT_REJECTED'],
    ['SOMETHING_ELSE', 'SEP2_CONNECT'],
  ])('%s -> %s', (code, expected) => {
    expect(request(err(code), true)).toBe(expected)
  })
})
