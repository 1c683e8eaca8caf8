// Worker body for worker.test.mjs: one check and one hardwareId() inside a worker thread.
const { parentPort, workerData } = require('node:worker_threads')
const { FaxStoreClient, hardwareId } = require('licensekit')

new FaxStoreClient({ baseUrl: workerData })
  .check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })
  .then((v) => parentPort.postMessage({ code: v.code, id: hardwareId({ product: 'TP' }) }))
