//! The LicenseSpring license object, rendered straight from the live state into compact JSON
//! (typed, so field order is stable and nothing is built twice), with the signatures appended
//! last once they are known.

use crate::clock::{format_licensespring, parse_timestamp};
use crate::fixture::{CustomField, Customer, LsLicense, LsProduct};
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

#[derive(Serialize)]
struct ProductDetails<'a> {
    product_id: u64,
    product_name: &'a str,
    short_code: &'a str,
    authorization_method: &'a str,
    metadata: &'a Value,
}

#[derive(Serialize)]
struct Feature<'a> {
    id: u64,
    code: &'a str,
    name: &'a str,
    expiry_date: Option<&'a str>,
    metadata: &'a Value,
    feature_type: &'static str,
}

#[derive(Serialize)]
struct User<'a> {
    id: u64,
    email: &'a str,
    first_name: &'static str,
    last_name: &'static str,
    phone_number: &'static str,
    is_active: bool,
}

/// Fields the Management API adds to the object.
#[derive(Debug, Serialize)]
pub struct ManagementFields<'a> {
    /// `demo-order-<license id>`.
    pub order_store_id: String,
    /// `license id × 1000 + seat index + 1`.
    pub device_id: Option<u64>,
    /// The device asked about.
    pub hardware_id: &'a str,
    /// Not borrowed.
    pub is_borrowed: bool,
    /// Not borrowed.
    pub borrowed_until: Option<&'a str>,
    /// Release fields: no releases in a fixture.
    pub version: Option<&'a str>,
    /// Release fields.
    pub installation_file: Option<&'a str>,
    /// Release fields.
    pub release_date: Option<&'a str>,
    /// Release fields.
    pub hash_md5: Option<&'a str>,
    /// Release fields.
    pub requires_version: Option<&'a str>,
    /// Release fields.
    pub environment: Option<&'a str>,
    /// Release fields.
    pub eula_link: Option<&'a str>,
    /// Release fields.
    pub release_notes_link: Option<&'a str>,
    /// Release fields.
    pub size: Option<&'a str>,
    /// Release fields.
    pub channel: Option<&'a str>,
    /// Server time.
    pub date: String,
    /// No offline activation.
    pub offline_signature: Option<&'a str>,
}

#[derive(Serialize)]
struct LicenseObject<'a> {
    id: u64,
    license_key: Option<&'a str>,
    license_type: &'a str,
    validity_period: Option<&'a str>,
    license_active: bool,
    license_enabled: bool,
    is_expired: bool,
    is_trial: bool,
    is_floating: bool,
    is_floating_cloud: bool,
    floating_timeout: u64,
    floating_in_use_devices: usize,
    max_activations: u64,
    times_activated: usize,
    allow_unlimited_activations: bool,
    transfer_count: u64,
    max_transfers: u64,
    prevent_vm: bool,
    start_date: Option<&'a str>,
    maintenance_period: Option<&'a str>,
    grace_period: u64,
    allow_grace_period: bool,
    max_consumptions: u64,
    total_consumptions: u64,
    allow_unlimited_consumptions: bool,
    allow_overages: bool,
    max_overages: u64,
    product_details: ProductDetails<'a>,
    product_features: Vec<Feature<'a>>,
    custom_fields: &'a [CustomField],
    customer: &'a Customer,
    metadata: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<User<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    management: Option<ManagementFields<'a>>,
}

/// Initial buffer for a rendered object: the demo licenses render to ~1.5 KB, and the two
/// signatures appended later add ~0.7 KB.
const RENDER_CAPACITY: usize = 3 * 1024;

/// A rendered license object still waiting for its signature fields.
#[derive(Debug)]
pub struct Unsigned(Vec<u8>);

impl Unsigned {
    /// Appends `"name":"value"` pairs (values are base64, so no escaping is needed) and closes
    /// the object.
    pub fn finish(self, fields: &[(&str, &str)]) -> Vec<u8> {
        let mut body = self.0;
        body.pop(); // the closing brace
        for (name, value) in fields {
            body.extend_from_slice(b",\"");
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(b"\":\"");
            body.extend_from_slice(value.as_bytes());
            body.push(b'"');
        }
        body.push(b'}');
        body
    }
}

