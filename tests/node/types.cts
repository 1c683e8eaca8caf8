// Type-checked by `tsc --noEmit -p tests/node`: the CommonJS (require) flavour of the types.
import licensekit = require('licensekit')

const client = new licensekit.FaxStoreClient({ baseUrl: 'https://licenses.example.com' })
const pending: Promise<licensekit.Verdict> = client.check({ licenseKey: 'K', productId: 8 })
const outcome: licensekit.Outcome = licensekit.Outcome.KEY_NOT_FOUND
const isError: boolean = new Error() instanceof licensekit.LicenseError
void [pending, outcome, isError]
