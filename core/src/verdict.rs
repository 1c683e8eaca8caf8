//! The one result type of every operation: what the server said (or why we could not ask),
//! mapped onto the outcome table, with a typed view of the license and the raw body.

use serde::Serialize;
use serde_json::Value;

use crate::secret::{mask, masked_opt};
use crate::{Family, Operation, Outcome};

/// The common view of a license across families; every field is optional because the families
/// report different things.
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct License {
    /// The license key (as echoed by the server where it echoes it).
    pub key: Option<String>,
    /// The server's license id.
    pub id: Option<String>,
    /// The product (FaxStore product id, LicenseSpring short code).
    pub product: Option<String>,
    /// LicenseSpring `license_type` (`perpetual`, `time-limited`, `subscription`, `consumption`).
    pub license_type: Option<String>,
    /// The vendor's state word (FaxStore `status`, frameCAD `status`).
    pub status: Option<String>,
    /// Expiry, ISO-8601 as the server wrote it; `None` = no expiry reported.
    pub expires_at: Option<String>,
    /// LicenseSpring `license_enabled`.
    pub enabled: Option<bool>,
    /// LicenseSpring `license_active`.
    pub active: Option<bool>,
    /// LicenseSpring `is_trial`.
    pub is_trial: Option<bool>,
    /// Seats taken (LicenseSpring `times_activated`).
    pub seats_used: Option<u64>,
    /// Seats in total (LicenseSpring `max_activations`).
    pub seats_max: Option<u64>,
    /// Feature codes the license grants.
    pub features: Vec<String>,
    /// The machine the license is bound to (frameCAD `machine_key`, Management `hardware_id`).
    pub machine_key: Option<String>,
}

impl License {
    fn masked(&self) -> License {
        License {
            key: self.key.as_deref().map(mask),
            ..self.clone()
        }
    }
}

impl std::fmt::Debug for License {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("License")
            .field("key", &masked_opt(&self.key))
            .field("id", &self.id)
            .field("product", &self.product)
            .field("license_type", &self.license_type)
            .field("status", &self.status)
            .field("expires_at", &self.expires_at)
            .field("enabled", &self.enabled)
            .field("active", &self.active)
            .field("is_trial", &self.is_trial)
            .field("seats_used", &self.seats_used)
            .field("seats_max", &self.seats_max)
            .field("features", &self.features)
            .field("machine_key", &self.machine_key)
            .finish()
    }
}

/// What one operation came to.
#[derive(Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The unified outcome.
    pub outcome: Outcome,
    /// The family asked.
    pub family: Family,
    /// The operation performed.
    pub operation: Operation,
    /// The vendor's raw code: FaxStore status string, LicenseSpring `code`, frameCAD number as
    /// decimal text; `None` when the answer had none (success bodies, transport failures).
    pub vendor_code: Option<String>,
    /// The HTTP status of the last attempt, if one came back.
    pub http_status: Option<u16>,
    /// The vendor's human text, or the transport failure's text for client outcomes.
    pub message: Option<String>,
    /// The server's time: frameCAD `now`, else the response `Date` header.
    pub server_time: Option<String>,
    /// The typed view of the license, when the answer described one.
    pub license: Option<License>,
    /// The parsed response body (a JSON string for a plain-text body).
    pub raw: Option<Value>,
    /// How many HTTP attempts were made (1 + retries; 0 when nothing was sent).
    pub attempts: u32,
}

impl Verdict {
    /// A verdict with only the outcome and where it came from filled in.
    pub fn new(family: Family, operation: Operation, outcome: Outcome) -> Verdict {
        Verdict {
            outcome,
            family,
            operation,
            vendor_code: None,
            http_status: None,
            message: None,
            server_time: None,
            license: None,
            raw: None,
            attempts: 0,
        }
    }

    /// True when the server granted what was asked (`VALID`, `DEACTIVATED`).
    pub fn is_granted(&self) -> bool {
        self.outcome.is_granted()
    }

    /// This verdict as compact JSON with every license key masked (also inside `raw`), for logs
    /// and the CLI. Field names are the struct's; `outcome`, `family`, `operation` are names.
    pub fn to_json(&self) -> String {
        let masked = self.masked();
        serde_json::to_string(&masked).unwrap_or_else(|e| {
            format!(
                "{{\"outcome\":\"{}\",\"error\":\"{}\"}}",
                self.outcome,
                e.to_string().replace('"', "'")
            )
        })
    }

    fn masked(&self) -> Verdict {
        Verdict {
            license: self.license.as_ref().map(License::masked),
            raw: self.raw.as_ref().map(|raw| {
                let mut raw = raw.clone();
                mask_secrets_in_json(&mut raw);
                raw
            }),
            ..self.clone()
        }
    }
}

/// Field names whose string values are secrets wherever they appear in a response body.
const SECRET_FIELDS: &[&str] = &["license_key", "key", "password", "api_key", "shared_key"];

fn mask_secrets_in_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    Value::String(s) if SECRET_FIELDS.contains(&k.as_str()) => *s = mask(s),
                    _ => mask_secrets_in_json(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_secrets_in_json),
        _ => {}
    }
}

impl std::fmt::Debug for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let masked = self.masked();
        f.debug_struct("Verdict")
            .field("outcome", &masked.outcome)
            .field("family", &masked.family)
            .field("operation", &masked.operation)
            .field("vendor_code", &masked.vendor_code)
            .field("http_status", &masked.http_status)
            .field("message", &masked.message)
            .field("server_time", &masked.server_time)
            .field("license", &masked.license)
            .field("raw", &masked.raw)
            .field("attempts", &masked.attempts)
            .finish()
    }
}

/// One line: `KEY_NOT_FOUND (framecad activate: code 1, HTTP 404, "…")`. No key appears.
impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} {}", self.outcome, self.family, self.operation)?;
        if let Some(code) = &self.vendor_code {
            write!(f, ": code {code}")?;
        }
        if let Some(status) = self.http_status {
            write!(f, ", HTTP {status}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ", {message:?}")?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Verdict {
        let mut v = Verdict::new(Family::LicenseSpring, Operation::Check, Outcome::VALID);
        v.license = Some(License {
            key: Some("AAAA-BBBB-CCCC-DDDD".into()),
            ..License::default()
        });
        v.raw = Some(serde_json::json!({
            "license_key": "AAAA-BBBB-CCCC-DDDD",
            "nested": [{"license_key": "EEEE-FFFF-GGGG-HHHH"}],
            "id": 1001
        }));
        v.http_status = Some(200);
        v.attempts = 1;
        v
    }

    #[test]
    fn debug_display_and_json_never_show_a_license_key() {
        let v = sample();
        for text in [format!("{v:?}"), format!("{v}"), v.to_json()] {
            assert!(!text.contains("AAAA-BBBB"), "{text}");
            assert!(!text.contains("EEEE-FFFF"), "{text}");
        }
        assert!(v.to_json().contains("***************DDDD"));
        // The caller's own value stays intact.
        assert_eq!(
            v.raw.as_ref().unwrap()["license_key"],
            "AAAA-BBBB-CCCC-DDDD"
        );
    }

    #[test]
    fn json_names_outcome_family_and_operation() {
        let json: Value = serde_json::from_str(&sample().to_json()).unwrap();
        assert_eq!(json["outcome"], "VALID");
        assert_eq!(json["family"], "licensespring");
        assert_eq!(json["operation"], "check");
        assert_eq!(json["attempts"], 1);
    }
}
