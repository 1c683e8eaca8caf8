// Builds licensekit clients for a test server the way the shared vectors describe (defaults,
// credentials, overrides) and runs one vector step through the public JS API.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import * as licensekit from 'licensekit'

import { repoRoot } from './server.mjs'

/** The shared vectors file (tests/vectors/vectors.json). */
export const vectors = JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'vectors', 'vectors.json'), 'utf8'))

/** Client options for `family` against `server`, from the vectors' defaults and credentials plus `overrides`. */
export function clientOptions(server, publicKey, family, overrides = {}) {
  const o = { ...vectors.defaults, ...overrides }
  const creds = { ...vectors.credentials, ...pick(overrides, ['api_key', 'shared_key', 'management_api_key']) }
  const base = {
    baseUrl: overrides.https ? server.url.replace('http://', 'https://') : server.url,
    timeoutMs: o.timeout_ms,
    connectTimeoutMs: o.connect_timeout_ms,
    maxRetries: o.max_retries,
  }
  switch (family) {
    case 'faxstore':
    case 'framecad':
      return base
    case 'licensespring':
      return {
        ...base,
        apiKey: creds.api_key,
        sharedKey: creds.shared_key,
        publicKey,
        verifySignatures: o.verify_signatures,
        maxClockSkewSecs: o.max_clock_skew_secs,
      }
    case 'licensespring-management':
      return { ...base, apiKey: creds.management_api_key }
    default:
      throw new Error(`unknown family ${family}`)
  }
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((k) => k in object).map((k) => [k, object[k]]))
}

const classes = {
  faxstore: licensekit.FaxStoreClient,
  licensespring: licensekit.LicenseSpringClient,
  'licensespring-management': licensekit.LicenseSpringManagementClient,
  framecad: licensekit.FrameCadClient,
}

/** A client of `family`. */
export function makeClient(server, publicKey, family, overrides = {}) {
  return new classes[family](clientOptions(server, publicKey, family, overrides))
}

/** The JS method name of a vector operation (`check_multiple` → `checkMultiple`). */
export function methodName(operation) {
  return operation.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

/** The JS request of a vector's `args` for `family` (wire names → camelCase fields). */
export function request(family, args) {
  const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
  switch (family) {
    case 'faxstore':
      return defined({
        licenseKey: args.license_key,
        productId: args.product,
        productIds: args.product_ids,
        info: args.info,
      })
    case 'licensespring':
      return defined({
        product: args.product,
        licenseKey: args.license_key,
        username: args.username,
        password: args.password,
        hardwareId: args.hardware_id,
        licenseId: args.license_id,
        appVer: args.app_ver,
        isVm: args.is_vm,
      })
    case 'licensespring-management':
      return defined({
        product: args.product,
        licenseKey: args.license_key,
        username: args.username,
        hardwareId: args.hardware_id,
      })
    case 'framecad':
      return defined({
        clientKey: args.client_key,
        licenseKey: args.license_key,
        machineKey: args.machine_key,
        productKey: args.product_key,
      })
    default:
      throw new Error(`unknown family ${family}`)
  }
}

/**
 * Runs one step (`{family, operation, args}`) and returns what it came to, whichever way the
 * API reported it: `{ verdict }` when granted, `{ error }` otherwise.
 */
export async function run(client, step) {
  try {
    return { verdict: await client[methodName(step.operation)](request(step.family, step.args)) }
  } catch (error) {
    return { error }
  }
}
