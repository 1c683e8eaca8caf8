// Log events of the core reach a JS callback (setLogger), asynchronously and without keys.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'

import { FaxStoreClient, LicenseSpringClient, setLogger } from 'licensekit'
import { clientOptions } from './clients.mjs'
import { startServer } from './server.mjs'

let server
let publicKey
before(async () => {
  server = await startServer()
  publicKey = await server.publicKey()
})
after(() => server?.stop())
afterEach(() => setLogger(null))

/** Collects events until `done(events)` holds; resolves with them. */
function collect(level, done) {
  const events = []
  return {
    events,
    finished: new Promise((resolve) => {
      setLogger((event) => {
        events.push(event)
        if (done(events)) resolve(events)
      }, level)
    }),
  }
}

test('a retry is logged at info level with the outcome, on the JS thread', async () => {
  await server.reset()
  await server.fault({ path: '/api/check/8', status: 503, times: 1 })
  const { finished } = collect('info', (events) => events.some((e) => /retrying/.test(e.message)))
  const client = new FaxStoreClient({ ...clientOptions(server, publicKey, 'faxstore'), maxRetries: 1, initialBackoffMs: 1 })
  await client.check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })
  const events = await finished
  const retry = events.find((e) => /retrying/.test(e.message))
  assert.equal(retry.level, 'info')
  assert.match(retry.target, /^licensekit/)
  assert.match(retry.message, /faxstore check: SERVER_ERROR/)
  assert.ok(!events.some((e) => e.level === 'debug'), 'nothing below the chosen level')
})

test('debug events name every attempt and never carry a key, even at trace level', async () => {
  await server.reset()
  const keys = ['LS-VALID-0001', 'test-api-key', 'test-shared-key']
  const { finished, events } = collect('trace', (events) => events.some((e) => /attempt 1/.test(e.message)))
  const client = new LicenseSpringClient(clientOptions(server, publicKey, 'licensespring'))
  await client.check({ product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' })
  await finished
  assert.ok(events.some((e) => e.level === 'debug' && /licensespring check attempt 1: VALID/.test(e.message)))
  for (const e of events) {
    assert.match(e.target, /^licensekit/, 'only licensekit records are forwarded')
    for (const key of keys) assert.ok(!e.message.includes(key), `${key} leaked: ${e.message}`)
  }
})

test('setLogger(null) stops the events', async () => {
  await server.reset()
  const events = []
  setLogger((e) => events.push(e), 'debug')
  setLogger(null)
  const client = new FaxStoreClient(clientOptions(server, publicKey, 'faxstore'))
  await client.check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })
  await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(events, [])
})
