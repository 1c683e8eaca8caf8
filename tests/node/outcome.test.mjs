// The Outcome enum and outcomeTable() are exactly the core's table, as `licensekit outcomes
// --json` prints it: same names, numbers, categories, retryability and descriptions.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { test } from 'node:test'

import { Outcome, outcomeInfo, outcomeTable } from 'licensekit'
import { binary } from './server.mjs'

const cliTable = JSON.parse(execFileSync(binary('licensekit'), ['outcomes', '--json'], { encoding: 'utf8' }))

test('the Outcome enum has exactly the names and numbers of `licensekit outcomes --json`', () => {
  assert.deepEqual(
    Object.entries(Outcome),
    cliTable.map((row) => [row.name, row.number]),
  )
})

test('outcomeTable() is the CLI table row for row', () => {
  assert.deepEqual(outcomeTable(), cliTable)
})

test('outcomeInfo() returns the row of one outcome', () => {
  for (const row of cliTable) assert.deepEqual(outcomeInfo(Outcome[row.name]), row)
  assert.equal(outcomeInfo(Outcome.TIMEOUT).retryable, true)
  assert.equal(outcomeInfo(Outcome.KEY_NOT_FOUND).category, 'refused')
})

test('the Outcome enum cannot be changed at run time', () => {
  assert.ok(Object.isFrozen(Outcome) || !Object.getOwnPropertyDescriptor(Outcome, 'VALID').writable)
})
