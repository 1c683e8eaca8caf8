//! HTTP: one synchronous connection pool per [`Client`](crate::Client) (ureq, I/O on the
//! calling thread), URL policy (HTTPS except to loopback), bounded body reads, transport errors
//! as outcomes, and a fresh pool in a forked child.

use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use ureq::Agent;
use ureq::http::{HeaderMap, Request as HttpRequest};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use url::Url;

use crate::cork::Cork;
use crate::proxy::select_proxy;
use crate::resolver::CachingResolver;
use crate::{ClientConfig, Error, Outcome, VERSION};

/// The most of a response body we read; anything longer is `INVALID_RESPONSE`. License answers
/// are a few kilobytes; the bound keeps a hostile server from exhausting memory.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// HTTP methods the protocols use.
pub(crate) use ureq::http::Method;

/// What came back from one HTTP exchange.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    /// A header as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why one HTTP exchange produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub outcome: Outcome,
    pub message: String,
}

/// One request, built by a protocol module and sent by [`Transport::execute`].
#[derive(Debug)]
pub(crate) struct RequestBuilder {
    method: Method,
    url: Url,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl RequestBuilder {
    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> RequestBuilder {
        self.headers.push((name, value.into()));
        self
    }

    /// Sets a JSON body (and its content type).
    pub fn json(mut self, body: &serde_json::Value) -> RequestBuilder {
        // Serializing a `Value` cannot fail (its map keys are strings).
        self.body = Some(serde_json::to_vec(body).unwrap_or_default());
        self.header("content-type", "application/json")
    }
}

/// Builds requests: `transport.http().request(Method::GET, url)`.
#[derive(Debug)]
pub(crate) struct Http;

impl Http {
    /// A request without headers or body.
    pub fn request(&self, method: Method, url: Url) -> RequestBuilder {
        RequestBuilder {
            method,
            url,
            headers: Vec::new(),
            body: None,
        }
    }
}

/// The connection pool of the process that uses it. A forked child shares the parent's memory
/// but must not share its sockets (both would read and write one connection), so the first call
/// in a new process builds a new pool. Dropping the inherited one is safe: ureq runs no thread,
/// and dropping a connection only closes the child's copy of its descriptor (no `shutdown`, no
/// TLS close_notify), which leaves the parent's connection intact.
#[derive(Debug)]
struct Pool {
    pid: u32,
    agent: Agent,
}

/// The HTTP side of a client.
#[derive(Debug)]
pub(crate) struct Transport {
    settings: ureq::config::Config,
    pool: Mutex<Pool>,
    base: Url,
}

impl Transport {
    /// Validates the URL policy and configures the connection pool (it connects lazily).
    pub fn new(config: &ClientConfig) -> Result<Transport, Error> {
        let base = base_url(&config.base_url, config.allow_insecure_http)?;
        let user_agent = config
            .user_agent
            .clone()
            .unwrap_or_else(|| format!("licensekit/{VERSION}"));
        let proxy = select_proxy(config.proxy.as_deref(), &base)?;
        let tls = TlsConfig::builder()
            .root_certs(root_certs(&config.extra_ca_certs_pem)?)
            // ring, whatever provider another library installed process-wide (BUILD_NOTES.md).
            .unversioned_rustls_crypto_provider(ring_provider())
            .build();
        let settings = Agent::config_builder()
            .timeout_connect(Some(config.connect_timeout))
            // Per attempt, end to end, the body included.
            .timeout_global(Some(config.timeout))
            .user_agent(user_agent)
            .accept_encoding("identity")
            // A license server has no business redirecting; following one could send the
            // credentials elsewhere or downgrade to plain HTTP. A 3xx is an answer like any other.
            .max_redirects(0)
            .max_redirects_will_error(false)
            // Refusals come as 4xx answers with a vendor code; they are responses, not errors.
            .http_status_as_error(false)
            // ureq keeps 3 idle connections per host (10 in all); threads sharing a client
            // would reconnect. A client talks to one host.
            .max_idle_connections(16)
            .max_idle_connections_per_host(16)
            .proxy(proxy)
            .tls_config(tls)
            .build();
        let agent = new_agent(&settings);
        Ok(Transport {
            settings,
            pool: Mutex::new(Pool {
                pid: std::process::id(),
                agent,
            }),
            base,
        })
    }

