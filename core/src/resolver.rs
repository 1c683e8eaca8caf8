//! Host name resolution for the connection pool, remembered for a short while.
//!
//! ureq resolves the server's name on every request, before it looks for a kept-alive
//! connection, and with a timeout set it does so on a new thread each time: a thread per call
//! (about 40 µs on loopback, and a DNS query per license check on a real network). A client
//! talks to one server, so the last answer is kept for [`TTL`] and a kept-alive connection is
//! reused without resolving again. ureq's own resolver (with its timeout) does the lookups.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a resolution is reused. Short, so a server that moves (DNS fail-over) is followed
/// within a minute; long enough that back-to-back checks never resolve twice.
pub(crate) const TTL: Duration = Duration::from_secs(30);

/// Resolves through ureq's [`DefaultResolver`] and remembers the last answer.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    lookup: DefaultResolver,
    last: Mutex<Option<Resolved>>,
}

#[derive(Debug)]
struct Resolved {
    scheme: String,
    authority: String,
    at: Instant,
    addrs: ResolvedSocketAddrs,
}

impl Resolved {
    fn answers(&self, uri: &Uri) -> bool {
        self.at.elapsed() < TTL
            && uri.scheme_str() == Some(self.scheme.as_str())
            && uri.authority().map(|a| a.as_str()) == Some(self.authority.as_str())
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        {
            let last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(hit) = last.as_ref().filter(|r| r.answers(uri)) {
                return Ok(hit.addrs.clone());
            }
        }
        // Looked up without the lock: a slow DNS answer must not stall other threads' hits.
        let addrs = self.lookup.resolve(uri, config, timeout)?;
        if let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) {
            *self.last.lock().unwrap_or_else(PoisonError::into_inner) = Some(Resolved {
                scheme: scheme.to_owned(),
                authority: authority.as_str().to_owned(),
                at: Instant::now(),
                addrs: addrs.clone(),
            });
        }
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resolution_is_reused_for_the_same_server_only() {
        let resolver = CachingResolver::default();
        let config = Config::default();
        let a: Uri = "http://127.0.0.1:8080/x?k=1".parse().unwrap();
        let b: Uri = "http://127.0.0.2:8080/".parse().unwrap();
        let first = resolver
            .resolve(&a, &config, NextTimeout::default())
            .unwrap();
        assert!(first.iter().any(|s| s.port() == 8080));
        assert!(resolver.last.lock().unwrap().as_ref().unwrap().answers(&a));
        assert!(!resolver.last.lock().unwrap().as_ref().unwrap().answers(&b));
        let other = resolver
            .resolve(&b, &config, NextTimeout::default())
            .unwrap();
        assert_eq!(other[0].ip().to_string(), "127.0.0.2");
    }
}
