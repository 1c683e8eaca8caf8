//! The client: one configured connection pool, every operation of every family, retries of
//! transient failures, and one [`Verdict`] per call.

use std::sync::Arc;
use std::time::Duration;

use crate::transport::RequestBuilder;

use crate::protocol::licensespring::{Credentials, Identity, Verification};
use crate::protocol::{faxstore, framecad, licensespring, management};
use crate::signature::ResponseVerifier;
use crate::transport::{Response, Transport, retry_after};
use crate::{ClientConfig, Error, Family, Operation, RetryPolicy, Verdict};

/// A license client. Cheap to clone (the clones share one connection pool); `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: ClientConfig,
    transport: Transport,
    verifier: Option<ResponseVerifier>,
}

impl Client {
    /// Checks `config` and builds the client. Errors: [`Error::InvalidConfig`] for a bad or
    /// insecure base URL, proxy, CA certificate or public key.
    pub fn new(config: ClientConfig) -> Result<Client, Error> {
        let transport = Transport::new(&config)?;
        let verifier = match &config.licensespring.public_key_pem {
            Some(pem) => Some(ResponseVerifier::from_pem(pem)?),
            None => None,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                transport,
                verifier,
            }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    /// FaxStore `POST /api/check/{product_id}`.
    pub fn faxstore_check(&self, req: &faxstore::CheckRequest) -> Result<Verdict, Error> {
        req.validate()?;
        Ok(self.exchange(
            Family::FaxStore,
            Operation::Check,
            |t| faxstore::check_request(t, req, false),
            |r| faxstore::interpret(Operation::Check, &req.license_key, Some(&req.product_id), r),
        ))
    }

    /// FaxStore `POST /api/check/multiple`: valid when the key holds any of the products.
    pub fn faxstore_check_multiple(
        &self,
        req: &faxstore::CheckMultipleRequest,
    ) -> Result<Verdict, Error> {
        req.validate()?;
        Ok(self.exchange(
            Family::FaxStore,
            Operation::CheckMultiple,
            |t| faxstore::check_multiple_request(t, req),
            |r| faxstore::interpret(Operation::CheckMultiple, &req.license_key, None, r),
        ))
    }

    /// FaxStore legacy `POST /api/checkitem/{product_id}`.
    pub fn faxstore_check_v1(&self, req: &faxstore::CheckRequest) -> Result<Verdict, Error> {
        req.validate()?;
        Ok(self.exchange(
            Family::FaxStore,
            Operation::CheckV1,
            |t| faxstore::check_request(t, req, true),
            |r| {
                faxstore::interpret(
                    Operation::CheckV1,
                    &req.license_key,
                    Some(&req.product_id),
                    r,
                )
            },
        ))
    }

    /// LicenseSpring `POST /api/v4/activate_license`.
    pub fn licensespring_activate(
        &self,
        req: &licensespring::ActivateRequest,
    ) -> Result<Verdict, Error> {
        req.validate()?;
        let (creds, verification) = self.licensespring_setup()?;
        let hardware_id = resolve_hardware_id(&req.hardware_id, &req.product);
        let identity = Identity {
            license_key: req.license_key.as_deref(),
            username: req.username.as_deref(),
            hardware_id: &hardware_id,
        };
        Ok(self.exchange(
            Family::LicenseSpring,
            Operation::Activate,
            |t| licensespring::activate_request(t, creds, req, &hardware_id),
            |r| licensespring::interpret(Operation::Activate, verification, &identity, r),
        ))
    }

    /// LicenseSpring `GET /api/v4/check_license`.
    pub fn licensespring_check(&self, req: &licensespring::CheckRequest) -> Result<Verdict, Error> {
        req.validate()?;
        let (creds, verification) = self.licensespring_setup()?;
        let hardware_id = resolve_hardware_id(&req.hardware_id, &req.product);
        let identity = Identity {
            license_key: req.license_key.as_deref(),
            username: req.username.as_deref(),
            hardware_id: &hardware_id,
        };
        Ok(self.exchange(
            Family::LicenseSpring,
            Operation::Check,
            |t| licensespring::check_request(t, creds, req, &hardware_id),
            |r| licensespring::interpret(Operation::Check, verification, &identity, r),
        ))
    }

    /// LicenseSpring `POST /api/v4/deactivate_license`.
    pub fn licensespring_deactivate(
        &self,
        req: &licensespring::DeactivateRequest,
    ) -> Result<Verdict, Error> {
        req.validate()?;
        let (creds, verification) = self.licensespring_setup()?;
        let hardware_id = resolve_hardware_id(&req.hardware_id, &req.product);
        let identity = Identity {
            license_key: req.license_key.as_deref(),
            username: req.username.as_deref(),
            hardware_id: &hardware_id,
        };
        Ok(self.exchange(
            Family::LicenseSpring,
            Operation::Deactivate,
            |t| licensespring::deactivate_request(t, creds, req, &hardware_id),
            |r| licensespring::interpret(Operation::Deactivate, verification, &identity, r),
        ))
    }

    /// LicenseSpring Management `GET /api/v1/licenses/check_license/`.
    pub fn management_check(&self, req: &management::CheckRequest) -> Result<Verdict, Error> {
        req.validate()?;
        let ls = &self.inner.config.licensespring;
        let key = non_empty(&ls.management_api_key, "management_api_key")?;
        let verifier = self
            .inner
            .verifier
            .as_ref()
            .filter(|_| ls.verify_signatures);
        let hardware_id = resolve_hardware_id(&req.hardware_id, &req.product);
        let identity = Identity {
            license_key: req.license_key.as_deref(),
            username: req.username.as_deref(),
            hardware_id: &hardware_id,
        };
        Ok(self.exchange(
            Family::LicenseSpringManagement,
            Operation::Check,
            |t| management::check_request(t, key, req, &hardware_id),
            |r| management::interpret(verifier, &identity, r),
        ))
    }

    /// frameCAD `POST /api/v1/licenses/activate`.
    pub fn framecad_activate(&self, req: &framecad::Request) -> Result<Verdict, Error> {
        self.framecad(Operation::Activate, req)
    }

    /// frameCAD `POST /api/v1/licenses/validate`.
    pub fn framecad_validate(&self, req: &framecad::Request) -> Result<Verdict, Error> {
        self.framecad(Operation::Validate, req)
    }

    /// frameCAD `GET /api/v1/licenses/check` (changes nothing on the server).
    pub fn framecad_check(&self, req: &framecad::Request) -> Result<Verdict, Error> {
        self.framecad(Operation::Check, req)
    }

    /// frameCAD `GET /api/v1/licenses/status` (records a last-seen time).
    pub fn framecad_status(&self, req: &framecad::Request) -> Result<Verdict, Error> {
        self.framecad(Operation::Status, req)
    }

    /// frameCAD `POST /api/v1/licenses/deactivate` (code 9, or 0, is success).
    pub fn framecad_deactivate(&self, req: &framecad::Request) -> Result<Verdict, Error> {
        self.framecad(Operation::Deactivate, req)
    }

    /// Runs `operation` of `family` by name; the CLI and the bindings' generic entry points.
    /// Errors when the family does not offer the operation.
    pub fn run(&self, family: Family, operation: Operation, args: &Args) -> Result<Verdict, Error> {
        args.run(self, family, operation)
    }

    fn framecad(&self, operation: Operation, req: &framecad::Request) -> Result<Verdict, Error> {
        req.validate()?;
        let product = req.product_key.as_deref().unwrap_or(&req.client_key);
        let machine_key = resolve_hardware_id(&req.machine_key, product);
        Ok(self.exchange(
            Family::FrameCad,
            operation,
            |t| framecad::request(t, operation, req, &machine_key),
            |r| framecad::interpret(operation, &req.license_key, r),
        ))
    }

    fn licensespring_setup(&self) -> Result<(Credentials<'_>, Verification<'_>), Error> {
        let ls = &self.inner.config.licensespring;
        let creds = Credentials {
            api_key: non_empty(&ls.api_key, "api_key")?,
            shared_key: non_empty(&ls.shared_key, "shared_key")?,
        };
        let verifier = if ls.verify_signatures {
            Some(self.inner.verifier.as_ref().ok_or_else(|| {
                Error::InvalidConfig(
                    "licensespring.public_key_pem is required while verify_signatures is on".into(),
                )
            })?)
        } else {
            None
        };
        Ok((
            creds,
            Verification {
                verifier,
                max_clock_skew: ls.max_clock_skew,
            },
        ))
    }

    /// Sends the request `build` makes, retrying while the outcome is retryable, and returns
    /// the verdict `interpret` makes of the last answer.
    fn exchange(
        &self,
        family: Family,
        operation: Operation,
        build: impl Fn(&Transport) -> RequestBuilder,
        interpret: impl Fn(&Response) -> Verdict,
    ) -> Verdict {
        let transport = &self.inner.transport;
        let policy = &self.inner.config.retries;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let (mut verdict, asked_wait) = match transport.execute(build(transport)) {
                Ok(response) => (interpret(&response), retry_after(&response.headers)),
                Err(failure) => {
                    let mut v = Verdict::new(family, operation, failure.outcome);
                    v.message = Some(failure.message);
                    (v, None)
                }
            };
            verdict.attempts = attempt;
            log::debug!(
                "licensekit: {family} {operation} attempt {attempt}: {}",
                verdict.outcome
            );
            if !verdict.outcome.retryable() || attempt > policy.max_retries {
                return verdict;
            }
            let wait = match asked_wait {
                // Retrying sooner than the server asked only earns another refusal.
                Some(asked) if asked > policy.max_backoff => {
                    log::debug!("licensekit: server asks to wait {asked:?}; not retrying");
                    return verdict;
                }
                Some(asked) => asked,
                None => backoff(policy, attempt),
            };
            log::info!(
                "licensekit: {family} {operation}: {} ({}), retrying in {wait:?}",
                verdict.outcome,
                verdict.message.as_deref().unwrap_or("")
            );
            std::thread::sleep(wait);
        }
    }
}

