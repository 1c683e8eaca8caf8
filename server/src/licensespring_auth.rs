//! LicenseSpring request authentication: the HMAC-SHA256 signature over the Date header
//! (`licenseSpring\ndate: <Date>`), the API key, the Date window, and OAuth bearer tokens.

use crate::fixture::LicenseSpring;
use crate::licensespring::LsError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::cell::RefCell;
use time::OffsetDateTime;

/// What the caller is allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Check only.
    Read,
    /// Also activate, deactivate, consume.
    Write,
}

/// What a client signs comes before the Date header's value.
const SIGNED_PREFIX: &str = "licenseSpring\ndate: ";

/// The exact bytes a client signs.
#[cfg(test)]
pub fn signing_string(date: &str) -> String {
    format!("{SIGNED_PREFIX}{date}")
}

/// Base64 HMAC-SHA256 of the signing string under `shared_key` (what a client sends).
#[cfg(test)]
pub fn sign(shared_key: &str, date: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(shared_key.as_bytes()).expect("HMAC takes any key length");
    mac.update(signing_string(date).as_bytes());
    B64.encode(mac.finalize().into_bytes())
}

thread_local! {
    /// The HMAC state keyed with the last shared key this thread verified against. Keying
    /// (padding the key and hashing both pads) is half of the SHA-256 work of a verification,
    /// and the shared key only changes when a fixture is loaded, so a clone of the keyed state
    /// is reused; the key comparison keeps a changed key from using a stale state.
    static KEYED: RefCell<Option<(String, Hmac<Sha256>)>> = const { RefCell::new(None) };
}

fn verify_signature(shared_key: &str, date: &str, signature_b64: &str) -> bool {
    // A genuine HMAC-SHA256 is 32 bytes; anything that decodes to more than this buffer holds
    // is not one.
    let mut signature = [0u8; 64];
    let Ok(length) = B64.decode_slice(signature_b64.trim().as_bytes(), &mut signature) else {
        return false;
    };
    let mut mac = KEYED.with_borrow_mut(|keyed| match keyed {
        Some((key, mac)) if key == shared_key => mac.clone(),
        _ => {
            let mac = Hmac::<Sha256>::new_from_slice(shared_key.as_bytes())
                .expect("HMAC takes any key length");
            *keyed = Some((shared_key.to_string(), mac.clone()));
            mac
        }
    });
    mac.update(SIGNED_PREFIX.as_bytes());
    mac.update(date.as_bytes());
    mac.verify_slice(&signature[..length]).is_ok()
}

/// Authenticates a License API request.
pub fn authenticate(
    ls: Option<&LicenseSpring>,
    date: Option<&str>,
    authorization: Option<&str>,
    now: OffsetDateTime,
    max_skew_secs: u64,
    needs: Access,
) -> Result<(), LsError> {
    let (Some(date), Some(authorization)) = (
        date.filter(|d| !d.is_empty()),
        authorization.filter(|a| !a.is_empty()),
    ) else {
        return Err(LsError::bad("missing_headers", "Some headers are missing"));
    };
    let empty = LicenseSpring::default();
    let ls = ls.unwrap_or(&empty);
    if let Some(token) = strip_prefix_ci(authorization, "bearer ") {
        let token = token.trim();
        check_date(date, now, max_skew_secs)?;
        return if !token.is_empty() && ls.bearer_tokens.iter().any(|t| t == token) {
            Ok(())
        } else if ls.expired_bearer_tokens.iter().any(|t| t == token) {
            Err(LsError::bad(
                "oauth_token_expired",
                "The OAuth token has expired",
            ))
        } else {
            Err(LsError::bad(
                "oauth_token_malformed",
                "The OAuth token is malformed or unknown",
            ))
        };
    }
    let params = parse_authorization(authorization)?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    };
    let missing: Vec<&str> = ["algorithm", "headers", "signature", "apikey"]
        .into_iter()
        .filter(|name| get(name).is_none_or(str::is_empty))
        .collect();
    if !missing.is_empty() {
        return Err(LsError::bad(
            "authorization_missing_params",
            &format!("The Authorization header lacks: {}", missing.join(", ")),
        ));
    }
    let (algorithm, headers, signature, api_key) = (
        get("algorithm").unwrap_or(""),
        get("headers").unwrap_or(""),
        get("signature").unwrap_or(""),
        get("apikey").unwrap_or(""),
    );
    if !algorithm.eq_ignore_ascii_case("hmac-sha256") {
        return Err(LsError::bad(
            "hmac_required",
            "The signature algorithm must be hmac-sha256",
        ));
    }
    if !headers.trim().eq_ignore_ascii_case("date") {
        return Err(LsError::bad(
            "authorization_invalid_headers",
            "The signed headers must be exactly \"date\"",
        ));
    }
    if ls.revoked_api_keys.iter().any(|k| k == api_key) {
        return Err(LsError::bad(
            "revoked_api_key",
            "The API key has been revoked",
        ));
    }
    let is_main = !ls.api_key.is_empty() && ls.api_key == api_key;
    let is_read_only = ls.read_only_api_keys.iter().any(|k| k == api_key);
    if !is_main && !is_read_only {
        return Err(LsError::bad("invalid_api_key", "The API key is not valid"));
    }
    if !is_main && needs == Access::Write {
        return Err(LsError::bad(
            "read_only_api_key",
            "The API key is read-only and may not make this call",
        ));
    }
    check_date(date, now, max_skew_secs)?;
    if !verify_signature(&ls.shared_key, date, signature) {
        return Err(LsError::new(
            401,
            "signature_mismatch",
            "The request signature does not match",
        ));
    }
    Ok(())
}

