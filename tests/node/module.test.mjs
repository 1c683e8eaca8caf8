// The package loads by name the way users load it: `require('licensekit')` and
// `import … from 'licensekit'`, from a project where it is installed (a node_modules link).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { repoRoot } from './server.mjs'

let project
before(() => {
  project = mkdtempSync(path.join(tmpdir(), 'licensekit-node-'))
  mkdirSync(path.join(project, 'node_modules'))
  symlinkSync(path.join(repoRoot, 'bindings-node'), path.join(project, 'node_modules', 'licensekit'), 'dir')
})
after(() => rmSync(project, { recursive: true, force: true }))

/** Runs `source` with node in the user project; returns its stdout parsed as JSON. */
function runIn(source, type) {
  const args = type === 'module' ? ['--input-type=module', '-e', source] : ['-e', source]
  return JSON.parse(execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8' }))
}

const probe = (lk) => `JSON.stringify({
  keys: Object.keys(${lk}).filter((k) => !k.startsWith('__')).sort(),
  valid: ${lk}.Outcome.VALID,
  client: typeof ${lk}.FaxStoreClient,
  error: typeof ${lk}.LicenseRefusedError,
  id: ${lk}.hardwareId({ product: 'TP' }),
})`

test('require("licensekit") gives the whole API', () => {
  const cjs = runIn(`const lk = require('licensekit'); console.log(${probe('lk')})`)
  assert.equal(cjs.valid, 0)
  assert.equal(cjs.client, 'function')
  assert.equal(cjs.error, 'function')
  assert.match(cjs.id, /^[0-9A-F]{4}(-[0-9A-F]{4}){15}$/)
  for (const name of ['FaxStoreClient', 'LicenseSpringClient', 'LicenseSpringManagementClient', 'FrameCadClient', 'Outcome', 'LicenseError', 'hardwareId', 'fingerprint', 'environment', 'setLogger']) {
    assert.ok(cjs.keys.includes(name), name)
  }
})

test('import gives the same API as named exports and as the default export', () => {
  const cjs = runIn(`const lk = require('licensekit'); console.log(${probe('lk')})`)
  const named = runIn(`import * as lk from 'licensekit'; const { default: _, ...rest } = lk; console.log(${probe('rest')})`, 'module')
  const dflt = runIn(`import lk from 'licensekit'; console.log(${probe('lk')})`, 'module')
  assert.deepEqual(named, cjs)
  assert.deepEqual(dflt, cjs)
})

test('a LicenseError class is the same object through require and import', () => {
  const same = runIn(
    `import { createRequire } from 'node:module'; import { LicenseError, Outcome } from 'licensekit';
     const lk = createRequire(process.cwd() + '/x.js')('licensekit');
     console.log(JSON.stringify(lk.LicenseError === LicenseError && lk.Outcome === Outcome))`,
    'module',
  )
  assert.equal(same, true)
})

test('the package loads the same through napi\'s generated loader (index.js) as directly', () => {
  const direct = runIn(`const lk = require('licensekit'); console.log(${probe('lk')})`)
  const viaLoader = JSON.parse(
    execFileSync(process.execPath, ['-e', `const lk = require('licensekit'); console.log(${probe('lk')})`], {
      cwd: project,
      encoding: 'utf8',
      // The loader's override: it makes native.js hand over to index.js.
      env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: path.join(repoRoot, 'bindings-node', 'licensekit.linux-x64-gnu.node') },
    }),
  )
  assert.deepEqual(viaLoader, direct)
})

test('every export of the addon is part of the package API', () => {
  const { addon, api } = runIn(
    `console.log(JSON.stringify({ addon: Object.keys(require('licensekit/index.js')), api: Object.keys(require('licensekit')) }))`,
  )
  assert.deepEqual(addon.filter((name) => !api.includes(name)), [])
})
