import { describe, expect, it } from 'vitest'
import { stepError } from '../client/step-errors'
import { classifyHandshakeError, classifyRequestError } from './classify-error'
import { Sep2TlsConfigError } from './errors'
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

describe('what an installer reads (issue 17 item 6: error panels in the right order, no raw socket text)', () => {
  const connectFailure = (code: string) => classifyHandshakeError({ error: err(code, `connect ${code} 127.0.0.1:4321`), url: 'https://127.0.0.1:4321', presented: undefined, expectedAnchors: [], connectMs: 1000 })

  it.each([
    ['ECONNREFUSED', /nothing accepts connections at that address and port/],
    ['ENOTFOUND', /server name is not known/],
    ['EHOSTUNREACH', /no route to the server/],
  ])('%s is said in words, without the socket text', (code, words) => {
    const e = connectFailure(code)
    expect(e.message).toMatch(words)
    expect(e.message).not.toContain(code)
    expect(e.message).not.toContain('127.0.0.1:4321 127.0.0.1')
  })

  it.each([
    ['a refused connection', connectFailure('ECONNREFUSED')],
    ['an unusable client key', new Sep2TlsConfigError({ url: 'https://s', detail: 'bad decrypt' })],
  ])('%s: "What it means" explains, "What to do" says what to do', (_name, e) => {
    const panel = stepError({ code: e.code, message: e.message, hint: e.hint ?? '' })
    expect(panel.whatToDo).toMatch(/^(Check|Load)\b/)
    expect(panel.meaning).not.toMatch(/\. (Check|Load)\b/)
  })
})
