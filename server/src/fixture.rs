//! The fixture: the licenses the server serves, in the format of TEST_SERVER.md plus optional
//! fields (every one defaulted, unknown fields ignored). The same types hold the live state, so
//! `GET /__admin/state` and the `--state` file are fixtures too and load back unchanged.

use crate::clock::{format_framecad, format_licensespring, parse_timestamp};
use crate::json_compat;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::path::Path;

/// The bundled demo fixture, served when no `--fixture` is given.
pub const DEMO_FIXTURE: &str = include_str!("../fixtures/demo.json");

/// A whole fixture; every section is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Fixture {
    /// FaxStore license system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faxstore: Option<FaxStore>,
    /// LicenseSpring License API v4 and Management API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensespring: Option<LicenseSpring>,
    /// frameCAD Licensing API v1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framecad: Option<FrameCad>,
}

// ---------------------------------------------------------------- FaxStore

/// FaxStore section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct FaxStore {
    /// Shown in the `AUTHORISED` details.
    pub site_url: String,
    /// Whether the legacy `/api/checkitem/{id}` endpoint is served.
    pub v1_enabled: bool,
    /// Known products.
    pub products: Vec<FsProduct>,
    /// License keys.
    pub licenses: Vec<FsLicense>,
}

impl Default for FaxStore {
    fn default() -> Self {
        FaxStore {
            site_url: "https://license.example.com".into(),
            v1_enabled: true,
            products: Vec::new(),
            licenses: Vec::new(),
        }
    }
}

/// A FaxStore product.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsProduct {
    /// Numeric product id (the path segment).
    pub id: u64,
    /// Display name.
    pub name: String,
    /// A deleted product answers `NOT FOUND` like an unknown one.
    pub deleted: bool,
}

/// FaxStore key state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FsState {
    /// Usable.
    #[default]
    Active,
    /// Marked inactive by the user: `NOT ACTIVE`.
    Inactive,
    /// Disabled by staff: `KEY DISABLED`.
    Disabled,
}

/// A FaxStore license key.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsLicense {
    /// The key clients send in `authorization`.
    pub key: String,
    /// Product ids the key covers.
    pub products: Vec<u64>,
    /// Key state.
    pub state: FsState,
    /// The only IP allowed, or null for any.
    pub ip: Option<String>,
    /// Recorded requests (bookkeeping; the latest 50; skipped when `log` is false).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_log: Vec<FsRequest>,
}

/// One recorded FaxStore request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FsRequest {
    /// When (RFC 3339).
    pub at: String,
    /// Product ids asked for.
    pub products: Vec<u64>,
    /// Caller IP as judged by the server.
    pub ip: String,
    /// The client's `info`.
    pub info: Option<String>,
}

// ---------------------------------------------------------------- LicenseSpring

/// LicenseSpring section.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct LicenseSpring {
    /// API key for the License API (`apikey=` in Authorization).
    pub api_key: String,
    /// HMAC key for request signatures.
    pub shared_key: String,
    /// Key for the Management API (`Authorization: Api-Key …`).
    pub management_api_key: String,
    /// API keys answered with `revoked_api_key`.
    pub revoked_api_keys: Vec<String>,
    /// API keys that may only check (`read_only_api_key` on activate/deactivate).
    pub read_only_api_keys: Vec<String>,
    /// Accepted OAuth bearer tokens.
    pub bearer_tokens: Vec<String>,
    /// Bearer tokens answered with `oauth_token_expired`.
    pub expired_bearer_tokens: Vec<String>,
    /// Products.
    pub products: Vec<LsProduct>,
    /// Licenses.
    pub licenses: Vec<LsLicense>,
}

/// A LicenseSpring product.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LsProduct {
    /// Numeric id (assigned when absent).
    pub id: u64,
    /// The `product` parameter clients send.
    pub short_code: String,
    /// Display name.
    pub name: String,
    /// `license-key` or `user`.
    pub authorization_method: String,
    /// An `app_ver` below this gets `product_version_not_supported`.
    pub min_app_version: Option<String>,
    /// `false`: `disabled_product`.
    pub enabled: bool,
    /// Echoed in `product_details.metadata`.
    pub metadata: Value,
}

