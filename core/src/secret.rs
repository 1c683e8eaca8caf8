//! Masking of license keys, API keys and shared keys for logs, `Debug` and `Display`.

/// How many trailing characters of a secret stay visible.
pub const VISIBLE_TAIL: usize = 4;

/// Masks all but the last four characters of `secret` (`"AAAA-BBBB-CCCC-DDDD"` →
/// `"***************DDDD"`). Secrets of four characters or fewer are masked entirely, since
/// showing them would show everything.
pub fn mask(secret: &str) -> String {
    let count = secret.chars().count();
    if count <= VISIBLE_TAIL {
        return "*".repeat(count);
    }
    let tail: String = secret.chars().skip(count - VISIBLE_TAIL).collect();
    let mut out = "*".repeat(count - VISIBLE_TAIL);
    out.push_str(&tail);
    out
}

/// Whether a log record from `target` may be forwarded to an application's log sink.
///
/// Only licensekit's own records (targets starting with `licensekit`: the core and the
/// bindings) mask keys; the HTTP and TLS crates underneath may log request URLs, whose query
/// strings carry license keys. Every binding that forwards `log` records filters with this.
pub fn is_own_log_target(target: &str) -> bool {
    target.starts_with("licensekit")
}

/// Wraps a secret so that `Debug` and `Display` show it masked; for hand-written `Debug` impls.
pub struct Masked<'a>(pub &'a str);

impl std::fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\"", mask(self.0))
    }
}

impl std::fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&mask(self.0))
    }
}

/// `Debug` of an optional secret: `None`, or `Some("****1234")`.
pub fn masked_opt(secret: &Option<String>) -> Option<Masked<'_>> {
    secret.as_deref().map(Masked)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn only_licensekit_log_targets_are_forwarded() {
        use super::is_own_log_target;
        assert!(is_own_log_target("licensekit_core::client"));
        assert!(is_own_log_target("licensekit::log"));
        assert!(is_own_log_target("licensekit_node"));
        assert!(!is_own_log_target("ureq::unversioned::transport"));
        assert!(!is_own_log_target("rustls::client"));
    }

    #[test]
    fn keeps_only_the_last_four_characters() {
        assert_eq!(mask("AAAA-BBBB-CCCC-DDDD"), "***************DDDD");
    }

    #[test]
    fn short_secrets_are_masked_entirely() {
        assert_eq!(mask("abcd"), "****");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn masked_wrapper_hides_the_secret_in_debug_and_display() {
        let m = super::Masked("test-shared-key");
        assert_eq!(format!("{m:?}"), "\"***********-key\"");
        assert_eq!(format!("{m}"), "***********-key");
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(mask("ééééé1234"), "*****1234");
    }
}
