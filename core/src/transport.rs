//! HTTP: one reqwest blocking client per [`Client`](crate::Client) (connection reuse), URL
//! policy (HTTPS except to loopback), bounded body reads, and transport errors as outcomes.

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use reqwest::blocking::{Client as HttpClient, RequestBuilder};
use reqwest::header::HeaderMap;

use crate::{ClientConfig, Error, Outcome, VERSION};

/// The most of a response body we read; anything longer is `INVALID_RESPONSE`. License answers
/// are a few kilobytes; the bound keeps a hostile server from exhausting memory.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

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

/// The HTTP side of a client.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: HttpClient,
    base: Url,
}

impl Transport {
    /// Validates the URL policy and builds the HTTP client.
    pub fn new(config: &ClientConfig) -> Result<Transport, Error> {
        let base = base_url(&config.base_url, config.allow_insecure_http)?;
        // reqwest is built without a default crypto provider (BUILD_NOTES.md: ring, not aws-lc);
        // installing fails harmlessly when the process already has one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let user_agent = config
            .user_agent
            .clone()
            .unwrap_or_else(|| format!("licensekit/{VERSION}"));
        let mut builder = HttpClient::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(user_agent)
            // A license server has no business redirecting; following one could send the
            // credentials elsewhere or downgrade to plain HTTP.
            .redirect(reqwest::redirect::Policy::none());
        if let Some(proxy) = &config.proxy {
            let proxy = reqwest::Proxy::all(proxy.as_str())
                .map_err(|e| {
                    Error::InvalidConfig(format!(
                        "proxy {:?} is not a valid URL: {}",
                        crate::config::redact_userinfo(proxy),
                        e.without_url()
                    ))
                })?
                .no_proxy(reqwest::NoProxy::from_env());
            builder = builder.proxy(proxy);
        }
        for (i, pem) in config.extra_ca_certs_pem.iter().enumerate() {
            let certs = reqwest::Certificate::from_pem_bundle(pem.as_bytes()).map_err(|e| {
                Error::InvalidConfig(format!("extra_ca_certs_pem[{i}] is not PEM: {e}"))
            })?;
            if certs.is_empty() {
                return Err(Error::InvalidConfig(format!(
                    "extra_ca_certs_pem[{i}] holds no certificate"
                )));
            }
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder
            .build()
            .map_err(|e| Error::InvalidConfig(format!("cannot build the HTTP client: {e}")))?;
        Ok(Transport { http, base })
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

    /// The underlying HTTP client, to build requests with.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Sends one request and reads its body (at most [`MAX_BODY_BYTES`]).
    pub fn execute(&self, request: RequestBuilder) -> Result<Response, Failure> {
        let mut response = request.send().map_err(|e| classify(&e))?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = match response.content_length() {
            Some(n) if n > MAX_BODY_BYTES => return Err(too_long()),
            // A declared length within bounds: one read, without the per-chunk hand-offs
            // between this thread and reqwest's runtime thread that `Read` costs.
            Some(_) => response.bytes().map_err(|e| classify(&e))?.to_vec(),
            None => {
                let mut body = Vec::new();
                response
                    .take(MAX_BODY_BYTES + 1)
                    .read_to_end(&mut body)
                    .map_err(|e| classify_io(&e))?;
                if body.len() as u64 > MAX_BODY_BYTES {
                    return Err(too_long());
                }
                body
            }
        };
        Ok(Response {
            status,
            headers,
            body,
        })
    }
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

/// Maps a reqwest error to `TLS_ERROR`, `TIMEOUT` or `NETWORK_ERROR`. The message never
/// contains the URL (its query may hold a license key).
pub(crate) fn classify(error: &reqwest::Error) -> Failure {
    let mut tls = false;
    let mut timed_out = error.is_timeout();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut parts: Vec<String> = Vec::new();
    while let Some(e) = source {
        if e.downcast_ref::<rustls::Error>().is_some() {
            tls = true;
        }
        // io::Error::source skips the error it wraps, and hyper nests io::Errors (Other around
        // InvalidData around rustls::Error), so unwrap them explicitly.
        let mut io = e.downcast_ref::<std::io::Error>();
        while let Some(err) = io {
            timed_out |= err.kind() == std::io::ErrorKind::TimedOut;
            let inner = err.get_ref();
            tls |= inner.is_some_and(|i| i.downcast_ref::<rustls::Error>().is_some());
            io = inner.and_then(|i| i.downcast_ref::<std::io::Error>());
        }
        let text = match e.downcast_ref::<reqwest::Error>() {
            Some(r) if std::ptr::eq(r, error) => describe_top(error),
            _ => e.to_string(),
        };
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    let outcome = if tls {
        Outcome::TLS_ERROR
    } else if timed_out {
        Outcome::TIMEOUT
    } else {
        Outcome::NETWORK_ERROR
    };
    Failure {
        outcome,
        message: parts.join(": "),
    }
}

fn describe_top(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "the request timed out".into()
    } else if error.is_connect() {
        "cannot connect to the server".into()
    } else if error.is_body() || error.is_decode() {
        "cannot read the response".into()
    } else {
        "the request failed".into()
    }
}

fn classify_io(error: &std::io::Error) -> Failure {
    if let Some(inner) = error.get_ref()
        && let Some(r) = inner.downcast_ref::<reqwest::Error>()
    {
        return classify(r);
    }
    let outcome = if error.kind() == std::io::ErrorKind::TimedOut {
        Outcome::TIMEOUT
    } else {
        Outcome::NETWORK_ERROR
    };
    Failure {
        outcome,
        message: format!("cannot read the response: {error}"),
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
