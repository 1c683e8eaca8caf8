// Checks two FaxStore license keys and prints this machine's hardware ID: what `make demo`
// runs against the test server (LICENSEKIT_URL). Exits non-zero if it could not ask.
import { FaxStoreClient, LicenseRefusedError, hardwareId } from 'licensekit'

const client = new FaxStoreClient({ baseUrl: process.env.LICENSEKIT_URL ?? 'https://licenses.example.com' })
for (const [which, licenseKey] of [['active key', 'FS-ACTIVE-0001'], ['disabled key', 'FS-DISABLED-0001']]) {
  try {
    const verdict = await client.check({ licenseKey, productId: 8 })
    console.log(`${which}: licensed (${verdict.code}; the server said ${verdict.vendorCode})`)
  } catch (err) {
    if (!(err instanceof LicenseRefusedError)) throw err // could not ask: network, TLS, …
    console.log(`${which}: refused (${err.code}; the server said ${err.vendorCode})`)
  }
}
console.log(`hardware id for racing-pack: ${hardwareId({ product: 'racing-pack' })}`)