fn check_date(date: &str, now: OffsetDateTime, max_skew_secs: u64) -> Result<(), LsError> {
    let Ok(sent) = httpdate::parse_http_date(date) else {
        return Err(LsError::bad(
            "date_header_diff",
            "The Date header is not an RFC 7231 date",
        ));
    };
    let sent = OffsetDateTime::from(sent);
    let diff = (sent - now).whole_seconds().unsigned_abs();
    if diff > max_skew_secs {
        return Err(LsError::bad(
            "date_header_diff",
            &format!(
                "The Date header is {diff} s away from the server time (allowed: {max_skew_secs} s)"
            ),
        ));
    }
    Ok(())
}

/// `algorithm="hmac-sha256",headers="date",signature="…",apikey="…"` → names (compared
/// case-insensitively by the caller) and unquoted values, borrowed from the header so parsing
/// allocates once, not twice per parameter; separators `,` or `, `.
fn parse_authorization(value: &str) -> Result<Vec<(&str, &str)>, LsError> {
    let invalid = || {
        LsError::bad(
            "authorization_invalid_headers",
            "The Authorization header is malformed",
        )
    };
    let mut out = Vec::with_capacity(4);
    for part in value.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, raw) = part.split_once('=').ok_or_else(invalid)?;
        let raw = raw.trim();
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        out.push((name.trim(), unquoted));
    }
    if out.is_empty() {
        return Err(invalid());
    }
    Ok(out)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_hmac_test_vector_matches() {
        assert_eq!(
            sign(
                "kw4qSnpSwXzgiv5yxYpZZmFEd9QAeiKTQ6OuyMja",
                "Tue, 07 Jun 2011 20:51:35 GMT"
            ),
            "UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q="
        );
    }

    #[test]
    fn a_changed_shared_key_is_verified_with_the_new_key_not_the_reused_state() {
        let date = "Tue, 07 Jun 2011 20:51:35 GMT";
        assert!(verify_signature("key-one", date, &sign("key-one", date)));
        assert!(!verify_signature("key-two", date, &sign("key-one", date)));
        assert!(verify_signature("key-two", date, &sign("key-two", date)));
        assert!(!verify_signature(
            "key-two",
            "Wed, 08 Jun 2011 20:51:35 GMT",
            &sign("key-two", date)
        ));
        // Too long to be an HMAC-SHA256, and not base64 at all.
        assert!(!verify_signature("key-two", date, &B64.encode([7u8; 100])));
        assert!(!verify_signature("key-two", date, "not base64!"));
    }

    #[test]
    fn parameter_names_are_case_insensitive_and_separators_flexible() {
        let p = parse_authorization(
            r#"algorithm="hmac-sha256", headers="date",signature="a=",apiKey="k""#,
        )
        .unwrap();
        assert!(p.contains(&("apiKey", "k")));
        assert!(p.contains(&("signature", "a=")));
        // Names match whatever their case: a mixed-case `apiKey` authenticates.
        let date = "Tue, 07 Jun 2011 20:51:35 GMT";
        let ls = LicenseSpring {
            api_key: "k".into(),
            shared_key: "s".into(),
            ..LicenseSpring::default()
        };
        let header = format!(
            r#"Algorithm="hmac-sha256", HEADERS="date",Signature="{}",apiKey="k""#,
            sign("s", date)
        );
        let now = OffsetDateTime::from(httpdate::parse_http_date(date).unwrap());
        assert_eq!(
            authenticate(
                Some(&ls),
                Some(date),
                Some(&header),
                now,
                900,
                Access::Write
            ),
            Ok(())
        );
    }
}
