'use strict'
// The errors a license operation rejects with. A verdict that is not granted becomes the
// LicenseError subclass of its outcome's category, so `catch` can tell "the server said no"
// from "the server could not judge" from "we could not ask".

const { inspect } = require('node:util')

const native = require('./native.js')

// What console.log and util.inspect show of a verdict: the license key masked, and the response
// body (which echoes the key on some families) left out. The data itself is unchanged.
const verdictPrototype = {
  [inspect.custom](depth, options, inspectValue) {
    const shown = { ...this }
    if (this.license?.key !== undefined) shown.license = { ...this.license, key: native.maskSecret(this.license.key) }
    if (this.raw !== undefined) shown.raw = '[the response body: read verdict.raw]'
    return `Verdict ${inspectValue(shown, options)}`
  },
}

/** Base class: a license operation whose outcome is not granted. */
class LicenseError extends Error {
  constructor(verdict, options) {
    super(describe(verdict), options)
    this.name = new.target.name
    /** The outcome name (`'KEY_NOT_FOUND'`), Node's convention for `err.code`. */
    this.code = verdict.code
    /** The outcome number (`Outcome.KEY_NOT_FOUND`). */
    this.outcome = verdict.outcome
    /** The vendor's own code (FaxStore status, LicenseSpring code, frameCAD number), if any. */
    this.vendorCode = verdict.vendorCode
    /** Whether asking again later may give another answer. */
    this.retryable = verdict.retryable
    // Not enumerable: Node prints an uncaught error's own enumerable properties, and the
    // verdict holds the license key the server echoed.
    Object.defineProperty(this, 'verdict', { value: verdict, enumerable: false })
  }
}

/** The server judged the request and said no (outcome category `refused`). */
class LicenseRefusedError extends LicenseError {}

/** The server could not judge the request: parameters, credentials, rate limit, its failure. */
class LicenseRequestError extends LicenseError {}

/** We could not ask, or could not trust the answer: network, timeout, TLS, bad signature. */
class LicenseTransportError extends LicenseError {}

const byCategory = {
  refused: LicenseRefusedError,
  request: LicenseRequestError,
  client: LicenseTransportError,
}

function describe(verdict) {
  const detail = verdict.message ?? native.outcomeInfo(verdict.outcome).description
  const vendor = verdict.vendorCode == null ? '' : ` [${verdict.vendorCode}]`
  return `${verdict.code}: ${detail}${vendor} (${verdict.family} ${verdict.operation})`
}

/** Returns the verdict when granted, else throws the LicenseError of its category. */
function settle(verdict) {
  Object.setPrototypeOf(verdict, verdictPrototype)
  if (verdict.granted) return verdict
  const ErrorClass = byCategory[verdict.category] ?? LicenseError
  throw new ErrorClass(verdict)
}

module.exports = {
  LicenseError,
  LicenseRefusedError,
  LicenseRequestError,
  LicenseTransportError,
  settle,
}
