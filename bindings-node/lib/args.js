'use strict'
// Argument checks at the JS boundary: what napi's conversion cannot say clearly. Types and
// value limits are checked by napi and by the core; this module only makes their complaints
// read as TypeErrors that name the call and the field.

const native = require('./native.js')

/** `undefined`, `null`, `number 5`, `string of 5000 characters`, `array`, `object`. */
function describe(value) {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'undefined':
      return 'undefined'
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`
    default:
      return typeof value === 'function' ? 'a function' : `an ${typeof value}`
  }
}

/** A TypeError carrying the INVALID_ARGUMENT outcome, as every argument error does. */
function argumentError(message, cause) {
  const err = new TypeError(message, cause === undefined ? undefined : { cause })
  err.code = 'INVALID_ARGUMENT'
  err.outcome = native.Outcome.INVALID_ARGUMENT
  return err
}

/**
 * The object argument `name` of `call`, with null- and undefined-valued fields dropped (JS code
 * passes either for "not given"; napi takes only an absent field as absent). Throws a
 * TypeError for a non-object.
 */
function objectArg(call, name, value, { optional = false } = {}) {
  if (value == null && optional) return undefined
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argumentError(`${call}: ${name} must be an object, got ${describe(value)}`)
  }
  for (const key in value) {
    if (value[key] == null) {
      const copy = {}
      for (const k in value) if (value[k] != null) copy[k] = value[k]
      return copy
    }
  }
  return value
}

const rustTypes = { String: 'a string', f64: 'a number', bool: 'a boolean', u32: 'a number' }

// napi's conversion messages (napi 3), each turned into "<field> must be <type>".
const napiMessages = [
  [/^Missing field `(\w+)`/, (m) => [m[1], 'is required']],
  [/into rust type `(\w+)` on (\w+)\.(\w+)/, (m) => [m[3], `must be ${rustTypes[m[1]] ?? m[1]}`]],
  [/^Value is none of these types `String`, `f64`,\s+on (\w+)\.(\w+)/, (m) => [m[2], 'must be a string or a number']],
  [/^Failed to get Array length on (\w+)\.(\w+)/, (m) => [m[2], 'must be an array']],
]

/**
 * Turns an error from the native layer into what a JS caller expects: argument problems
 * become TypeError naming `call` and the field; anything else passes through.
 */
function fromNative(err, call, arg) {
  if (!(err instanceof Error) || err.code === 'INVALID_ARGUMENT') return err
  if (err instanceof TypeError) return argumentError(`${call}: ${err.message}`, err)
  if (!argumentStatuses.has(err.code)) return err
  for (const [pattern, explain] of napiMessages) {
    const match = pattern.exec(err.message)
    if (!match) continue
    const [field, problem] = explain(match)
    if (problem !== 'must be an array' && arg !== null && typeof arg === 'object' && Array.isArray(arg[field])) {
      const bad = arg[field].find((x) => typeof x !== 'string' && typeof x !== 'number')
      return argumentError(`${call}: every entry of ${field} ${problem}, got ${describe(bad)}`, err)
    }
    const given = arg !== null && typeof arg === 'object' && field in arg ? `, got ${describe(arg[field])}` : ''
    return argumentError(`${call}: ${field} ${problem}${problem === 'is required' ? '' : given}`, err)
  }
  return argumentError(`${call}: ${jsNames(err.message)}`, err)
}

// The core names fields as Rust does; JS callers know them by their option and request names.
const coreNames = {
  'licensespring.public_key_pem': 'publicKey',
  'licensespring.api_key': 'apiKey',
  'licensespring.shared_key': 'sharedKey',
  'licensespring.management_api_key': 'apiKey',
  extra_ca_certs_pem: 'caCertificates',
  product_id: 'productId',
}

/** `license_key is required` → `licenseKey is required`. */
function jsNames(message) {
  return message.replace(/\b[a-z]+(?:\.[a-z]+)?(?:_[a-z0-9]+)+\b/g, (name) =>
    coreNames[name] ?? name.replace(/^.*\./, '').replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()),
  )
}

// The napi statuses of a failed argument conversion; the core's argument and configuration
// checks arrive as InvalidArg too.
const argumentStatuses = new Set([
  'InvalidArg',
  'ObjectExpected',
  'StringExpected',
  'NameExpected',
  'FunctionExpected',
  'NumberExpected',
  'BooleanExpected',
  'ArrayExpected',
  'BigintExpected',
])

module.exports = { argumentError, describe, fromNative, objectArg }
