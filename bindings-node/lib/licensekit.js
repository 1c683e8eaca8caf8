'use strict'
// licensekit's public JS surface: the napi addon (../index.js, generated) plus what only JS can
// express: LicenseError subclasses, promises that reject when a verdict is not granted, and
// argument errors as TypeError.

const native = require('./native.js')
const errors = require('./errors.js')
const { argumentError, describe, fromNative, objectArg } = require('./args.js')

/**
 * Subclasses a native client so that every operation settles its verdict: `check()` resolves
 * with a granted Verdict or rejects with a LicenseError; `checkSync()` returns or throws.
 */
function settling(Native) {
  const className = Native.name
  const Client = {
    [className]: class extends Native {
      constructor(options) {
        const label = `new ${className}()`
        const arg = objectArg(label, 'options', options)
        try {
          super(arg)
        } catch (err) {
          throw fromNative(err, label, arg)
        }
      }
    },
  }[className]
  for (const name of Object.getOwnPropertyNames(Native.prototype)) {
    const nativeMethod = Native.prototype[name]
    if (name === 'constructor' || typeof nativeMethod !== 'function') continue
    const label = `${className}.${name}()`
    const method = name.endsWith('Sync')
      ? {
          [name](request) {
            const arg = objectArg(label, 'request', request)
            let verdict
            try {
              verdict = nativeMethod.call(this, arg)
            } catch (err) {
              throw fromNative(err, label, arg)
            }
            return errors.settle(verdict)
          },
        }[name]
      : {
          async [name](request) {
            const arg = objectArg(label, 'request', request)
            let verdict
            try {
              verdict = await nativeMethod.call(this, arg)
            } catch (err) {
              throw fromNative(err, label, arg)
            }
            return errors.settle(verdict)
          },
        }[name]
    Object.defineProperty(Client.prototype, name, { value: method, writable: true, configurable: true })
  }
  return Client
}

/** A native function of one optional options object, with argument errors as TypeError. */
function withOptions(fn) {
  const label = `${fn.name}()`
  return {
    [fn.name](options) {
      const arg = objectArg(label, 'options', options, { optional: true })
      try {
        return fn(arg)
      } catch (err) {
        throw fromNative(err, label, arg)
      }
    },
  }[fn.name]
}

function matchFingerprints(stored, current) {
  const label = 'matchFingerprints()'
  const a = objectArg(label, 'stored', stored)
  const b = objectArg(label, 'current', current)
  try {
    return native.matchFingerprints(a, b)
  } catch (err) {
    throw fromNative(err, label, a)
  }
}

function outcomeInfo(outcome) {
  if (!Object.values(native.Outcome).includes(outcome)) {
    throw argumentError(`outcomeInfo(): outcome must be an Outcome number, got ${describe(outcome)}`)
  }
  try {
    return native.outcomeInfo(outcome)
  } catch (err) {
    throw fromNative(err, 'outcomeInfo()', undefined)
  }
}

const logLevels = ['error', 'warn', 'info', 'debug', 'trace']

function setLogger(callback, level) {
  if (callback !== null && typeof callback !== 'function') {
    throw argumentError(`setLogger(): callback must be a function or null, got ${describe(callback)}`)
  }
  if (level !== undefined && !logLevels.includes(level)) {
    throw argumentError(`setLogger(): level must be one of ${logLevels.join(', ')}, got ${describe(level)}`)
  }
  native.setLogger(callback, level)
}

// The enums are contracts shared with C and Python: no one may reassign a member.
const { Outcome, Category, Family, Operation, outcomeTable, environment, maskSecret, VERSION } = native
for (const e of [Outcome, Category, Family, Operation]) Object.freeze(e)

const FaxStoreClient = settling(native.FaxStoreClient)
const LicenseSpringClient = settling(native.LicenseSpringClient)
const LicenseSpringManagementClient = settling(native.LicenseSpringManagementClient)
const FrameCadClient = settling(native.FrameCadClient)
const hardwareId = withOptions(native.hardwareId)
const fingerprint = withOptions(native.fingerprint)
const { LicenseError, LicenseRefusedError, LicenseRequestError, LicenseTransportError } = errors
// Set by napi's generated loader; the direct load (native.js) is the native binary too.
const __napiBindingTarget = native.__napiBindingTarget ?? 'native'

// One object literal of plain names: the form Node's CommonJS export detection reads, so
// `import { FaxStoreClient } from 'licensekit'` works from ES modules without a wrapper.
module.exports = {
  FaxStoreClient,
  LicenseSpringClient,
  LicenseSpringManagementClient,
  FrameCadClient,
  LicenseError,
  LicenseRefusedError,
  LicenseRequestError,
  LicenseTransportError,
  Outcome,
  Category,
  Family,
  Operation,
  outcomeTable,
  outcomeInfo,
  hardwareId,
  fingerprint,
  matchFingerprints,
  environment,
  setLogger,
  maskSecret,
  VERSION,
  __napiBindingTarget,
}
