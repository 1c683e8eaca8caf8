// Every operation of every family through the public API, in both forms (Promise and Sync),
// against the real test server: what a granted verdict carries, and how each kind of "no"
// reaches JS.
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { after, before, beforeEach, describe, test } from 'node:test'

import {
  FaxStoreClient,
  FrameCadClient,
  LicenseError,
  LicenseRefusedError,
  LicenseRequestError,
  LicenseSpringClient,
  LicenseSpringManagementClient,
  LicenseTransportError,
  Outcome,
  hardwareId,
  maskSecret,
} from 'licensekit'
import { clientOptions } from './clients.mjs'
import { startServer } from './server.mjs'

let server
let publicKey

before(async () => {
  server = await startServer()
  publicKey = await server.publicKey()
})
after(() => server?.stop())
beforeEach(() => server.reset())

const faxstore = () => new FaxStoreClient(clientOptions(server, publicKey, 'faxstore'))
const licensespring = (extra = {}) =>
  new LicenseSpringClient({ ...clientOptions(server, publicKey, 'licensespring'), ...extra })
const management = () => new LicenseSpringManagementClient(clientOptions(server, publicKey, 'licensespring-management'))
const framecad = () =>
  new FrameCadClient({ ...clientOptions(server, publicKey, 'framecad'), clientKey: '3D9AACA84BEC559A' })

/** Both forms of one operation: the Promise one and the Sync one. */
const forms = [
  ['Promise', (client, method, request) => client[method](request)],
  ['Sync', async (client, method, request) => client[`${method}Sync`](request)],
]

function assertGranted(verdict, outcome, family, operation) {
  assert.equal(verdict.outcome, outcome)
  assert.equal(verdict.code, outcome === Outcome.VALID ? 'VALID' : 'DEACTIVATED')
  assert.equal(verdict.granted, true)
  assert.equal(verdict.category, 'granted')
  assert.equal(verdict.retryable, false)
  assert.equal(verdict.family, family)
  assert.equal(verdict.operation, operation)
  assert.equal(verdict.httpStatus, 200)
  assert.equal(verdict.attempts, 1)
}

