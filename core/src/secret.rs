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

#[cfg(test)]
mod tests {
    use super::mask;

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
    fn counts_characters_not_bytes() {
        assert_eq!(mask("ééééé1234"), "*****1234");
    }
}
