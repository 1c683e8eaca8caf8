// Bad input from JS (wrong types, undefined, null, huge or NUL-laden strings, impossible
// numbers) throws or rejects with a TypeError naming the call and the field, before any I/O.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import {
  FaxStoreClient,
  FrameCadClient,
  LicenseSpringClient,
  LicenseSpringManagementClient,
  Outcome,
  fingerprint,
  hardwareId,
  matchFingerprints,
  outcomeInfo,
  setLogger,
} from 'licensekit'
import { startServer } from './server.mjs'

let server
before(async () => {
  server = await startServer()
})
after(() => server?.stop())

/** Asserts `error` is our argument TypeError and its message matches `pattern`. */
function assertArgumentError(error, pattern) {
  assert.ok(error instanceof TypeError, `expected a TypeError, got ${error?.stack ?? error}`)
  assert.equal(error.code, 'INVALID_ARGUMENT')
  assert.equal(error.outcome, Outcome.INVALID_ARGUMENT)
  assert.match(error.message, pattern)
}

/** Runs `fn`, which must throw synchronously, and returns the error. */
function thrown(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  assert.fail('expected a throw')
}

/** Awaits `promise`, which must reject, and returns the error. */
async function rejected(promise) {
  assert.ok(promise instanceof Promise, 'a Promise method reports bad input through the Promise')
  return promise.then(
    () => assert.fail('expected a rejection'),
    (error) => error,
  )
}

const huge = 'K'.repeat(10 * 1024 * 1024)

describe('request arguments', () => {
  const client = () => new FaxStoreClient({ baseUrl: server.url, maxRetries: 0 })

  const cases = [
    ['undefined request', undefined, /FaxStoreClient\.check\(\): request must be an object, got undefined/],
    ['null request', null, /request must be an object, got null/],
    ['a string request', 'FS-ACTIVE-0001', /request must be an object, got the string "FS-ACTIVE-0001"/],
    ['an array request', [], /request must be an object, got an array/],
    ['a missing licenseKey', { productId: 8 }, /FaxStoreClient\.check\(\): licenseKey is required/],
    ['a numeric licenseKey', { licenseKey: 1234, productId: 8 }, /licenseKey must be a string, got number 1234/],
    ['an object licenseKey', { licenseKey: {}, productId: 8 }, /licenseKey must be a string, got an object/],
    ['a boolean productId', { licenseKey: 'K', productId: true }, /productId must be a string or a number, got boolean true/],
    ['a fractional productId', { licenseKey: 'K', productId: 8.5 }, /productId must be a string or a non-negative whole number, got 8\.5/],
    ['a negative productId', { licenseKey: 'K', productId: -1 }, /productId must be a string or a non-negative whole number, got -1/],
    ['a NaN productId', { licenseKey: 'K', productId: NaN }, /productId must be a string or a non-negative whole number, got NaN/],
    ['a string log flag', { licenseKey: 'K', productId: 8, log: 'no' }, /log must be a boolean, got the string "no"/],
    ['an empty licenseKey', { licenseKey: '', productId: 8 }, /licenseKey is required/],
    ['a licenseKey over 4096 bytes', { licenseKey: 'K'.repeat(4097), productId: 8 }, /licenseKey is 4097 bytes long; the limit is 4096/],
    ['a 10 MiB licenseKey', { licenseKey: huge, productId: 8 }, /licenseKey is 10485760 bytes long; the limit is 4096/],
    ['a licenseKey with a NUL', { licenseKey: 'FS-ACTIVE\u00000001', productId: 8 }, /licenseKey contains a NUL character/],
    ['an info over 4096 bytes', { licenseKey: 'K', productId: 8, info: 'i'.repeat(5000) }, /info is 5000 bytes long/],
  ]

  for (const [what, request, pattern] of cases) {
    test(`check rejects ${what} with a TypeError`, async () => {
      assertArgumentError(await rejected(client().check(request)), pattern)
    })
    test(`checkSync throws a TypeError for ${what}`, () => {
      assertArgumentError(thrown(() => client().checkSync(request)), pattern.source.startsWith('FaxStoreClient') ? /FaxStoreClient\.checkSync\(\)/ : pattern)
    })
  }

  test('productIds must be an array of strings or numbers, 1 to 256 of them', async () => {
    const c = client()
    assertArgumentError(await rejected(c.checkMultiple({ licenseKey: 'K', productIds: '8' })), /productIds must be an array, got the string "8"/)
    assertArgumentError(await rejected(c.checkMultiple({ licenseKey: 'K', productIds: [8, {}] })), /every entry of productIds must be a string or a number, got an object/)
    assertArgumentError(await rejected(c.checkMultiple({ licenseKey: 'K', productIds: [] })), /productIds has 0 entries; give 1 to 256/)
    assertArgumentError(await rejected(c.checkMultiple({ licenseKey: 'K', productIds: Array(257).fill(8) })), /productIds has 257 entries; give 1 to 256/)
  })

  test('other families name their own fields', async () => {
    const ls = new LicenseSpringClient({ baseUrl: server.url, apiKey: 'a', sharedKey: 's', verifySignatures: false })
    assertArgumentError(await rejected(ls.check({ licenseKey: 'K' })), /LicenseSpringClient\.check\(\): product is required/)
    assertArgumentError(await rejected(ls.activate({ product: 'TP', licenseKey: 'K', licenseId: -3 })), /licenseId must be a non-negative whole number, got -3/)
    assertArgumentError(await rejected(ls.activate({ product: 'TP', licenseKey: 'K', isVm: 'yes' })), /isVm must be a boolean/)
    assertArgumentError(thrown(() => ls.deactivateSync({ product: 'TP', licenseKey: 'K', username: 'u' })), /give licenseKey or username, not both/)
    const m = new LicenseSpringManagementClient({ baseUrl: server.url, apiKey: 'k' })
    assertArgumentError(await rejected(m.check({ product: 7 })), /LicenseSpringManagementClient\.check\(\): product must be a string, got number 7/)
    const f = new FrameCadClient({ baseUrl: server.url })
    assertArgumentError(await rejected(f.validate({ licenseKey: 'K' })), /clientKey is required/)
    assertArgumentError(thrown(() => f.statusSync({ licenseKey: huge, clientKey: 'C' })), /bytes long; the limit is 4096/)
  })
})

