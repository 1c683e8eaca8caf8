// The addon works in worker threads (one napi environment each), also after earlier workers
// were terminated, and alongside the main thread.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Worker } from 'node:worker_threads'

import { FaxStoreClient, hardwareId } from 'licensekit'

import { startServer } from './server.mjs'

let server
before(async () => {
  server = await startServer()
})
after(() => server?.stop())

test('checks run in worker threads, one after another and side by side', async () => {
  const runWorker = async () => {
    const worker = new Worker(new URL('./worker-check.cjs', import.meta.url), { workerData: server.url })
    try {
      return await new Promise((resolve, reject) => {
        worker.once('message', resolve)
        worker.once('error', reject)
      })
    } finally {
      await worker.terminate()
    }
  }
  const id = hardwareId({ product: 'TP' })
  for (let i = 0; i < 2; i++) assert.deepEqual(await runWorker(), { code: 'VALID', id })
  const together = await Promise.all([runWorker(), runWorker(), new FaxStoreClient({ baseUrl: server.url }).check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })])
  assert.deepEqual(together.slice(0, 2), [{ code: 'VALID', id }, { code: 'VALID', id }])
  assert.equal(together[2].code, 'VALID')
})