impl Default for LsProduct {
    fn default() -> Self {
        LsProduct {
            id: 0,
            short_code: String::new(),
            name: String::new(),
            authorization_method: "license-key".into(),
            min_app_version: None,
            enabled: true,
            metadata: Value::Object(Default::default()),
        }
    }
}

/// A LicenseSpring license.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LsLicense {
    /// Numeric id (assigned when absent).
    pub id: u64,
    /// Product short code.
    pub product: String,
    /// Key (key-based licenses).
    pub license_key: Option<String>,
    /// User (user-based licenses).
    pub username: Option<String>,
    /// Password checked on activate when set.
    pub password: Option<String>,
    /// `perpetual` | `time-limited` | `subscription` | `consumption`.
    pub license_type: String,
    /// `false`: `license_not_enabled`.
    pub enabled: bool,
    /// `false`: `license_not_active`.
    pub active: bool,
    /// Expiry (normalised to `YYYY-MM-DDTHH:mm:ss.SSSZ`), null = never.
    pub validity_period: Option<String>,
    /// Seats.
    pub max_activations: u64,
    /// Ignore `max_activations`.
    pub allow_unlimited_activations: bool,
    /// Consumption limit.
    pub max_consumptions: u64,
    /// Consumptions used.
    pub total_consumptions: u64,
    /// Ignore `max_consumptions`.
    pub allow_unlimited_consumptions: bool,
    /// Allow `max_overages` beyond `max_consumptions` (0 = unlimited overages).
    pub allow_overages: bool,
    /// Overage allowance.
    pub max_overages: u64,
    /// Floating license.
    pub is_floating: bool,
    /// Echoed; defaults to `is_floating`.
    pub is_floating_cloud: Option<bool>,
    /// Concurrent floating slots (0 = unlimited).
    pub floating_slots: u64,
    /// Minutes a floating slot stays taken after the last activate/check.
    pub floating_timeout: u64,
    /// Slots currently taken.
    pub floating_in_use: Vec<FloatingSlot>,
    /// Trial license: expiry answers `trial_expired`.
    pub is_trial: bool,
    /// Activate with `is_vm: true` answers `vm_not_allowed`.
    pub prevent_vm: bool,
    /// Transfers allowed (0 = unlimited).
    pub max_transfers: u64,
    /// Transfers used (a deactivation is a transfer).
    pub transfer_count: u64,
    /// Echoed.
    pub start_date: Option<String>,
    /// Echoed.
    pub maintenance_period: Option<String>,
    /// Echoed.
    pub grace_period: u64,
    /// Echoed.
    pub allow_grace_period: bool,
    /// Features.
    pub features: Vec<LsFeature>,
    /// Echoed custom fields.
    pub custom_fields: Vec<CustomField>,
    /// Echoed customer.
    pub customer: Customer,
    /// Echoed license metadata.
    pub metadata: Value,
    /// Hardware ids holding a seat.
    pub devices: Vec<String>,
    /// Hardware ids refused with `blacklisted`.
    pub blacklisted_devices: Vec<String>,
    /// Answer 200 with `license_enabled`/`license_active`/`is_expired` saying so, instead of
    /// the error code.
    pub status_in_body: bool,
    /// Answer every request for this license with this error code (`internal_error` → 500).
    pub simulate_error: Option<String>,
}