describe('client options', () => {
  const cases = [
    ['no options', () => new FaxStoreClient(), /new FaxStoreClient\(\): options must be an object, got undefined/],
    ['a string', () => new FaxStoreClient('http://127.0.0.1:1'), /options must be an object, got the string/],
    ['no baseUrl', () => new FaxStoreClient({}), /baseUrl is required/],
    ['a numeric baseUrl', () => new FaxStoreClient({ baseUrl: 80 }), /baseUrl must be a string, got number 80/],
    ['a non-URL baseUrl', () => new FaxStoreClient({ baseUrl: 'not a url' }), /baseUrl "not a url" is not a URL/],
    ['an ftp baseUrl', () => new FaxStoreClient({ baseUrl: 'ftp://127.0.0.1/' }), /ftp/],
    ['plain http to a remote host', () => new FaxStoreClient({ baseUrl: 'http://licenses.example.com' }), /plain HTTP to a non-loopback host; use https:\/\/ \(or set allowInsecureHttp/],
    ['a negative timeout', () => new FaxStoreClient({ baseUrl: server.url, timeoutMs: -1 }), /timeoutMs must be a non-negative number of milliseconds, got -1/],
    ['a string timeout', () => new FaxStoreClient({ baseUrl: server.url, timeoutMs: '5s' }), /timeoutMs must be a number, got the string "5s"/],
    ['fractional retries', () => new FaxStoreClient({ baseUrl: server.url, maxRetries: 1.5 }), /maxRetries must be a non-negative whole number, got 1\.5/],
    ['a LicenseSpring client without keys', () => new LicenseSpringClient({ baseUrl: server.url }), /apiKey is required/],
    ['a malformed public key', () => new LicenseSpringClient({ baseUrl: server.url, apiKey: 'a', sharedKey: 's', publicKey: 'not a PEM' }), /publicKey is not an SPKI RSA public key PEM/],
    ['a Management client without its key', () => new LicenseSpringManagementClient({ baseUrl: server.url }), /apiKey is required/],
  ]
  for (const [what, make, pattern] of cases) {
    test(`${what} throws a TypeError`, () => {
      assertArgumentError(thrown(make), pattern)
    })
  }
})

describe('module functions', () => {
  test('hardwareId and fingerprint take an optional options object', () => {
    assertArgumentError(thrown(() => hardwareId('TP')), /hardwareId\(\): options must be an object, got the string "TP"/)
    assertArgumentError(thrown(() => hardwareId({ product: 42 })), /hardwareId\(\): product must be a string, got number 42/)
    assertArgumentError(thrown(() => hardwareId({ algorithm: 'md5' })), /unknown fingerprint algorithm "md5"/)
    assertArgumentError(thrown(() => fingerprint(7)), /fingerprint\(\): options must be an object, got number 7/)
  })

  test('matchFingerprints needs two fingerprints', () => {
    const current = fingerprint({ product: 'TP' })
    assertArgumentError(thrown(() => matchFingerprints(undefined, current)), /stored must be an object, got undefined/)
    assertArgumentError(thrown(() => matchFingerprints({ id: 'x' }, current)), /is required/)
    assertArgumentError(thrown(() => matchFingerprints({ ...current, algorithm: 'nope' }, current)), /stored\.algorithm/)
  })

  test('outcomeInfo takes an Outcome number', () => {
    assertArgumentError(thrown(() => outcomeInfo('VALID')), /outcome must be an Outcome number, got the string "VALID"/)
    assertArgumentError(thrown(() => outcomeInfo(99)), /got number 99/)
  })

  test('setLogger takes a function or null and a known level', () => {
    assertArgumentError(thrown(() => setLogger('console')), /callback must be a function or null/)
    assertArgumentError(thrown(() => setLogger(() => {}, 'verbose')), /level must be one of error, warn, info, debug, trace, got the string "verbose"/)
  })
})
