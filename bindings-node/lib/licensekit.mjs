// ES module entry: the CommonJS entry's exports, as named exports and as the default.
import licensekit from './licensekit.js'

export default licensekit
export const {
  Family,
  Operation,
  environment,
  fingerprint,
  hardwareId,
  matchFingerprints,
  Outcome,
  Category,
  outcomeInfo,
  outcomeTable,
  VERSION,
  setLogger,
  maskSecret,
  LicenseSpringManagementClient,
  LicenseSpringClient,
  FaxStoreClient,
  FrameCadClient,
  LicenseError,
  LicenseRefusedError,
  LicenseRequestError,
  LicenseTransportError,
} = licensekit
