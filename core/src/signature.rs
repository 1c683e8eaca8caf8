//! LicenseSpring cryptography: HMAC request signing and RSA response verification (the v2
//! `LicenseSignature` header over the body bytes and the v1 `license_signature` field), plus
//! the response-freshness check that stops replays of old answers.

use std::time::{Duration, SystemTime};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier as _;
use sha2::Sha256;

use crate::Error;

/// Base64 HMAC-SHA256, keyed by the shared key, over `licenseSpring\ndate: <date>`.
pub fn request_signature(shared_key: &str, date: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(shared_key.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(b"licenseSpring\ndate: ");
    mac.update(date.as_bytes());
    BASE64.encode(mac.finalize().into_bytes())
}

/// The `Authorization` header value of a License API v4 request.
pub fn authorization_header(api_key: &str, shared_key: &str, date: &str) -> String {
    format!(
        "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{}\",apikey=\"{}\"",
        request_signature(shared_key, date),
        api_key
    )
}

/// The message the v1 `license_signature` signs:
/// `lower(hardware_id + "#" + (username up to its first '|', or license_key) + "#" + validity)`.
pub fn v1_message(hardware_id: &str, user_or_key: &str, validity_period: Option<&str>) -> String {
    let who = user_or_key.split('|').next().unwrap_or("");
    let validity = validity_period.map(format_validity).unwrap_or_default();
    format!("{hardware_id}#{who}#{validity}").to_lowercase()
}

/// `YYYY-MM-DDTHH:mm:ss.SSSZ` in UTC; a value that does not parse is used as written.
fn format_validity(raw: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    match time::OffsetDateTime::parse(raw, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
                t.millisecond()
            )
        }
        Err(_) => raw.to_string(),
    }
}

/// An RSA public key verifying PKCS#1 v1.5 SHA-256 signatures.
#[derive(Clone)]
pub struct ResponseVerifier {
    key: VerifyingKey<Sha256>,
}

impl std::fmt::Debug for ResponseVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResponseVerifier(RSA SHA-256)")
    }
}

impl ResponseVerifier {
    /// Parses an SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
    pub fn from_pem(pem: &str) -> Result<ResponseVerifier, Error> {
        let key = RsaPublicKey::from_public_key_pem(pem.trim()).map_err(|e| {
            Error::InvalidConfig(format!(
                "licensespring.public_key_pem is not an SPKI RSA public key PEM: {e}"
            ))
        })?;
        Ok(ResponseVerifier {
            key: VerifyingKey::new(key),
        })
    }

    /// Whether `signature_b64` (standard base64) signs `data`.
    pub fn verify(&self, data: &[u8], signature_b64: &str) -> bool {
        let Ok(bytes) = BASE64.decode(signature_b64.trim()) else {
            return false;
        };
        let Ok(signature) = Signature::try_from(bytes.as_slice()) else {
            return false;
        };
        self.key.verify(data, &signature).is_ok()
    }
}

/// Whether an HTTP `Date` value is within `max_skew` of `now`, either way.
pub fn date_is_fresh(date: &str, now: SystemTime, max_skew: Duration) -> bool {
    let Ok(at) = httpdate::parse_http_date(date.trim()) else {
        return false;
    };
    let skew = match at.duration_since(now) {
        Ok(ahead) => ahead,
        Err(behind) => behind.duration(),
    };
    skew <= max_skew
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_signature_matches_the_published_vector() {
        assert_eq!(
            request_signature(
                "kw4qSnpSwXzgiv5yxYpZZmFEd9QAeiKTQ6OuyMja",
                "Tue, 07 Jun 2011 20:51:35 GMT"
            ),
            "UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q="
        );
    }

    #[test]
    fn authorization_header_has_every_parameter() {
        let h = authorization_header("key1", "secret", "Tue, 07 Jun 2011 20:51:35 GMT");
        assert!(h.starts_with("algorithm=\"hmac-sha256\",headers=\"date\",signature=\""));
        assert!(h.ends_with(",apikey=\"key1\""));
    }

    #[test]
    fn v1_message_is_lowercase_and_cuts_the_username_at_the_pipe() {
        assert_eq!(
            v1_message("HW-1", "AAAA-BBBB", Some("2099-12-31T00:00:00.000Z")),
            "hw-1#aaaa-bbbb#2099-12-31t00:00:00.000z"
        );
        assert_eq!(v1_message("hw", "Bob@x.com|org", None), "hw#bob@x.com#");
        assert_eq!(
            v1_message("hw", "k", Some("2099-12-31T01:00:00+01:00")),
            "hw#k#2099-12-31t00:00:00.000z"
        );
    }

    #[test]
    fn freshness_allows_the_window_both_ways_and_rejects_garbage() {
        let now = SystemTime::now();
        let w = Duration::from_secs(900);
        let fmt = httpdate::fmt_http_date;
        assert!(date_is_fresh(&fmt(now), now, w));
        assert!(date_is_fresh(&fmt(now - Duration::from_secs(800)), now, w));
        assert!(date_is_fresh(&fmt(now + Duration::from_secs(800)), now, w));
        assert!(!date_is_fresh(
            &fmt(now - Duration::from_secs(1000)),
            now,
            w
        ));
        assert!(!date_is_fresh(
            &fmt(now + Duration::from_secs(1000)),
            now,
            w
        ));
        assert!(!date_is_fresh("yesterday", now, w));
    }

    #[test]
    fn a_bad_public_key_is_a_config_error() {
        assert!(matches!(
            ResponseVerifier::from_pem("not a key"),
            Err(Error::InvalidConfig(_))
        ));
    }
}
