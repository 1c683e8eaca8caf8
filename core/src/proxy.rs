//! Which proxy, if any, carries a client's requests: the configured one, else the standard
//! environment variables, unless `NO_PROXY` exempts the server. A client talks to one server,
//! so the choice is made once, when the client is built (as curl and reqwest read the variables).

use ureq::Proxy;
use url::Url;

use crate::Error;
use crate::config::redact_userinfo;

/// The proxy for requests to `base`: `explicit`, else `HTTPS_PROXY` (https) / `HTTP_PROXY`
/// (http) / `ALL_PROXY`, upper or lower case; none when `NO_PROXY` lists the host. A bad
/// explicit proxy is a configuration error; a bad variable is ignored (as curl does).
pub(crate) fn select_proxy(explicit: Option<&str>, base: &Url) -> Result<Option<Proxy>, Error> {
    let host = base.host_str().unwrap_or_default();
    if no_proxy_lists(&env("NO_PROXY").unwrap_or_default(), host) {
        return Ok(None);
    }
    if let Some(proxy) = explicit {
        return parse(proxy).map(Some).map_err(|why| {
            Error::InvalidConfig(format!(
                "proxy {:?} is not a valid proxy URL: {why}",
                redact_userinfo(proxy)
            ))
        });
    }
    let by_scheme = if base.scheme() == "https" {
        "HTTPS_PROXY"
    } else {
        "HTTP_PROXY"
    };
    Ok([by_scheme, "ALL_PROXY"]
        .into_iter()
        .filter_map(env)
        .find_map(|p| parse(&p).ok()))
}

/// An http(s) or socks proxy URL with a host.
fn parse(proxy: &str) -> Result<Proxy, String> {
    let url = Url::parse(proxy.trim()).map_err(|e| e.to_string())?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host".into());
    }
    Proxy::new(proxy.trim()).map_err(|e| e.to_string())
}

/// A variable by its upper- or lower-case name, if set and not blank.
fn env(name: &str) -> Option<String> {
    [name.to_owned(), name.to_ascii_lowercase()]
        .iter()
        .filter_map(|n| std::env::var(n).ok())
        .find(|v| !v.trim().is_empty())
}

/// curl's `NO_PROXY` rules: comma-separated; `*` matches every host; an entry matches the host
/// itself and its subdomains (a leading dot is optional); IP literals match exactly.
fn no_proxy_lists(list: &str, host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    list.split(',').map(str::trim).any(|entry| {
        let entry = entry
            .trim_start_matches("*.")
            .trim_start_matches('.')
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        if entry == "*" {
            return true;
        }
        !entry.is_empty()
            && (host == entry
                || host
                    .strip_suffix(&entry)
                    .is_some_and(|rest| rest.ends_with('.')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_matches_hosts_subdomains_and_everything() {
        let list = "localhost, .internal.example, 10.0.0.1,[::1]";
        assert!(no_proxy_lists(list, "localhost"));
        assert!(no_proxy_lists(list, "licenses.internal.example"));
        assert!(no_proxy_lists(list, "internal.example"));
        assert!(no_proxy_lists(list, "10.0.0.1"));
        assert!(no_proxy_lists(list, "[::1]"));
        assert!(!no_proxy_lists(list, "notinternal.example"));
        assert!(!no_proxy_lists(list, "10.0.0.10"));
        assert!(!no_proxy_lists("", "localhost"));
        assert!(no_proxy_lists("*", "licenses.example.com"));
    }

    #[test]
    fn an_explicit_proxy_must_be_a_url_with_a_host() {
        let base = Url::parse("https://licenses.example.com").unwrap();
        assert!(select_proxy(Some("::not a url::"), &base).is_err());
        assert!(select_proxy(Some("http://"), &base).is_err());
        assert!(select_proxy(Some("http://proxy.example:3128"), &base).is_ok_and(|p| p.is_some()));
    }
}