fn non_empty<'a>(value: &'a Option<String>, name: &str) -> Result<&'a str, Error> {
    value
        .as_deref()
        .filter(|k| !k.is_empty())
        .ok_or_else(|| Error::InvalidConfig(format!("licensespring.{name} is not set")))
}

/// Exponential backoff with "equal jitter": half the doubled delay plus a random half, capped.
pub(crate) fn backoff(policy: &RetryPolicy, retry: u32) -> Duration {
    let doubled = policy
        .initial_backoff
        .saturating_mul(1u32 << retry.saturating_sub(1).min(20));
    let capped = doubled.min(policy.max_backoff);
    let half = capped / 2;
    half + half.mul_f64(jitter())
}

/// A number in [0, 1) that differs between calls and processes; not cryptographic.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed));
    (n >> 11) as f64 / (1u64 << 53) as f64
}

/// The caller's device id, or this machine's fingerprint for `product`.
fn resolve_hardware_id(given: &Option<String>, product: &str) -> String {
    match given {
        Some(id) => id.clone(),
        None => crate::fingerprint::hardware_id(product),
    }
}

/// Arguments of [`Client::run`]: the union of every family's fields, by their wire names.
#[derive(Clone, Default)]
pub struct Args {
    /// FaxStore, LicenseSpring, frameCAD license key.
    pub license_key: Option<String>,
    /// FaxStore product id, or LicenseSpring product short code.
    pub product: Option<String>,
    /// FaxStore `check_multiple` product ids.
    pub product_ids: Vec<String>,
    /// LicenseSpring user.
    pub username: Option<String>,
    /// LicenseSpring password (activate).
    pub password: Option<String>,
    /// LicenseSpring device id.
    pub hardware_id: Option<String>,
    /// LicenseSpring license id.
    pub license_id: Option<u64>,
    /// LicenseSpring application version.
    pub app_ver: Option<String>,
    /// LicenseSpring: activating on a virtual machine.
    pub is_vm: Option<bool>,
    /// frameCAD client key.
    pub client_key: Option<String>,
    /// frameCAD machine key.
    pub machine_key: Option<String>,
    /// frameCAD product key.
    pub product_key: Option<String>,
    /// FaxStore `info`.
    pub info: Option<String>,
}

impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::secret::masked_opt;
        f.debug_struct("Args")
            .field("license_key", &masked_opt(&self.license_key))
            .field("product", &self.product)
            .field("product_ids", &self.product_ids)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("hardware_id", &self.hardware_id)
            .field("license_id", &self.license_id)
            .field("app_ver", &self.app_ver)
            .field("is_vm", &self.is_vm)
            .field("client_key", &masked_opt(&self.client_key))
            .field("machine_key", &self.machine_key)
            .field("product_key", &self.product_key)
            .field("info", &self.info)
            .finish()
    }
}

impl Args {
    fn run(&self, client: &Client, family: Family, operation: Operation) -> Result<Verdict, Error> {
        use Family as F;
        use Operation as O;
        let need = |v: &Option<String>, name: &str| {
            v.clone()
                .ok_or_else(|| Error::InvalidArgument(format!("{name} is required")))
        };
        match (family, operation) {
            (F::FaxStore, O::Check | O::CheckV1) => {
                let req = faxstore::CheckRequest {
                    license_key: need(&self.license_key, "license_key")?,
                    product_id: need(&self.product, "product")?,
                    info: self.info.clone(),
                    log: None,
                };
                if operation == O::Check {
                    client.faxstore_check(&req)
                } else {
                    client.faxstore_check_v1(&req)
                }
            }
            (F::FaxStore, O::CheckMultiple) => {
                client.faxstore_check_multiple(&faxstore::CheckMultipleRequest {
                    license_key: need(&self.license_key, "license_key")?,
                    product_ids: self.product_ids.clone(),
                    info: self.info.clone(),
                    log: None,
                })
            }
            (F::LicenseSpring, O::Activate) => {
                client.licensespring_activate(&licensespring::ActivateRequest {
                    product: need(&self.product, "product")?,
                    license_key: self.license_key.clone(),
                    username: self.username.clone(),
                    password: self.password.clone(),
                    hardware_id: self.hardware_id.clone(),
                    license_id: self.license_id,
                    app_ver: self.app_ver.clone(),
                    is_vm: self.is_vm,
                    ..Default::default()
                })
            }
            (F::LicenseSpring, O::Check) => {
                client.licensespring_check(&licensespring::CheckRequest {
                    product: need(&self.product, "product")?,
                    license_key: self.license_key.clone(),
                    username: self.username.clone(),
                    hardware_id: self.hardware_id.clone(),
                    license_id: self.license_id,
                    app_ver: self.app_ver.clone(),
                    include_expired_features: None,
                })
            }
            (F::LicenseSpring, O::Deactivate) => {
                client.licensespring_deactivate(&licensespring::DeactivateRequest {
                    product: need(&self.product, "product")?,
                    license_key: self.license_key.clone(),
                    username: self.username.clone(),
                    hardware_id: self.hardware_id.clone(),
                    license_id: self.license_id,
                })
            }
            (F::LicenseSpringManagement, O::Check) => {
                client.management_check(&management::CheckRequest {
                    product: need(&self.product, "product")?,
                    license_key: self.license_key.clone(),
                    username: self.username.clone(),
                    hardware_id: self.hardware_id.clone(),
                })
            }
            (F::FrameCad, O::Activate | O::Validate | O::Check | O::Status | O::Deactivate) => {
                client.framecad(
                    operation,
                    &framecad::Request {
                        client_key: need(&self.client_key, "client_key")?,
                        license_key: need(&self.license_key, "license_key")?,
                        machine_key: self.machine_key.clone(),
                        product_key: self.product_key.clone(),
                    },
                )
            }
            _ => Err(Error::InvalidArgument(format!(
                "{family} has no operation {operation}; it offers {}",
                family
                    .operations()
                    .iter()
                    .map(|o| o.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Outcome;

    #[test]
    fn a_client_is_send_sync_and_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Client>();
    }

    #[test]
    fn backoff_doubles_stays_within_jitter_bounds_and_is_capped() {
        let p = RetryPolicy {
            max_retries: 10,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(1),
        };
        for (retry, full) in [(1, 200), (2, 400), (3, 800), (4, 1000), (30, 1000)] {
            let d = backoff(&p, retry);
            let full = Duration::from_millis(full);
            assert!(d >= full / 2 && d <= full, "retry {retry}: {d:?}");
        }
    }

    #[test]
    fn missing_credentials_are_config_errors_before_any_io() {
        // Port 9 on loopback: nothing is sent because the configuration check fails first.
        let client = Client::new(ClientConfig::new("http://127.0.0.1:9")).unwrap();
        let err = client
            .licensespring_check(&licensespring::CheckRequest {
                product: "TP".into(),
                license_key: Some("k".into()),
                hardware_id: Some("hw".into()),
                ..Default::default()
            })
            .unwrap_err();
        assert!(err.to_string().contains("api_key"), "{err}");
        let err = client
            .management_check(&management::CheckRequest {
                product: "TP".into(),
                ..Default::default()
            })
            .unwrap_err();
        assert!(err.to_string().contains("management_api_key"), "{err}");
    }

    #[test]
    fn run_refuses_an_operation_the_family_lacks() {
        let client = Client::new(ClientConfig::new("http://127.0.0.1:9")).unwrap();
        let err = client
            .run(Family::FaxStore, Operation::Activate, &Args::default())
            .unwrap_err();
        assert_eq!(err.outcome(), Outcome::INVALID_ARGUMENT);
        assert!(err.to_string().contains("check_multiple"), "{err}");
    }
}
