// examples/node/check.mjs (the README's Node example, run by `make demo`) works against the
// test server and prints what it promises.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { after, before, test } from 'node:test'

import { hardwareId } from 'licensekit'

import { repoRoot, startServer } from './server.mjs'

let server
before(async () => {
  server = await startServer()
})
after(() => server?.stop())

test('examples/node/check.mjs reports one licensed and one refused key, and the hardware id', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'examples', 'node', 'check.mjs')], {
    env: { ...process.env, LICENSEKIT_URL: server.url },
  })
  assert.deepEqual(stdout.trim().split('\n'), [
    'active key: licensed (VALID; the server said AUTHORISED)',
    'disabled key: refused (KEY_DISABLED; the server said KEY DISABLED)',
    `hardware id for racing-pack: ${hardwareId({ product: 'racing-pack' })}`,
  ])
  assert.ok(!stdout.includes('FS-ACTIVE-0001'), 'no full license key is printed')
})
