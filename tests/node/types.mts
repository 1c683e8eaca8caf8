// Type-checked by `tsc --noEmit -p tests/node` against the committed index.d.ts and the
// package's lib/*.d.ts: how a TypeScript user writes licensekit code. Not run.
import licensekit, {
  Outcome,
  FaxStoreClient,
  LicenseSpringClient,
  LicenseSpringManagementClient,
  FrameCadClient,
  LicenseError,
  LicenseRefusedError,
  LicenseRequestError,
  LicenseTransportError,
  hardwareId,
  fingerprint,
  matchFingerprints,
  environment,
  outcomeInfo,
  outcomeTable,
  setLogger,
  maskSecret,
  VERSION,
  type Verdict,
  type License,
  type Category,
  type LogEvent,
  type FingerprintMatch,
} from 'licensekit'

async function checkEverything(baseUrl: string, publicKey: string): Promise<void> {
  const faxstore = new FaxStoreClient({ baseUrl, timeoutMs: 5_000, maxRetries: 1 })
  const granted: Verdict = await faxstore.check({ licenseKey: 'FS-ACTIVE-0001', productId: 8 })
  const outcome: Outcome = granted.outcome
  const isValid: boolean = outcome === Outcome.VALID
  const category: Category = granted.category
  const license: License | undefined = granted.license
  const features: string[] = license?.features ?? []
  const seats: number | undefined = license?.seatsMax
  const name: keyof typeof Outcome = granted.code
  // @ts-expect-error the raw body is unknown until the caller narrows it
  const pass: boolean = granted.raw.pass
  faxstore.checkMultipleSync({ licenseKey: 'K', productIds: [8, '16'] })
  await faxstore.checkV1({ licenseKey: 'K', productId: '8', info: 'build 42', log: false })

  const ls = new LicenseSpringClient({ baseUrl, apiKey: 'a', sharedKey: 's', publicKey })
  await ls.activate({ product: 'TP', licenseKey: 'K', hardwareId: hardwareId({ product: 'TP' }), isVm: environment().vm })
  ls.checkSync({ product: 'TP', username: 'user@example.com', includeExpiredFeatures: true })
  await ls.deactivate({ product: 'TP', licenseKey: 'K', licenseId: 1001 })

  const mgmt = new LicenseSpringManagementClient({ baseUrl, apiKey: 'm' })
  await mgmt.check({ product: 'TP', licenseKey: 'K' })

  const frame = new FrameCadClient({ baseUrl, clientKey: '3D9AACA84BEC559A' })
  for (const op of [frame.activate, frame.validate, frame.check, frame.status, frame.deactivate]) {
    const v: Promise<Verdict> = op.call(frame, { licenseKey: 'K', productKey: 'P' })
    void v
  }

  try {
    await faxstore.check({ licenseKey: 'K', productId: 8 })
  } catch (err) {
    if (err instanceof LicenseRefusedError) {
      const code: keyof typeof Outcome = err.code
      const vendor: string | undefined = err.vendorCode
      const verdict: Verdict = err.verdict
      void [code, vendor, verdict]
    } else if (err instanceof LicenseRequestError || err instanceof LicenseTransportError) {
      const retry: boolean = err.retryable
      void retry
    } else if (err instanceof LicenseError) {
      const n: Outcome = err.outcome
      void n
    }
  }
  void [isValid, category, features, seats, name, pass]
}

const fp = fingerprint({ product: 'TP', algorithm: 'licensekit-v1' })
const m: FingerprintMatch = matchFingerprints(fp, fingerprint({ product: 'TP' }))
const verdictName: 'SAME' | 'SAME_REINSTALLED' | 'CLONE_SUSPECTED' | 'DIFFERENT' = m.verdict
setLogger((event: LogEvent) => console.log(event.level, event.message), 'debug')
setLogger(null)
const retryable: boolean = outcomeInfo(Outcome.TIMEOUT).retryable
const rows: number = outcomeTable().length
const version: string = VERSION
const masked: string = maskSecret('AAAA-BBBB-CCCC-DDDD')
const sameModule: typeof FaxStoreClient = licensekit.FaxStoreClient

// Mistakes TypeScript must catch:
// @ts-expect-error productId is required
new FaxStoreClient({ baseUrl: 'x' }).check({ licenseKey: 'K' })
// @ts-expect-error a LicenseSpring client needs its keys
new LicenseSpringClient({ baseUrl: 'x' })
// @ts-expect-error algorithms are a closed set
hardwareId({ algorithm: 'md5' })
// @ts-expect-error outcomes are numbers of the enum, not names
const wrong: Outcome = 'VALID'

void [checkEverything, verdictName, retryable, rows, version, masked, sameModule, wrong]
