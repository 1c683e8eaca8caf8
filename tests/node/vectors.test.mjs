// Every shared test vector (tests/vectors/vectors.json) through the Node API, against the real
// test server: the same scenarios the Rust, C and Python suites run.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import { LicenseError, LicenseRefusedError, LicenseRequestError, LicenseTransportError, Outcome } from 'licensekit'

import { makeClient, run, vectors } from './clients.mjs'
import { startServer } from './server.mjs'

const errorClassOf = {
  refused: LicenseRefusedError,
  request: LicenseRequestError,
  client: LicenseTransportError,
}

let server
let publicKey

before(async () => {
  server = await startServer()
  publicKey = await server.publicKey()
})

after(() => server?.stop())

/** What the API reported, as the vectors compare it, after checking the report's shape. */
function observed({ verdict, error }) {
  if (verdict) {
    assert.equal(verdict.granted, true, 'a resolved verdict is granted')
    return verdict
  }
  if (error instanceof TypeError) {
    assert.equal(error.code, 'INVALID_ARGUMENT')
    assert.equal(error.outcome, Outcome.INVALID_ARGUMENT)
    return { code: 'INVALID_ARGUMENT', outcome: Outcome.INVALID_ARGUMENT }
  }
  assert.ok(error instanceof LicenseError, `expected a LicenseError, got ${error?.stack ?? error}`)
  const v = error.verdict
  assert.ok(error instanceof errorClassOf[v.category], `${error.name} for category ${v.category}`)
  assert.equal(error.code, v.code)
  assert.equal(error.outcome, v.outcome)
  assert.equal(error.vendorCode, v.vendorCode)
  assert.equal(v.granted, false)
  return v
}

describe('shared vectors', () => {
  for (const vector of vectors.vectors) {
    test(vector.name, async () => {
      await server.reset()
      for (const step of vector.before ?? []) {
        const result = await run(makeClient(server, publicKey, step.family), step)
        assert.ok(result.verdict, `before-step ${step.operation} failed: ${result.error}`)
      }
      if (vector.fault) await server.fault(vector.fault)
      if (vector.clock_offset_secs !== undefined) await server.clock(vector.clock_offset_secs)

      const client = makeClient(server, publicKey, vector.family, vector.config)
      const got = observed(await run(client, vector))

      const { expect } = vector
      assert.equal(got.code, expect.outcome)
      assert.equal(got.outcome, Outcome[expect.outcome])
      if ('vendor_code' in expect) assert.equal(got.vendorCode ?? null, expect.vendor_code, 'vendorCode')
      if ('http_status' in expect) assert.equal(got.httpStatus ?? null, expect.http_status, 'httpStatus')
      if (got.family !== undefined) {
        assert.equal(got.family, vector.family)
        assert.equal(got.operation, vector.operation)
      }
    })
  }

  test('every outcome a family can produce has a vector', () => {
    for (const [family, outcomes] of Object.entries(vectors.coverage)) {
      const covered = new Set(vectors.vectors.filter((v) => v.family === family).map((v) => v.expect.outcome))
      assert.deepEqual([...covered].sort(), [...outcomes].sort(), family)
    }
  })
})
