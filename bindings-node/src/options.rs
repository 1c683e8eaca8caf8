//! Client options: the transport settings every client takes, plus each family's credentials.
//! Plain objects in JS (`new LicenseSpringClient({ baseUrl, apiKey, … })`).

use std::time::Duration;

use licensekit_core::{ClientConfig, RetryPolicy};
use napi::Status;
use napi_derive::napi;

/// A TypeError-bound error naming the offending option.
pub fn invalid(message: impl Into<String>) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message.into())
}

/// A non-negative, finite number of milliseconds, or the default when absent.
fn millis(name: &str, value: Option<f64>, default: Duration) -> napi::Result<Duration> {
    match value {
        None => Ok(default),
        Some(ms) if ms.is_finite() && ms >= 0.0 => Ok(Duration::from_secs_f64(ms / 1000.0)),
        Some(ms) => Err(invalid(format!(
            "{name} must be a non-negative number of milliseconds, got {ms}"
        ))),
    }
}

/// A non-negative whole number that fits in `u32`.
pub fn count(name: &str, value: f64) -> napi::Result<u32> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX) {
        Ok(value as u32)
    } else {
        Err(invalid(format!(
            "{name} must be a non-negative whole number, got {value}"
        )))
    }
}

/// The transport half of every family's options, generated into each options object so that
/// JS passes one flat object.
macro_rules! client_options {
    // Field types as plain tokens, not `$ty:ty`: napi-derive recognises `Option<…>` (an optional
    // JS property) only in an unwrapped type path.
    ($(#[$doc:meta])* $name:ident {
        $($(#[$field_doc:meta])* $field:ident : $ty:ident $(<$inner:ident>)?,)*
    }) => {
        $(#[$doc])*
        #[napi(object)]
        pub struct $name {
            /// The server's base URL; every path of the family is appended to it. `https://`,
            /// or `http://` to a loopback host only, unless `allowInsecureHttp`.
            pub base_url: String,
            /// Allow plain `http://` to a non-loopback host (never in production). Default false.
            pub allow_insecure_http: Option<bool>,
            /// TCP + TLS connect timeout in milliseconds. Default 10000.
            pub connect_timeout_ms: Option<f64>,
            /// Time for one attempt (connect, send, read) in milliseconds. Default 30000.
            pub timeout_ms: Option<f64>,
            /// Retries of transient failures (network, timeout, 5xx, 429) after the first
            /// attempt. Default 2; 0 tries once.
            pub max_retries: Option<f64>,
            /// Wait before the first retry in milliseconds; doubles per retry, with jitter.
            /// Default 200.
            pub initial_backoff_ms: Option<f64>,
            /// Longest wait between retries in milliseconds. Default 5000.
            pub max_backoff_ms: Option<f64>,
            /// Proxy URL for every request. Default: `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.
            pub proxy: Option<String>,
            /// Extra trusted CA certificates, PEM text, added to the built-in roots.
            pub ca_certificates: Option<Vec<String>>,
            /// User agent. Default `licensekit/<version>`.
            pub user_agent: Option<String>,
            $($(#[$field_doc])* pub $field: $ty $(<$inner>)?,)*
        }

        // Only the URL: every other field may hold a credential.
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("base_url", &self.base_url)
                    .finish_non_exhaustive()
            }
        }

        impl $name {
            /// The core configuration for the transport settings; credentials are the caller's.
            fn transport(&self) -> napi::Result<ClientConfig> {
                let defaults = ClientConfig::default();
                let retry_defaults = RetryPolicy::default();
                Ok(ClientConfig {
                    base_url: self.base_url.clone(),
                    allow_insecure_http: self.allow_insecure_http.unwrap_or(false),
                    connect_timeout: millis("connectTimeoutMs", self.connect_timeout_ms, defaults.connect_timeout)?,
                    timeout: millis("timeoutMs", self.timeout_ms, defaults.timeout)?,
                    retries: RetryPolicy {
                        max_retries: match self.max_retries {
                            Some(n) => count("maxRetries", n)?,
                            None => retry_defaults.max_retries,
                        },
                        initial_backoff: millis("initialBackoffMs", self.initial_backoff_ms, retry_defaults.initial_backoff)?,
                        max_backoff: millis("maxBackoffMs", self.max_backoff_ms, retry_defaults.max_backoff)?,
                    },
                    proxy: self.proxy.clone(),
                    extra_ca_certs_pem: self.ca_certificates.clone().unwrap_or_default(),
                    user_agent: self.user_agent.clone(),
                    licensespring: Default::default(),
                })
            }
        }
    };
}

client_options! {
    /// Options of a `FaxStoreClient`: the transport settings only (FaxStore authenticates by
    /// license key).
    FaxStoreOptions {}
}

client_options! {
    /// Options of a `LicenseSpringClient` (License API v4).
    LicenseSpringOptions {
        /// The License API key (sent with every request).
        api_key: String,
        /// The shared key that signs requests (HMAC; never sent).
        shared_key: String,
        /// The SPKI PEM public key that verifies response signatures; required while
        /// `verifySignatures` is on.
        public_key: Option<String>,
        /// Verify response signatures and freshness. Default true.
        verify_signatures: Option<bool>,
        /// How far the response `Date` may be from this machine's clock, in seconds, before the
        /// answer is rejected as `SIGNATURE_INVALID`. Default 900.
        max_clock_skew_secs: Option<f64>,
    }
}

client_options! {
    /// Options of a `LicenseSpringManagementClient` (Management API).
    LicenseSpringManagementOptions {
        /// The Management API key (`Authorization: Api-Key …`).
        api_key: String,
    }
}

client_options! {
    /// Options of a `FrameCadClient`.
    FrameCadOptions {
        /// This application's client key (16 upper-case hex characters); used by every request
        /// that does not name its own.
        client_key: Option<String>,
    }
}

impl FaxStoreOptions {
    /// The core configuration.
    pub fn config(&self) -> napi::Result<ClientConfig> {
        self.transport()
    }
}

impl LicenseSpringOptions {
    /// The core configuration.
    pub fn config(&self) -> napi::Result<ClientConfig> {
        let mut config = self.transport()?;
        let ls = &mut config.licensespring;
        ls.api_key = Some(self.api_key.clone());
        ls.shared_key = Some(self.shared_key.clone());
        ls.public_key_pem = self.public_key.clone();
        if let Some(verify) = self.verify_signatures {
            ls.verify_signatures = verify;
        }
        if let Some(secs) = self.max_clock_skew_secs {
            ls.max_clock_skew = Duration::from_secs(u64::from(count("maxClockSkewSecs", secs)?));
        }
        Ok(config)
    }
}

impl LicenseSpringManagementOptions {
    /// The core configuration.
    pub fn config(&self) -> napi::Result<ClientConfig> {
        let mut config = self.transport()?;
        config.licensespring.management_api_key = Some(self.api_key.clone());
        Ok(config)
    }
}

impl FrameCadOptions {
    /// The core configuration.
    pub fn config(&self) -> napi::Result<ClientConfig> {
        self.transport()
    }
}
