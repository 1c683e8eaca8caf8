//! Secrets in logs: everything but the last four characters is masked.

/// `ABCD-EFGH-1234` → `**********1234`; four characters or fewer are masked entirely.
pub fn mask(secret: &str) -> String {
    // Keys are nearly always ASCII: one allocation, no char vector.
    if secret.is_ascii() {
        let keep = if secret.len() > 4 { 4 } else { 0 };
        let hidden = secret.len() - keep;
        let mut out = String::with_capacity(secret.len());
        out.extend(std::iter::repeat_n('*', hidden));
        out.push_str(&secret[hidden..]);
        return out;
    }
    let chars: Vec<char> = secret.chars().collect();
    let keep = if chars.len() > 4 { 4 } else { 0 };
    let hidden = chars.len() - keep;
    let mut out = "*".repeat(hidden);
    out.extend(&chars[hidden..]);
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn only_the_last_four_characters_stay_visible() {
        assert_eq!(mask("FS-ACTIVE-0001"), "**********0001");
        assert_eq!(mask("abcd"), "****");
        assert_eq!(mask(""), "");
        assert_eq!(mask("ÄÖÜßxyz12"), "*****yz12");
    }
}