for (const [form, call] of forms) {
  describe(`FaxStoreClient (${form} form)`, () => {
    test('check grants an active key for its product', async () => {
      const v = await call(faxstore(), 'check', { licenseKey: 'FS-ACTIVE-0001', productId: 8 })
      assertGranted(v, Outcome.VALID, 'faxstore', 'check')
      assert.equal(v.vendorCode, 'AUTHORISED')
      assert.equal(v.raw.pass, true)
    })

    test('checkMultiple grants a key that holds any of the products, ids as numbers or strings', async () => {
      const v = await call(faxstore(), 'checkMultiple', { licenseKey: 'FS-MAPONLY-0001', productIds: [8, '16'] })
      assertGranted(v, Outcome.VALID, 'faxstore', 'check_multiple')
      assert.equal(v.vendorCode, 'AUTHORISED')
    })

    test('checkV1 grants through the legacy endpoint', async () => {
      const v = await call(faxstore(), 'checkV1', { licenseKey: 'FS-ACTIVE-0001', productId: '8', info: 'node test', log: false })
      assertGranted(v, Outcome.VALID, 'faxstore', 'check_v1')
      assert.equal(v.vendorCode, 'OK')
    })
  })

  describe(`LicenseSpringClient (${form} form)`, () => {
    test('activate takes a seat and reports the license', async () => {
      const v = await call(licensespring(), 'activate', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'node-hwid-1' })
      assertGranted(v, Outcome.VALID, 'licensespring', 'activate')
      assert.equal(v.license.key, 'LS-VALID-0001')
      assert.equal(v.license.id, '1001')
      assert.equal(v.license.licenseType, 'perpetual')
      assert.equal(v.license.seatsUsed, 2)
      assert.equal(v.license.seatsMax, 3)
      assert.ok(v.license.features.includes('pro'))
    })

    test('check grants an activated device', async () => {
      const v = await call(licensespring(), 'check', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' })
      assertGranted(v, Outcome.VALID, 'licensespring', 'check')
      assert.equal(v.license.enabled, true)
      assert.equal(v.license.active, true)
    })

    test('deactivate frees the seat with DEACTIVATED', async () => {
      const v = await call(licensespring(), 'deactivate', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' })
      assertGranted(v, Outcome.DEACTIVATED, 'licensespring', 'deactivate')
      const state = await server.state()
      const license = state.licensespring.licenses.find((l) => l.license_key === 'LS-VALID-0001')
      assert.deepEqual(license.devices, [])
    })

    test('activate without a hardwareId sends this machine\'s hardwareId for the product', async () => {
      await call(licensespring(), 'activate', { product: 'TP', licenseKey: 'LS-VALID-0001' })
      const state = await server.state()
      const license = state.licensespring.licenses.find((l) => l.license_key === 'LS-VALID-0001')
      assert.ok(license.devices.includes(hardwareId({ product: 'TP' })), JSON.stringify(license.devices))
    })
  })

  describe(`LicenseSpringManagementClient (${form} form)`, () => {
    test('check reports an activated device\'s license', async () => {
      const v = await call(management(), 'check', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' })
      assertGranted(v, Outcome.VALID, 'licensespring-management', 'check')
      assert.equal(v.license.key, 'LS-VALID-0001')
    })
  })

  describe(`FrameCadClient (${form} form)`, () => {
    const license = { licenseKey: 'FREE-0000-0000-0002', machineKey: 'NODE-MACHINE-1', productKey: 'PRODUCT-KEY-1' }

    test('activate, validate, check, status and deactivate a license in turn', async () => {
      const client = framecad()
      const activated = await call(client, 'activate', license)
      assertGranted(activated, Outcome.VALID, 'framecad', 'activate')
      assert.equal(activated.vendorCode, '0')
      assert.equal(activated.license.machineKey, 'NODE-MACHINE-1')
      assert.ok(activated.serverTime, 'frameCAD answers carry the server time')
      for (const operation of ['validate', 'check', 'status']) {
        const v = await call(client, operation, { licenseKey: license.licenseKey, machineKey: license.machineKey })
        assertGranted(v, Outcome.VALID, 'framecad', operation)
      }
      const released = await call(client, 'deactivate', license)
      assertGranted(released, Outcome.DEACTIVATED, 'framecad', 'deactivate')
      assert.equal(released.vendorCode, '9')
    })

    test('a request may name its own clientKey', async () => {
      const client = new FrameCadClient(clientOptions(server, publicKey, 'framecad'))
      const v = await call(client, 'validate', { clientKey: '3D9AACA84BEC559A', licenseKey: 'ACTV-0000-0000-0001', machineKey: 'MACHINE-A-0001' })
      assertGranted(v, Outcome.VALID, 'framecad', 'validate')
    })
  })

  describe(`errors (${form} form)`, () => {
    test('a refusal is a LicenseRefusedError carrying outcome, vendor code and verdict', async () => {
      const err = await call(faxstore(), 'check', { licenseKey: 'FS-DISABLED-0001', productId: 8 }).then(
        () => assert.fail('expected a rejection'),
        (e) => e,
      )
      assert.ok(err instanceof LicenseRefusedError)
      assert.ok(err instanceof LicenseError)
      assert.ok(err instanceof Error)
      assert.equal(err.name, 'LicenseRefusedError')
      assert.equal(err.code, 'KEY_DISABLED')
      assert.equal(err.outcome, Outcome.KEY_DISABLED)
      assert.equal(err.vendorCode, 'KEY DISABLED')
      assert.equal(err.retryable, false)
      assert.equal(err.verdict.outcome, Outcome.KEY_DISABLED)
      assert.equal(err.verdict.category, 'refused')
      assert.equal(err.verdict.httpStatus, 200)
      assert.match(err.message, /^KEY_DISABLED: .+ \[KEY DISABLED\] \(faxstore check\)$/)
    })

    test('a server failure is a retryable LicenseRequestError after every retry', async () => {
      await server.fault({ path: '/api/v1/licenses/validate', status: 503, times: 0 })
      const client = new FrameCadClient({
        ...clientOptions(server, publicKey, 'framecad'),
        clientKey: '3D9AACA84BEC559A',
        maxRetries: 2,
        initialBackoffMs: 1,
        maxBackoffMs: 2,
      })
      const err = await call(client, 'validate', { licenseKey: 'ACTV-0000-0000-0001', machineKey: 'MACHINE-A-0001' }).then(
        () => assert.fail('expected a rejection'),
        (e) => e,
      )
      assert.ok(err instanceof LicenseRequestError)
      assert.equal(err.code, 'SERVER_ERROR')
      assert.equal(err.retryable, true)
      assert.equal(err.verdict.attempts, 3)
      assert.equal(err.verdict.httpStatus, 503)
    })

    test('a transient failure followed by success resolves, counting the attempts', async () => {
      await server.fault({ path: '/api/check/8', status: 503, times: 1 })
      const client = new FaxStoreClient({ ...clientOptions(server, publicKey, 'faxstore'), maxRetries: 1, initialBackoffMs: 1 })
      const v = await call(client, 'check', { licenseKey: 'FS-ACTIVE-0001', productId: 8 })
      assert.equal(v.outcome, Outcome.VALID)
      assert.equal(v.attempts, 2)
    })

    test('a dropped connection is a retryable LicenseTransportError without HTTP status', async () => {
      const client = new FaxStoreClient({ baseUrl: server.url, maxRetries: 0 })
      await server.fault({ path: '/api/check/8', drop_connection: true, times: 1 })
      const err = await call(client, 'check', { licenseKey: 'FS-ACTIVE-0001', productId: 8 }).then(
        () => assert.fail('expected a rejection'),
        (e) => e,
      )
      assert.ok(err instanceof LicenseTransportError)
      assert.equal(err.code, 'NETWORK_ERROR')
      assert.equal(err.retryable, true)
      assert.equal(err.verdict.httpStatus, undefined)
      assert.equal(err.vendorCode, undefined)
    })

    test('a bad response signature is a LicenseTransportError (SIGNATURE_INVALID)', async () => {
      await server.fault({ path: '/api/v4/check_license', corrupt_signature: true, times: 1 })
      const err = await call(licensespring(), 'check', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' }).then(
        () => assert.fail('expected a rejection'),
        (e) => e,
      )
      assert.ok(err instanceof LicenseTransportError)
      assert.equal(err.code, 'SIGNATURE_INVALID')
    })

    test('printing a verdict masks the license key and leaves the response body out', async () => {
      const v = await call(licensespring(), 'check', { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' })
      const printed = inspect(v, { depth: null })
      assert.ok(!printed.includes('LS-VALID-0001'), printed)
      assert.ok(printed.includes(maskSecret('LS-VALID-0001')), printed)
      assert.match(printed, /^Verdict \{/)
      assert.equal(v.license.key, 'LS-VALID-0001', 'the data itself keeps the key')
      assert.equal(v.raw.license_key, 'LS-VALID-0001')
    })

    test('printing an error never shows the license key the server echoed', async () => {
      const err = await call(licensespring(), 'check', { product: 'TP', licenseKey: 'LS-EXPIRED-0001', hardwareId: 'demo-hwid-0001' }).then(
        () => assert.fail('expected a rejection'),
        (e) => e,
      )
      assert.equal(err.code, 'KEY_EXPIRED')
      assert.ok(!Object.keys(err).includes('verdict'), 'the verdict is not enumerable')
      assert.ok(!inspect(err).includes('LS-EXPIRED-0001'), inspect(err))
      assert.ok(!inspect(err.verdict, { depth: null }).includes('LS-EXPIRED-0001'))
      assert.ok(!err.message.includes('LS-EXPIRED-0001'))
      assert.ok(!JSON.stringify(err).includes('LS-EXPIRED-0001'))
    })
  })
}

test('clients of one family are independent and reusable across many calls', async () => {
  const client = faxstore()
  const verdicts = await Promise.all(
    Array.from({ length: 20 }, (_, i) => client.check({ licenseKey: 'FS-ACTIVE-0001', productId: i % 2 ? 8 : 16 })),
  )
  assert.equal(verdicts.length, 20)
  assert.ok(verdicts.every((v) => v.outcome === Outcome.VALID))
})
