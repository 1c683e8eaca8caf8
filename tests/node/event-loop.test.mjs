// A check waiting on a slow server does not block the event loop: the work runs on libuv's
// thread pool. The Sync form, by contrast, does block it (that is what it is for).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { readFile } from 'node:fs/promises'
import { pbkdf2 } from 'node:crypto'
import { promisify } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'

import { FaxStoreClient, LicenseSpringClient, Outcome } from 'licensekit'
import { clientOptions } from './clients.mjs'
import { startServer } from './server.mjs'

let server
let publicKey
before(async () => {
  server = await startServer()
  publicKey = await server.publicKey()
})
after(() => server?.stop())

/** Counts interval ticks while `work` runs. */
async function ticksDuring(work) {
  let ticks = 0
  const interval = setInterval(() => ticks++, 5)
  try {
    const result = await work()
    return { ticks, result }
  } finally {
    clearInterval(interval)
  }
}

test('a setInterval keeps ticking while check() waits on a delayed server', async () => {
  await server.reset()
  await server.fault({ path: '/api/check/8', delay_ms: 500, times: 1 })
  const client = new FaxStoreClient(clientOptions(server, publicKey, 'faxstore'))
  const { ticks, result } = await ticksDuring(() => client.check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 }))
  assert.equal(result.outcome, Outcome.VALID)
  assert.ok(ticks > 0, `the interval ticked ${ticks} times while the check was pending`)
})

test('several delayed checks in flight at once all leave the event loop free', async () => {
  await server.reset()
  await server.fault({ path: '/api/v4/check_license', delay_ms: 300, times: 3 })
  const client = new LicenseSpringClient(clientOptions(server, publicKey, 'licensespring'))
  const request = { product: 'TP', licenseKey: 'LS-VALID-0001', hardwareId: 'demo-hwid-0001' }
  const { ticks, result } = await ticksDuring(() => Promise.all([1, 2, 3].map(() => client.check(request))))
  assert.deepEqual(
    result.map((v) => v.outcome),
    [Outcome.VALID, Outcome.VALID, Outcome.VALID],
  )
  assert.ok(ticks > 0, `the interval ticked ${ticks} times`)
})

test('checks waiting on a slow server leave libuv\'s thread pool to fs and crypto', async () => {
  await server.reset()
  // More checks in flight than libuv has threads (4): were they on its pool, the file read and
  // the key derivation below (both libuv pool work) would queue behind them.
  await server.fault({ path: '/api/check/8', delay_ms: 500, times: 8 })
  const client = new FaxStoreClient(clientOptions(server, publicKey, 'faxstore'))
  const order = []
  const checks = Array.from({ length: 8 }, () =>
    client.check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 }).then((v) => order.push(`check ${v.code}`)),
  )
  await sleep(50) // every check has started and is waiting on the server
  await Promise.all([readFile(import.meta.filename).then(() => order.push('fs')), promisify(pbkdf2)('secret', 'salt', 1, 32, 'sha256').then(() => order.push('crypto'))])
  await Promise.all(checks)
  assert.deepEqual(order.slice(0, 2).sort(), ['crypto', 'fs'], `fs and crypto finished first: ${order.join(', ')}`)
  assert.deepEqual(order.slice(2), Array(8).fill('check VALID'))
})

test('checkSync blocks the event loop for the duration of the call, as documented', async () => {
  await server.reset()
  await server.fault({ path: '/api/check/8', delay_ms: 300, times: 1 })
  const client = new FaxStoreClient(clientOptions(server, publicKey, 'faxstore'))
  let ticks = 0
  const interval = setInterval(() => ticks++, 5)
  await sleep(1) // let the interval be scheduled
  const before = ticks
  const verdict = client.checkSync({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })
  const during = ticks - before
  clearInterval(interval)
  assert.equal(verdict.outcome, Outcome.VALID)
  assert.equal(during, 0, 'no callback can run while a Sync call holds the JS thread')
})
