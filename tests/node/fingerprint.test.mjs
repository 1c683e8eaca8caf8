// hardwareId(), fingerprint(), matchFingerprints() and environment() agree with the core (the
// `licensekit hwid` command prints the same IDs) and behave as their docs say.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'

import { environment, fingerprint, hardwareId, matchFingerprints } from 'licensekit'
import { binary } from './server.mjs'

const cli = (...args) => execFileSync(binary('licensekit'), ['hwid', ...args], { encoding: 'utf8' }).trim()

test('hardwareId is the ID the licensekit CLI prints for the same product', () => {
  assert.equal(hardwareId({ product: 'TP' }), cli('--product', 'TP'))
  assert.equal(hardwareId(), cli())
  assert.equal(hardwareId(null), cli(), 'null options are no options, as index.d.ts allows')
  assert.equal(hardwareId({ product: 'TP', algorithm: 'licensespring-compat' }), cli('--product', 'TP', '--algorithm', 'licensespring-compat'))
})

test('hardwareId has the licensekit-v1 shape and is stable across calls', () => {
  const id = hardwareId({ product: 'TP' })
  assert.match(id, /^[0-9A-F]{4}(-[0-9A-F]{4}){15}$/)
  for (let i = 0; i < 1000; i++) assert.equal(hardwareId({ product: 'TP' }), id)
})

test('hardwareId differs per product, so two vendors cannot link one machine', () => {
  assert.notEqual(hardwareId({ product: 'TP' }), hardwareId({ product: 'OTHER' }))
})

test('licensespring-compat is a lowercase SHA-256 hex digest, the same for every product', () => {
  const id = hardwareId({ product: 'TP', algorithm: 'licensespring-compat' })
  assert.match(id, /^[0-9a-f]{64}$/)
  assert.equal(hardwareId({ product: 'OTHER', algorithm: 'licensespring-compat' }), id)
})

test('fingerprint explains the hardwareId with digests, never raw values', () => {
  const fp = fingerprint({ product: 'TP' })
  assert.equal(fp.id, hardwareId({ product: 'TP' }))
  assert.equal(fp.algorithm, 'licensekit-v1')
  assert.ok(fp.components.length > 0)
  for (const c of fp.components) {
    assert.equal(typeof c.name, 'string')
    assert.match(c.digest, c.present ? /^[0-9a-f]{16}$/ : /^([0-9a-f]{16})?$/)
    assert.equal(typeof c.weight, 'number')
    assert.equal(typeof c.inId, 'boolean')
  }
  assert.ok(fp.components.some((c) => c.inId), 'some component feeds the ID')
  const explained = JSON.parse(cli('--product', 'TP', '--explain', '--json'))
  const names = (explained.fingerprint ?? explained).components.map((c) => c.name)
  assert.deepEqual(fp.components.map((c) => c.name), names)
})

test('a stored fingerprint survives JSON and matches the current one as SAME', () => {
  const stored = JSON.parse(JSON.stringify(fingerprint({ product: 'TP' })))
  const m = matchFingerprints(stored, fingerprint({ product: 'TP' }))
  assert.equal(m.verdict, 'SAME')
  assert.equal(m.score, 1)
  assert.deepEqual(m.changed, [])
})

test('a fingerprint whose every digest changed is DIFFERENT', () => {
  const current = fingerprint({ product: 'TP' })
  const other = {
    ...current,
    components: current.components.map((c) => ({ ...c, digest: c.present ? 'ffffffffffffffff' : c.digest })),
  }
  const m = matchFingerprints(other, current)
  assert.notEqual(m.verdict, 'SAME')
  assert.ok(m.score < 1)
  assert.ok(m.changed.length > 0)
})

test('environment reports VM, container and WSL evidence', () => {
  const env = environment()
  for (const flag of ['vm', 'container', 'wsl']) assert.equal(typeof env[flag], 'boolean')
  assert.ok(Array.isArray(env.evidence))
  if (env.vm || env.container || env.wsl) assert.ok(env.evidence.length > 0, 'a verdict comes with its evidence')
  assert.deepEqual(environment(), env, 'computed once, the same every time')
})