impl Default for LsLicense {
    fn default() -> Self {
        LsLicense {
            id: 0,
            product: String::new(),
            license_key: None,
            username: None,
            password: None,
            license_type: "perpetual".into(),
            enabled: true,
            active: true,
            validity_period: None,
            max_activations: 1,
            allow_unlimited_activations: false,
            max_consumptions: 0,
            total_consumptions: 0,
            allow_unlimited_consumptions: false,
            allow_overages: false,
            max_overages: 0,
            is_floating: false,
            is_floating_cloud: None,
            floating_slots: 0,
            floating_timeout: 120,
            floating_in_use: Vec::new(),
            is_trial: false,
            prevent_vm: false,
            max_transfers: 0,
            transfer_count: 0,
            start_date: None,
            maintenance_period: None,
            grace_period: 0,
            allow_grace_period: false,
            features: Vec::new(),
            custom_fields: Vec::new(),
            customer: Customer::default(),
            metadata: Value::Object(Default::default()),
            devices: Vec::new(),
            blacklisted_devices: Vec::new(),
            status_in_body: false,
            simulate_error: None,
        }
    }
}

/// A taken floating slot. A fixture may give just the hardware id (taken until released).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FloatingSlot {
    /// The device holding the slot.
    pub hardware_id: String,
    /// When the slot frees itself (LicenseSpring form), null = held until deactivated.
    pub expires_at: Option<String>,
}

impl<'de> Deserialize<'de> for FloatingSlot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Id(String),
            Full {
                hardware_id: String,
                #[serde(default)]
                expires_at: Option<String>,
            },
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Id(hardware_id) => FloatingSlot {
                hardware_id,
                expires_at: None,
            },
            Raw::Full {
                hardware_id,
                expires_at,
            } => FloatingSlot {
                hardware_id,
                expires_at,
            },
        })
    }
}

/// A license feature.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct LsFeature {
    /// Numeric id (assigned when absent).
    pub id: u64,
    /// Feature code.
    pub code: String,
    /// Display name.
    pub name: String,
    /// Expiry; expired features are left out unless `include_expired_features=true`.
    pub expiry_date: Option<String>,
    /// Echoed.
    pub metadata: Value,
}

impl Default for LsFeature {
    fn default() -> Self {
        LsFeature {
            id: 0,
            code: String::new(),
            name: String::new(),
            expiry_date: None,
            metadata: Value::Object(Default::default()),
        }
    }
}

/// A custom field.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomField {
    /// Name.
    pub name: String,
    /// Value (echoed as given).
    pub value: Value,
}

/// The license's customer (all strings, empty when unknown).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    /// E-mail.
    pub email: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Company.
    pub company_name: String,
    /// Phone.
    pub phone: String,
    /// Reference.
    pub reference: String,
}

// ---------------------------------------------------------------- frameCAD

/// frameCAD section.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FrameCad {
    /// Known client keys.
    pub clients: Vec<String>,
    /// Known product keys.
    pub products: Vec<String>,
    /// Licenses.
    pub licenses: Vec<FcLicense>,
}

/// frameCAD license status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FcStatus {
    /// Never activated.
    #[default]
    Free,
    /// Bound to a client and machine.
    Activated,
    /// Revoked by the vendor.
    Revoked,
    /// Expired.
    Expired,
    /// Deactivated (unbound).
    Deactivated,
}

impl FcStatus {
    /// The wire word.
    pub fn as_str(self) -> &'static str {
        match self {
            FcStatus::Free => "free",
            FcStatus::Activated => "activated",
            FcStatus::Revoked => "revoked",
            FcStatus::Expired => "expired",
            FcStatus::Deactivated => "deactivated",
        }
    }
}

/// A frameCAD license.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FcLicense {
    /// Numeric id (assigned when absent).
    pub id: u64,
    /// The key.
    pub license_key: String,
    /// Product the license is for (null = any).
    pub product_key: Option<String>,
    /// Status.
    pub status: FcStatus,
    /// Client holding it.
    pub client_key: Option<String>,
    /// Machine holding it.
    pub machine_key: Option<String>,
    /// Expiry, null = never.
    pub expiration_date: Option<String>,
    /// Creation time (set at load when absent).
    pub created_at: Option<String>,
    /// Last change (set at load when absent; touched by activate/validate/deactivate).
    pub updated_at: Option<String>,
    /// Last `status` call.
    pub last_seen_at: Option<String>,
    /// Answer every request for this license with this code (e.g. 13 `unknown`).
    pub simulate_code: Option<u8>,
}

