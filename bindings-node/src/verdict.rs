//! `Verdict` and `License` as plain JS objects.

use licensekit_core::{Family as CoreFamily, Operation as CoreOperation};
use napi_derive::napi;

use crate::outcome::{Category, Outcome};

/// The license-server API family a call went to.
#[napi(string_enum)]
#[derive(Debug, PartialEq, Eq)]
pub enum Family {
    /// FaxStore license system (FAXES / Weblutions).
    #[napi(value = "faxstore")]
    FaxStore,
    /// LicenseSpring License API v4.
    #[napi(value = "licensespring")]
    LicenseSpring,
    /// LicenseSpring Management API.
    #[napi(value = "licensespring-management")]
    LicenseSpringManagement,
    /// frameCAD Licensing API v1.
    #[napi(value = "framecad")]
    FrameCad,
}

impl From<CoreFamily> for Family {
    fn from(family: CoreFamily) -> Self {
        match family {
            CoreFamily::FaxStore => Family::FaxStore,
            CoreFamily::LicenseSpring => Family::LicenseSpring,
            CoreFamily::LicenseSpringManagement => Family::LicenseSpringManagement,
            CoreFamily::FrameCad => Family::FrameCad,
        }
    }
}

/// The operation a call performed (the core's snake_case names).
#[napi(string_enum)]
#[derive(Debug, PartialEq, Eq)]
pub enum Operation {
    /// Ask whether the license is valid.
    #[napi(value = "check")]
    Check,
    /// FaxStore: one key against several products.
    #[napi(value = "check_multiple")]
    CheckMultiple,
    /// FaxStore: the legacy v1 `checkitem` endpoint.
    #[napi(value = "check_v1")]
    CheckV1,
    /// Take a seat for this device.
    #[napi(value = "activate")]
    Activate,
    /// frameCAD: validate an activation.
    #[napi(value = "validate")]
    Validate,
    /// frameCAD: check and record a last-seen time.
    #[napi(value = "status")]
    Status,
    /// Free this device's seat.
    #[napi(value = "deactivate")]
    Deactivate,
}

impl From<CoreOperation> for Operation {
    fn from(operation: CoreOperation) -> Self {
        match operation {
            CoreOperation::Check => Operation::Check,
            CoreOperation::CheckMultiple => Operation::CheckMultiple,
            CoreOperation::CheckV1 => Operation::CheckV1,
            CoreOperation::Activate => Operation::Activate,
            CoreOperation::Validate => Operation::Validate,
            CoreOperation::Status => Operation::Status,
            CoreOperation::Deactivate => Operation::Deactivate,
        }
    }
}

/// The common view of a license across families; fields a family does not report are absent.
#[napi(object)]
#[derive(Debug)]
pub struct License {
    /// The license key as the server echoed it.
    pub key: Option<String>,
    /// The server's license id.
    pub id: Option<String>,
    /// The product (FaxStore product id, LicenseSpring short code).
    pub product: Option<String>,
    /// LicenseSpring `license_type` (`perpetual`, `time-limited`, `subscription`, `consumption`).
    pub license_type: Option<String>,
    /// The vendor's state word (FaxStore `status`, frameCAD `status`).
    pub status: Option<String>,
    /// Expiry, ISO-8601 as the server wrote it; absent when none was reported.
    pub expires_at: Option<String>,
    /// LicenseSpring `license_enabled`.
    pub enabled: Option<bool>,
    /// LicenseSpring `license_active`.
    pub active: Option<bool>,
    /// LicenseSpring `is_trial`.
    pub is_trial: Option<bool>,
    /// Seats taken.
    pub seats_used: Option<f64>,
    /// Seats in total.
    pub seats_max: Option<f64>,
    /// Feature codes the license grants.
    pub features: Vec<String>,
    /// The machine the license is bound to (frameCAD `machine_key`, Management `hardware_id`).
    pub machine_key: Option<String>,
}

impl From<licensekit_core::License> for License {
    fn from(l: licensekit_core::License) -> Self {
        License {
            key: l.key,
            id: l.id,
            product: l.product,
            license_type: l.license_type,
            status: l.status,
            expires_at: l.expires_at,
            enabled: l.enabled,
            active: l.active,
            is_trial: l.is_trial,
            seats_used: l.seats_used.map(|n| n as f64),
            seats_max: l.seats_max.map(|n| n as f64),
            features: l.features,
            machine_key: l.machine_key,
        }
    }
}

/// What one operation came to: the outcome, where it came from, and what the server said.
/// The client methods resolve with it when `granted`, and reject with a `LicenseError` whose
/// `verdict` it is otherwise.
#[napi(object)]
#[derive(Debug)]
pub struct Verdict {
    /// The unified outcome (`Outcome.VALID`, `Outcome.KEY_NOT_FOUND`, …).
    pub outcome: Outcome,
    /// The outcome's name (`'KEY_NOT_FOUND'`), as in `err.code`.
    #[napi(ts_type = "keyof typeof Outcome")]
    pub code: String,
    /// Which side decided: `'granted'`, `'refused'`, `'request'` or `'client'`.
    pub category: Category,
    /// True for `VALID` and `DEACTIVATED`.
    pub granted: bool,
    /// Whether asking again later may give another answer.
    pub retryable: bool,
    /// The family asked.
    pub family: Family,
    /// The operation performed.
    pub operation: Operation,
    /// The vendor's own code: FaxStore status, LicenseSpring `code`, frameCAD number as text.
    pub vendor_code: Option<String>,
    /// The HTTP status of the last attempt, when one came back.
    pub http_status: Option<u32>,
    /// The vendor's human text, or what went wrong in transport.
    pub message: Option<String>,
    /// The server's time: frameCAD `now`, else the response `Date` header.
    pub server_time: Option<String>,
    /// The typed view of the license, when the answer described one.
    pub license: Option<License>,
    /// The parsed response body (a string for a plain-text body).
    #[napi(ts_type = "unknown")]
    pub raw: Option<serde_json::Value>,
    /// How many HTTP attempts were made (1 + retries; 0 when nothing was sent).
    pub attempts: u32,
}

impl From<licensekit_core::Verdict> for Verdict {
    fn from(v: licensekit_core::Verdict) -> Self {
        let info = v.outcome.info();
        Verdict {
            outcome: v.outcome.into(),
            code: info.name.to_owned(),
            category: info.category.into(),
            granted: v.outcome.is_granted(),
            retryable: info.retryable,
            family: v.family.into(),
            operation: v.operation.into(),
            vendor_code: v.vendor_code,
            http_status: v.http_status.map(u32::from),
            message: v.message,
            server_time: v.server_time,
            license: v.license.map(License::from),
            raw: v.raw,
            attempts: v.attempts,
        }
    }
}