    /// The base URL with `segments` appended, each percent-encoded as one path segment.
    pub fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// [`Transport::url`] with `query` appended, form-encoded.
    pub fn url_with_query(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        let mut url = self.url(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        url
    }

    /// Builds requests.
    pub fn http(&self) -> &Http {
        &Http
    }

    /// This process's connection pool (a handle; clones share the pool).
    fn agent(&self) -> Agent {
        let pid = std::process::id();
        let mut pool = self.pool.lock().unwrap_or_else(PoisonError::into_inner);
        if pool.pid != pid {
            pool.agent = new_agent(&self.settings);
            pool.pid = pid;
        }
        pool.agent.clone()
    }

    /// Sends one request and reads its body (at most [`MAX_BODY_BYTES`]).
    pub fn execute(&self, request: RequestBuilder) -> Result<Response, Failure> {
        let mut http = HttpRequest::builder()
            .method(request.method)
            .uri(request.url.as_str());
        for (name, value) in &request.headers {
            http = http.header(*name, value.as_str());
        }
        let agent = self.agent();
        let sent = match request.body {
            Some(body) => http.body(body).map(|r| agent.run(r)),
            None => http.body(()).map(|r| agent.run(r)),
        };
        let mut response = match sent {
            Ok(result) => result.map_err(classify)?,
            Err(e) => {
                return Err(Failure {
                    outcome: Outcome::INTERNAL_ERROR,
                    // http::Error's text names the part, never the URL.
                    message: format!("cannot build the request: {e}"),
                });
            }
        };
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(classify)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

impl Clone for Transport {
    fn clone(&self) -> Transport {
        let pool = self.pool.lock().unwrap_or_else(PoisonError::into_inner);
        Transport {
            settings: self.settings.clone(),
            pool: Mutex::new(Pool {
                pid: pool.pid,
                agent: pool.agent.clone(),
            }),
            base: self.base.clone(),
        }
    }
}

/// A connection pool with ureq's connectors (each connection corked: one write per request)
/// and a resolver that remembers its answer.
fn new_agent(settings: &ureq::config::Config) -> Agent {
    use ureq::unversioned::transport::{Connector, DefaultConnector};
    Agent::with_parts(
        settings.clone(),
        DefaultConnector::default().chain(Cork),
        CachingResolver::default(),
    )
}

fn ring_provider() -> Arc<rustls::crypto::CryptoProvider> {
    static RING: OnceLock<Arc<rustls::crypto::CryptoProvider>> = OnceLock::new();
    RING.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// Mozilla's roots (webpki) plus `extra_pem`. Without extras the roots are the static webpki
/// trust anchors (nothing to parse). With extras, the roots' certificates are listed once per
/// process and shared; each client appends its own.
fn root_certs(extra_pem: &[String]) -> Result<RootCerts, Error> {
    if extra_pem.is_empty() {
        return Ok(RootCerts::WebPki);
    }
    static WEBPKI: OnceLock<Vec<Certificate<'static>>> = OnceLock::new();
    let mut roots = WEBPKI
        .get_or_init(|| {
            webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|der| Certificate::from_der(der.as_ref()))
                .collect()
        })
        .clone();
    for (i, pem) in extra_pem.iter().enumerate() {
        let before = roots.len();
        for item in ureq::tls::parse_pem(pem.as_bytes()) {
            match item {
                Ok(ureq::tls::PemItem::Certificate(cert)) => {
                    // Checked now: ureq would skip an unusable root silently at the first
                    // connection, and the server's certificate would then fail as untrusted.
                    let der = rustls::pki_types::CertificateDer::from(cert.der());
                    rustls::RootCertStore::empty().add(der).map_err(|e| {
                        Error::InvalidConfig(format!(
                            "extra_ca_certs_pem[{i}] holds an unusable certificate: {e}"
                        ))
                    })?;
                    roots.push(cert);
                }
                Ok(_) => {}
                Err(e) => {
                    return Err(Error::InvalidConfig(format!(
                        "extra_ca_certs_pem[{i}] is not PEM: {e}"
                    )));
                }
            }
        }
        if roots.len() == before {
            return Err(Error::InvalidConfig(format!(
                "extra_ca_certs_pem[{i}] holds no certificate"
            )));
        }
    }
    Ok(RootCerts::Specific(Arc::new(roots)))
}

fn too_long() -> Failure {
    Failure {
        outcome: Outcome::INVALID_RESPONSE,
        message: format!("the response body is longer than {MAX_BODY_BYTES} bytes"),
    }
}

/// Parses and checks `base_url`: absolute, http(s), HTTPS unless the host is loopback or
/// `allow_insecure_http`, no query or fragment.
pub(crate) fn base_url(base_url: &str, allow_insecure_http: bool) -> Result<Url, Error> {
    if base_url.trim().is_empty() {
        return Err(Error::InvalidConfig("base_url is empty".into()));
    }
    let url = Url::parse(base_url.trim())
        .map_err(|e| Error::InvalidConfig(format!("base_url {base_url:?} is not a URL: {e}")))?;
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(Error::InvalidConfig(format!(
            "base_url {base_url:?} has no host"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::InvalidConfig(format!(
            "base_url {base_url:?} must not have a query or fragment"
        )));
    }
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => {
            return Err(Error::InvalidConfig(format!(
                "base_url {base_url:?} uses plain HTTP to a non-loopback host; use https:// \
                 (or set allow_insecure_http for a trusted network)"
            )));
        }
        other => {
            return Err(Error::InvalidConfig(format!(
                "base_url {base_url:?} has scheme {other:?}; use https://"
            )));
        }
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// Maps a ureq error to `TLS_ERROR`, `TIMEOUT`, `NETWORK_ERROR` or (an oversized body)
/// `INVALID_RESPONSE`. The message never contains the URL (its query may hold a license key), so
/// only errors whose text cannot hold it are shown.
pub(crate) fn classify(error: ureq::Error) -> Failure {
    use ureq::Error as E;
    let (outcome, message) = match error {
        E::BodyExceedsLimit(_) => return too_long(),
        E::Timeout(which) => (Outcome::TIMEOUT, format!("the request timed out ({which})")),
        E::Io(e) => return classify_io(&e),
        E::Rustls(e) => (Outcome::TLS_ERROR, format!("TLS failed: {e}")),
        E::Tls(e) => (Outcome::TLS_ERROR, format!("TLS failed: {e}")),
        E::Pem(e) => (Outcome::TLS_ERROR, format!("TLS failed: {e}")),
        E::HostNotFound => (
            Outcome::NETWORK_ERROR,
            "the server's host name does not resolve".into(),
        ),
        E::ConnectionFailed => (
            Outcome::NETWORK_ERROR,
            "cannot connect to the server".into(),
        ),
        E::ConnectProxyFailed(_) => (
            Outcome::NETWORK_ERROR,
            "the proxy refused to connect to the server".into(),
        ),
        E::Protocol(e) => (
            Outcome::NETWORK_ERROR,
            format!("the server's answer is not HTTP: {e}"),
        ),
        E::LargeResponseHeader(..) => (
            Outcome::NETWORK_ERROR,
            "the server's answer has oversized headers".into(),
        ),
        E::BodyStalled => (
            Outcome::NETWORK_ERROR,
            "the server stopped sending the answer".into(),
        ),
        // The rest (bad URI, proxy URL, redirects, HTTPS-only) cannot follow from a valid
        // configuration; their text may hold the URL, so only the kind is named.
        other => (
            Outcome::NETWORK_ERROR,
            format!("the request failed ({})", error_kind(&other)),
        ),
    };
    Failure { outcome, message }
}

/// The variant's name, without its (possibly URL-bearing) data.
fn error_kind(error: &ureq::Error) -> String {
    let debug = format!("{error:?}");
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("unknown")
        .to_string()
}

fn classify_io(error: &std::io::Error) -> Failure {
    use std::io::ErrorKind;
    // rustls reports handshake failures as io::Errors wrapping its own error.
    let mut inner = error.get_ref();
    while let Some(e) = inner {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Failure {
                outcome: Outcome::TLS_ERROR,
                message: format!("TLS failed: {tls}"),
            };
        }
        inner = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref());
    }
    let (outcome, what) = match error.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => (Outcome::TIMEOUT, "the request timed out"),
        ErrorKind::ConnectionRefused => (Outcome::NETWORK_ERROR, "cannot connect to the server"),
        _ => (Outcome::NETWORK_ERROR, "the connection failed"),
    };
    Failure {
        outcome,
        message: format!("{what}: {error}"),
    }
}

/// `Retry-After` as a duration: delta-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_required_except_to_loopback() {
        assert!(base_url("https://licenses.example.com", false).is_ok());
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3",
            "http://[::1]:9",
            "http://localhost:1/x/",
            "http://LOCALHOST",
        ] {
            assert!(base_url(ok, false).is_ok(), "{ok}");
        }
        for bad in [
            "http://licenses.example.com",
            "http://10.0.0.1",
            "http://[::2]",
        ] {
            let err = base_url(bad, false).unwrap_err();
            assert!(matches!(err, Error::InvalidConfig(_)), "{bad}");
            assert!(err.to_string().contains("plain HTTP"), "{err}");
            assert!(
                base_url(bad, true).is_ok(),
                "{bad} with allow_insecure_http"
            );
        }
    }

    #[test]
    fn unusable_base_urls_are_config_errors() {
        for bad in [
            "",
            "   ",
            "licenses.example.com",
            "ftp://x",
            "mailto:a@b",
            "https://x/?q=1",
        ] {
            assert!(
                matches!(base_url(bad, true), Err(Error::InvalidConfig(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn path_segments_are_appended_and_encoded() {
        let mut config = ClientConfig::new("http://127.0.0.1:1/prefix/");
        config.retries.max_retries = 0;
        let t = Transport::new(&config).unwrap();
        assert_eq!(
            t.url(&["api", "check", "a/b c"]).as_str(),
            "http://127.0.0.1:1/prefix/api/check/a%2Fb%20c"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "3".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            "retry-after",
            "Tue, 07 Jun 2011 20:51:35 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }
}