// ---------------------------------------------------------------- loading

/// Reads and validates a fixture file; the error names the file and the problem.
pub fn load_file(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses and validates fixture JSON bytes.
pub fn parse(bytes: &[u8]) -> Result<Fixture, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file (expected a JSON fixture object)".into());
    }
    let mut raw: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    if !raw.is_object() {
        return Err("the fixture must be a JSON object".into());
    }
    json_compat::normalise(&mut raw, "$")?;
    let mut fixture: Fixture = serde_json::from_value(raw)
        .map_err(|e| format!("does not match the fixture format: {e}"))?;
    validate(&mut fixture)?;
    Ok(fixture)
}

/// Checks cross-references and value ranges, fills defaults that depend on other fields
/// (ids, timestamps) and normalises timestamps to the vendors' formats.
fn validate(f: &mut Fixture) -> Result<(), String> {
    if let Some(fs) = &f.faxstore {
        for (i, l) in fs.licenses.iter().enumerate() {
            if l.key.trim().is_empty() {
                return Err(format!(
                    "faxstore.licenses[{i}]: \"key\" is missing or empty"
                ));
            }
            if let Some(ip) = &l.ip
                && ip.trim().parse::<std::net::IpAddr>().is_err()
            {
                return Err(format!(
                    "faxstore.licenses[{i}]: \"ip\" {ip:?} is not an IP address"
                ));
            }
        }
    }
    if let Some(ls) = &mut f.licensespring {
        let mut next_id = ls
            .products
            .iter()
            .map(|p| p.id)
            .max()
            .unwrap_or(0)
            .max(1000);
        for (i, p) in ls.products.iter_mut().enumerate() {
            if p.short_code.is_empty() {
                return Err(format!(
                    "licensespring.products[{i}]: \"short_code\" is missing or empty"
                ));
            }
            if !matches!(p.authorization_method.as_str(), "license-key" | "user") {
                return Err(format!(
                    "licensespring.products[{i}]: \"authorization_method\" must be \"license-key\" or \"user\", not {:?}",
                    p.authorization_method
                ));
            }
            if p.id == 0 {
                next_id += 1;
                p.id = next_id;
            }
            if p.metadata.is_null() {
                p.metadata = Value::Object(Default::default());
            }
        }
        let mut next_id = ls
            .licenses
            .iter()
            .map(|l| l.id)
            .max()
            .unwrap_or(0)
            .max(100_000);
        let mut next_feature = 1u64;
        let products: Vec<String> = ls.products.iter().map(|p| p.short_code.clone()).collect();
        for (i, l) in ls.licenses.iter_mut().enumerate() {
            let at = format!("licensespring.licenses[{i}]");
            if !products.contains(&l.product) {
                return Err(format!(
                    "{at}: \"product\" {:?} is not among licensespring.products",
                    l.product
                ));
            }
            if l.license_key.as_deref().unwrap_or("").is_empty()
                && l.username.as_deref().unwrap_or("").is_empty()
            {
                return Err(format!("{at}: needs a \"license_key\" or a \"username\""));
            }
            if !matches!(
                l.license_type.as_str(),
                "perpetual" | "time-limited" | "subscription" | "consumption"
            ) {
                return Err(format!(
                    "{at}: \"license_type\" must be perpetual, time-limited, subscription or consumption, not {:?}",
                    l.license_type
                ));
            }
            if l.id == 0 {
                next_id += 1;
                l.id = next_id;
            }
            l.validity_period =
                normalise_ls_time(&l.validity_period, &format!("{at}.validity_period"))?;
            for (j, feature) in l.features.iter_mut().enumerate() {
                feature.expiry_date = normalise_ls_time(
                    &feature.expiry_date,
                    &format!("{at}.features[{j}].expiry_date"),
                )?;
                if feature.id == 0 {
                    feature.id = next_feature;
                }
                next_feature = next_feature.max(feature.id) + 1;
                if feature.metadata.is_null() {
                    feature.metadata = Value::Object(Default::default());
                }
            }
            for (j, slot) in l.floating_in_use.iter_mut().enumerate() {
                slot.expires_at = normalise_ls_time(
                    &slot.expires_at,
                    &format!("{at}.floating_in_use[{j}].expires_at"),
                )?;
            }
            if let Some(code) = &l.simulate_error
                && (code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
            {
                return Err(format!(
                    "{at}: \"simulate_error\" must be an error code like \"internal_error\""
                ));
            }
            if l.metadata.is_null() {
                l.metadata = Value::Object(Default::default());
            }
        }
    }
    if let Some(fc) = &mut f.framecad {
        let now = format_framecad(time::OffsetDateTime::now_utc());
        let mut next_id = fc.licenses.iter().map(|l| l.id).max().unwrap_or(0);
        for (i, l) in fc.licenses.iter_mut().enumerate() {
            let at = format!("framecad.licenses[{i}]");
            if l.license_key.trim().is_empty() {
                return Err(format!("{at}: \"license_key\" is missing or empty"));
            }
            if l.status == FcStatus::Activated
                && (l.client_key.as_deref().unwrap_or("").is_empty()
                    || l.machine_key.as_deref().unwrap_or("").is_empty())
            {
                return Err(format!(
                    "{at}: an \"activated\" license needs its \"client_key\" and \"machine_key\""
                ));
            }
            if let Some(code) = l.simulate_code
                && code > 13
            {
                return Err(format!(
                    "{at}: \"simulate_code\" must be a frameCAD code 0..=13"
                ));
            }
            if l.id == 0 {
                next_id += 1;
                l.id = next_id;
            }
            for (name, field) in [
                ("expiration_date", &mut l.expiration_date),
                ("created_at", &mut l.created_at),
                ("updated_at", &mut l.updated_at),
                ("last_seen_at", &mut l.last_seen_at),
            ] {
                if let Some(text) = field {
                    let t = parse_timestamp(text).ok_or_else(|| {
                        format!("{at}.{name}: {text:?} is not an ISO-8601 timestamp")
                    })?;
                    *field = Some(format_framecad(t));
                }
            }
            l.created_at.get_or_insert_with(|| now.clone());
            l.updated_at.get_or_insert_with(|| now.clone());
        }
    }
    Ok(())
}

fn normalise_ls_time(value: &Option<String>, at: &str) -> Result<Option<String>, String> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_timestamp(text)
            .map(|t| Some(format_licensespring(t)))
            .ok_or_else(|| format!("{at}: {text:?} is not an ISO-8601 timestamp")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_fixture_loads() {
        let f = parse(DEMO_FIXTURE.as_bytes()).unwrap();
        assert!(f.faxstore.is_some() && f.licensespring.is_some() && f.framecad.is_some());
    }

    #[test]
    fn the_documented_minimal_format_loads_with_defaults() {
        let f = parse(
            br#"{"licensespring": {"api_key": "k", "shared_key": "s",
            "products": [{"short_code": "TP"}],
            "licenses": [{"product": "TP", "license_key": "A", "unknown_field": 1}]}}"#,
        )
        .unwrap();
        let l = &f.licensespring.unwrap().licenses[0];
        assert_eq!(
            (l.max_activations, l.enabled, l.license_type.as_str()),
            (1, true, "perpetual")
        );
    }

    #[test]
    fn a_dangling_product_reference_is_named_in_the_error() {
        let err = parse(br#"{"licensespring": {"products": [], "licenses": [{"product": "X", "license_key": "A"}]}}"#)
            .unwrap_err();
        assert!(
            err.contains("licenses[0]") && err.contains("\"X\""),
            "{err}"
        );
    }

    #[test]
    fn a_state_dump_loads_back_identically() {
        let f = parse(DEMO_FIXTURE.as_bytes()).unwrap();
        let dumped = serde_json::to_vec(&f).unwrap();
        let again = parse(&dumped).unwrap();
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            serde_json::to_value(&again).unwrap()
        );
    }
}