/// Renders the object every official client reads; expired features only when asked for.
pub fn render(
    p: &LsProduct,
    l: &LsLicense,
    now: OffsetDateTime,
    include_expired_features: bool,
    management: Option<ManagementFields<'_>>,
) -> Unsigned {
    let before_now = |t: Option<&str>| t.and_then(parse_timestamp).is_some_and(|end| end < now);
    let object = LicenseObject {
        id: l.id,
        license_key: l.license_key.as_deref(),
        license_type: &l.license_type,
        validity_period: l.validity_period.as_deref(),
        license_active: l.active,
        license_enabled: l.enabled,
        is_expired: before_now(l.validity_period.as_deref()),
        is_trial: l.is_trial,
        is_floating: l.is_floating,
        is_floating_cloud: l.is_floating_cloud.unwrap_or(l.is_floating),
        floating_timeout: l.floating_timeout,
        floating_in_use_devices: l.floating_in_use.len(),
        max_activations: l.max_activations,
        times_activated: l.devices.len(),
        allow_unlimited_activations: l.allow_unlimited_activations,
        transfer_count: l.transfer_count,
        max_transfers: l.max_transfers,
        prevent_vm: l.prevent_vm,
        start_date: l.start_date.as_deref(),
        maintenance_period: l.maintenance_period.as_deref(),
        grace_period: l.grace_period,
        allow_grace_period: l.allow_grace_period,
        max_consumptions: l.max_consumptions,
        total_consumptions: l.total_consumptions,
        allow_unlimited_consumptions: l.allow_unlimited_consumptions,
        allow_overages: l.allow_overages,
        max_overages: l.max_overages,
        product_details: ProductDetails {
            product_id: p.id,
            product_name: &p.name,
            short_code: &p.short_code,
            authorization_method: &p.authorization_method,
            metadata: &p.metadata,
        },
        product_features: l
            .features
            .iter()
            .filter(|f| include_expired_features || !before_now(f.expiry_date.as_deref()))
            .map(|f| Feature {
                id: f.id,
                code: &f.code,
                name: &f.name,
                expiry_date: f.expiry_date.as_deref(),
                metadata: &f.metadata,
                feature_type: "activation",
            })
            .collect(),
        custom_fields: &l.custom_fields,
        customer: &l.customer,
        metadata: &l.metadata,
        user: l.username.as_deref().map(|email| User {
            id: l.id,
            email,
            first_name: "",
            last_name: "",
            phone_number: "",
            is_active: true,
        }),
        management,
    };
    // Sized for a typical object plus its signature fields, so rendering does not grow the
    // buffer step by step (each step a realloc and a copy; perf showed ~3 % of the server's CPU).
    let mut body = Vec::with_capacity(RENDER_CAPACITY);
    // Serialising plain structs and JSON values into a Vec cannot fail.
    match serde_json::to_writer(&mut body, &object) {
        Ok(()) => Unsigned(body),
        Err(_) => Unsigned(b"{}".to_vec()),
    }
}

/// The stretch of time around `now` over which every clock-derived field of `l`'s object
/// (`is_expired`, which features are past their expiry) stays the same: a rendering made at
/// `now` is identical at any instant `at` with [`TimeWindow::contains`]. The clock can also move
/// backwards (admin clock offset), hence a lower bound as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    /// Latest boundary strictly before `now`: valid only after it.
    after: Option<OffsetDateTime>,
    /// Earliest boundary at or after `now`: valid up to and including it.
    until: Option<OffsetDateTime>,
}

impl TimeWindow {
    /// The window around `now` for `l` (boundaries: its validity end and feature expiries,
    /// each compared with `end < now` when rendering).
    pub fn around(l: &LsLicense, now: OffsetDateTime) -> TimeWindow {
        let mut window = TimeWindow {
            after: None,
            until: None,
        };
        let ends = std::iter::once(l.validity_period.as_deref())
            .chain(l.features.iter().map(|f| f.expiry_date.as_deref()))
            .filter_map(|t| t.and_then(parse_timestamp));
        for end in ends {
            if end < now {
                window.after = Some(window.after.map_or(end, |a| a.max(end)));
            } else {
                window.until = Some(window.until.map_or(end, |u| u.min(end)));
            }
        }
        window
    }

    /// Whether every clock-derived field is the same at `at` as at the window's `now`.
    pub fn contains(&self, at: OffsetDateTime) -> bool {
        self.after.is_none_or(|a| a < at) && self.until.is_none_or(|u| at <= u)
    }
}

/// Management API fields for a license and device.
pub fn management_fields<'a>(
    l: &LsLicense,
    hardware_id: &'a str,
    now: OffsetDateTime,
) -> ManagementFields<'a> {
    ManagementFields {
        order_store_id: format!("demo-order-{}", l.id),
        device_id: l
            .devices
            .iter()
            .position(|d| d == hardware_id)
            .map(|i| l.id * 1000 + i as u64 + 1),
        hardware_id,
        is_borrowed: false,
        borrowed_until: None,
        version: None,
        installation_file: None,
        release_date: None,
        hash_md5: None,
        requires_version: None,
        environment: None,
        eula_link: None,
        release_notes_link: None,
        size: None,
        channel: None,
        date: format_licensespring(now),
        offline_signature: None,
    }
}
