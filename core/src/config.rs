//! Client configuration: where to connect, how long to wait, how often to retry, and the
//! LicenseSpring credentials and signature settings.

use std::time::Duration;

use crate::secret::masked_opt;

/// How transient failures (`NETWORK_ERROR`, `TIMEOUT`, `SERVER_ERROR`, `RATE_LIMITED`) are
/// retried. A definitive answer of the server is never retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = try once). Default 2.
    pub max_retries: u32,
    /// Wait before the first retry; doubles with each retry, with jitter. Default 200 ms.
    pub initial_backoff: Duration,
    /// Upper bound of one wait. A 429 whose `Retry-After` asks for longer is not retried.
    /// Default 5 s.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy that tries once and never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }
}

/// LicenseSpring credentials and response-verification settings.
#[derive(Clone)]
pub struct LicenseSpringConfig {
    /// License API v4 API key (sent in the `Authorization` header).
    pub api_key: Option<String>,
    /// License API v4 shared key (HMAC key for request signing; never sent).
    pub shared_key: Option<String>,
    /// Management API key (`Authorization: Api-Key …`).
    pub management_api_key: Option<String>,
    /// SPKI PEM public key that verifies response signatures.
    pub public_key_pem: Option<String>,
    /// Verify response signatures and freshness (default true). When true, v4 calls need
    /// `public_key_pem`.
    pub verify_signatures: bool,
    /// How far the response `Date` may be from our clock before the answer is rejected as
    /// `SIGNATURE_INVALID` (replay protection). Default 900 s.
    pub max_clock_skew: Duration,
}

impl Default for LicenseSpringConfig {
    fn default() -> Self {
        LicenseSpringConfig {
            api_key: None,
            shared_key: None,
            management_api_key: None,
            public_key_pem: None,
            verify_signatures: true,
            max_clock_skew: Duration::from_secs(900),
        }
    }
}

impl std::fmt::Debug for LicenseSpringConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseSpringConfig")
            .field("api_key", &masked_opt(&self.api_key))
            .field("shared_key", &masked_opt(&self.shared_key))
            .field("management_api_key", &masked_opt(&self.management_api_key))
            .field(
                "public_key_pem",
                &self.public_key_pem.as_ref().map(|_| "<PEM>"),
            )
            .field("verify_signatures", &self.verify_signatures)
            .field("max_clock_skew", &self.max_clock_skew)
            .finish()
    }
}

/// Everything a [`Client`](crate::Client) needs. `Default` leaves `base_url` empty.
#[derive(Clone)]
pub struct ClientConfig {
    /// The server's base URL; paths of every family are appended to it. `https://`, or
    /// `http://` only to a loopback host unless `allow_insecure_http`.
    pub base_url: String,
    /// Allow plain `http://` to non-loopback hosts (never do this in production).
    pub allow_insecure_http: bool,
    /// TCP + TLS connect timeout. Default 10 s.
    pub connect_timeout: Duration,
    /// Total time for one attempt (connect, send, read). Default 30 s.
    pub timeout: Duration,
    /// Retries of transient failures.
    pub retries: RetryPolicy,
    /// Explicit proxy URL for every request; `None` uses `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`
    /// and `NO_PROXY` from the environment.
    pub proxy: Option<String>,
    /// Extra trusted CA certificates (PEM text), added to the platform's roots.
    pub extra_ca_certs_pem: Vec<String>,
    /// User agent; default `licensekit/<version>`.
    pub user_agent: Option<String>,
    /// LicenseSpring credentials and signature settings.
    pub licensespring: LicenseSpringConfig,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: String::new(),
            allow_insecure_http: false,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: RetryPolicy::default(),
            proxy: None,
            extra_ca_certs_pem: Vec::new(),
            user_agent: None,
            licensespring: LicenseSpringConfig::default(),
        }
    }
}

impl ClientConfig {
    /// The default configuration for `base_url`.
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            ..ClientConfig::default()
        }
    }
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            // A proxy URL may carry credentials (`http://user:pass@proxy`).
            .field("proxy", &self.proxy.as_ref().map(|p| redact_userinfo(p)))
            .field("extra_ca_certs_pem", &self.extra_ca_certs_pem.len())
            .field("user_agent", &self.user_agent)
            .field("licensespring", &self.licensespring)
            .finish()
    }
}

/// `http://user:secret@host` → `http://***@host`.
pub(crate) fn redact_userinfo(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &url[..s + 3], &url[at..]),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_masks_every_key_and_proxy_password() {
        let mut c = ClientConfig::new("http://127.0.0.1:1");
        c.licensespring.api_key = Some("test-api-key".into());
        c.licensespring.shared_key = Some("test-shared-key".into());
        c.licensespring.management_api_key = Some("test-management-key".into());
        c.proxy = Some("http://bob:hunter2@proxy:3128".into());
        let s = format!("{c:?}");
        for secret in [
            "test-api-key",
            "test-shared-key",
            "test-management-key",
            "hunter2",
        ] {
            assert!(!s.contains(secret), "{secret} leaked in {s}");
        }
        assert!(s.contains("********-key"));
    }

    #[test]
    fn defaults_match_the_contract() {
        let c = ClientConfig::default();
        assert_eq!(c.connect_timeout, Duration::from_secs(10));
        assert_eq!(c.timeout, Duration::from_secs(30));
        assert_eq!(c.retries.max_retries, 2);
        assert!(c.licensespring.verify_signatures);
        assert_eq!(c.licensespring.max_clock_skew, Duration::from_secs(900));
    }
}
