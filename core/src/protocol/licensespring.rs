//! LicenseSpring License API v4: activate, check and deactivate, with HMAC-signed requests and
//! verified responses (the `LicenseSignature` header over the exact body, the v1
//! `license_signature` field, and a fresh `Date`).

use std::time::{Duration, SystemTime};

use crate::transport::Method;
use crate::transport::RequestBuilder;
use serde_json::{Map, Value};

use super::{answered, invalid, optional, required, text, with_body};
use crate::mapping::{LicenseFlags, Reply, map_reply};
use crate::secret::masked_opt;
use crate::signature::{ResponseVerifier, authorization_header, date_is_fresh, v1_message};
use crate::transport::{Response, Transport};
use crate::{Error, Family, License, Operation, Outcome, Verdict};

/// `POST /api/v4/activate_license`: take a seat for this device.
#[derive(Clone, Default)]
pub struct ActivateRequest {
    /// Product short code.
    pub product: String,
    /// License key (key-based products); give this or `username`.
    pub license_key: Option<String>,
    /// User (user-based products); give this or `license_key`.
    pub username: Option<String>,
    /// Password of `username`.
    pub password: Option<String>,
    /// Device id; `None` = this machine's fingerprint for `product`.
    pub hardware_id: Option<String>,
    /// Pick one license of a user with several.
    pub license_id: Option<u64>,
    /// Application version (checked against the license's allowed versions).
    pub app_ver: Option<String>,
    /// Operating system version, for the vendor's dashboard.
    pub os_ver: Option<String>,
    /// Host name, for the vendor's dashboard.
    pub hostname: Option<String>,
    /// Whether this device is a virtual machine.
    pub is_vm: Option<bool>,
}

/// `GET /api/v4/check_license`: is this device's activation valid?
#[derive(Clone, Default)]
pub struct CheckRequest {
    /// Product short code.
    pub product: String,
    /// License key; give this or `username`.
    pub license_key: Option<String>,
    /// User; give this or `license_key`.
    pub username: Option<String>,
    /// Device id; `None` = this machine's fingerprint for `product`.
    pub hardware_id: Option<String>,
    /// Pick one license of a user with several.
    pub license_id: Option<u64>,
    /// Application version.
    pub app_ver: Option<String>,
    /// Also list features that have expired.
    pub include_expired_features: Option<bool>,
}

/// `POST /api/v4/deactivate_license`: free this device's seat.
#[derive(Clone, Default)]
pub struct DeactivateRequest {
    /// Product short code.
    pub product: String,
    /// License key; give this or `username`.
    pub license_key: Option<String>,
    /// User; give this or `license_key`.
    pub username: Option<String>,
    /// Device id; `None` = this machine's fingerprint for `product`.
    pub hardware_id: Option<String>,
    /// Pick one license of a user with several.
    pub license_id: Option<u64>,
}

impl std::fmt::Debug for ActivateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActivateRequest")
            .field("product", &self.product)
            .field("license_key", &masked_opt(&self.license_key))
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("hardware_id", &self.hardware_id)
            .field("license_id", &self.license_id)
            .field("app_ver", &self.app_ver)
            .field("os_ver", &self.os_ver)
            .field("hostname", &self.hostname)
            .field("is_vm", &self.is_vm)
            .finish()
    }
}

impl std::fmt::Debug for CheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckRequest")
            .field("product", &self.product)
            .field("license_key", &masked_opt(&self.license_key))
            .field("username", &self.username)
            .field("hardware_id", &self.hardware_id)
            .field("license_id", &self.license_id)
            .field("app_ver", &self.app_ver)
            .field("include_expired_features", &self.include_expired_features)
            .finish()
    }
}

impl std::fmt::Debug for DeactivateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeactivateRequest")
            .field("product", &self.product)
            .field("license_key", &masked_opt(&self.license_key))
            .field("username", &self.username)
            .field("hardware_id", &self.hardware_id)
            .field("license_id", &self.license_id)
            .finish()
    }
}

/// Checks the fields every LicenseSpring call shares. The server, not the client, decides
/// whether a key or user is missing (`license_key_required` → `MISSING_PARAMETER`).
pub(crate) fn validate_identity(
    product: &str,
    license_key: Option<&str>,
    username: Option<&str>,
    hardware_id: Option<&str>,
) -> Result<(), Error> {
    required("product", product)?;
    optional("license_key", license_key)?;
    optional("username", username)?;
    optional("hardware_id", hardware_id)?;
    if license_key.is_some() && username.is_some() {
        return Err(Error::InvalidArgument(
            "give license_key or username, not both".into(),
        ));
    }
    Ok(())
}

impl ActivateRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        validate_identity(
            &self.product,
            self.license_key.as_deref(),
            self.username.as_deref(),
            self.hardware_id.as_deref(),
        )?;
        for (name, v) in [
            ("password", &self.password),
            ("app_ver", &self.app_ver),
            ("os_ver", &self.os_ver),
            ("hostname", &self.hostname),
        ] {
            optional(name, v.as_deref())?;
        }
        Ok(())
    }
}

impl CheckRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        validate_identity(
            &self.product,
            self.license_key.as_deref(),
            self.username.as_deref(),
            self.hardware_id.as_deref(),
        )?;
        optional("app_ver", self.app_ver.as_deref())
    }
}

impl DeactivateRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        validate_identity(
            &self.product,
            self.license_key.as_deref(),
            self.username.as_deref(),
            self.hardware_id.as_deref(),
        )
    }
}

/// License API v4 credentials, checked present.
#[derive(Clone, Copy)]
pub(crate) struct Credentials<'a> {
    pub api_key: &'a str,
    pub shared_key: &'a str,
}

/// How answers are verified; `verifier: None` means verification is off.
#[derive(Clone, Copy)]
pub(crate) struct Verification<'a> {
    pub verifier: Option<&'a ResponseVerifier>,
    pub max_clock_skew: Duration,
}

fn put(map: &mut Map<String, Value>, name: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(name.into(), value);
    }
}

fn s(v: &Option<String>) -> Option<Value> {
    v.clone().map(Value::String)
}

fn signed(
    transport: &Transport,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    creds: Credentials<'_>,
) -> RequestBuilder {
    // A fresh Date (and signature) per attempt: the server rejects one 15 minutes old.
    let date = httpdate::fmt_http_date(SystemTime::now());
    transport
        .http()
        .request(
            method,
            transport.url_with_query(&["api", "v4", path], query),
        )
        .header("date", &date)
        .header(
            "authorization",
            authorization_header(creds.api_key, creds.shared_key, &date),
        )
        .header("accept", "application/json")
}

/// The HTTP request of activate, for `hardware_id` (already resolved).
pub(crate) fn activate_request(
    transport: &Transport,
    creds: Credentials<'_>,
    req: &ActivateRequest,
    hardware_id: &str,
) -> RequestBuilder {
    let mut body = Map::new();
    body.insert("product".into(), Value::String(req.product.clone()));
    body.insert("hardware_id".into(), Value::String(hardware_id.into()));
    put(&mut body, "license_key", s(&req.license_key));
    put(&mut body, "username", s(&req.username));
    put(&mut body, "password", s(&req.password));
    put(&mut body, "license_id", req.license_id.map(Value::from));
    put(&mut body, "app_ver", s(&req.app_ver));
    put(&mut body, "os_ver", s(&req.os_ver));
    put(&mut body, "hostname", s(&req.hostname));
    put(&mut body, "is_vm", req.is_vm.map(Value::Bool));
    put(
        &mut body,
        "sdk_ver",
        Some(Value::String(format!("licensekit-{}", crate::VERSION))),
    );
    signed(transport, Method::POST, "activate_license", &[], creds).json(&Value::Object(body))
}

/// The HTTP request of check.
pub(crate) fn check_request(
    transport: &Transport,
    creds: Credentials<'_>,
    req: &CheckRequest,
    hardware_id: &str,
) -> RequestBuilder {
    let mut query: Vec<(&str, String)> = vec![
        ("product", req.product.clone()),
        ("hardware_id", hardware_id.to_string()),
    ];
    if let Some(k) = &req.license_key {
        query.push(("license_key", k.clone()));
    }
    if let Some(u) = &req.username {
        query.push(("username", u.clone()));
    }
    if let Some(id) = req.license_id {
        query.push(("license_id", id.to_string()));
    }
    if let Some(v) = &req.app_ver {
        query.push(("app_ver", v.clone()));
    }
    if let Some(b) = req.include_expired_features {
        query.push(("include_expired_features", b.to_string()));
    }
    query.push(("sdk_ver", format!("licensekit-{}", crate::VERSION)));
    let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    signed(transport, Method::GET, "check_license", &query, creds)
}

/// The HTTP request of deactivate.
pub(crate) fn deactivate_request(
    transport: &Transport,
    creds: Credentials<'_>,
    req: &DeactivateRequest,
    hardware_id: &str,
) -> RequestBuilder {
    let mut body = Map::new();
    body.insert("product".into(), Value::String(req.product.clone()));
    body.insert("hardware_id".into(), Value::String(hardware_id.into()));
    put(&mut body, "license_key", s(&req.license_key));
    put(&mut body, "username", s(&req.username));
    put(&mut body, "license_id", req.license_id.map(Value::from));
    signed(transport, Method::POST, "deactivate_license", &[], creds).json(&Value::Object(body))
}

/// Who the v1 signature names: the username, else the (echoed, else sent) license key.
pub(crate) struct Identity<'a> {
    pub license_key: Option<&'a str>,
    pub username: Option<&'a str>,
    pub hardware_id: &'a str,
}

/// Turns a License API v4 answer into a verdict.
pub(crate) fn interpret(
    operation: Operation,
    verification: Verification<'_>,
    identity: &Identity<'_>,
    response: &Response,
) -> Verdict {
    let verdict = answered(Family::LicenseSpring, operation, response);
    if let Some(verifier) = verification.verifier
        && let Err(why) = verify_v2(verifier, verification.max_clock_skew, response)
    {
        return signature_invalid(verdict, why);
    }
    if response.is_success() && operation == Operation::Deactivate {
        return deactivated(verdict);
    }
    interpret_license_answer(
        Family::LicenseSpring,
        operation,
        verification.verifier,
        identity,
        verdict,
    )
}

/// The v2 check: a 2xx answer must carry a valid `LicenseSignature` over its exact body and a
/// fresh `Date`; an error answer is checked only when it carries a signature (servers do not
/// sign errors, and a forged refusal grants nothing).
fn verify_v2(
    verifier: &ResponseVerifier,
    max_clock_skew: Duration,
    response: &Response,
) -> Result<(), String> {
    match response.header("licensesignature") {
        Some(sig) if !verifier.verify(&response.body, sig) => {
            return Err("the LicenseSignature header does not verify the body".into());
        }
        Some(_) => {}
        None if response.is_success() => {
            return Err("the answer has no LicenseSignature header".into());
        }
        None => return Ok(()),
    }
    if response.is_success() {
        match response.header("date") {
            None => return Err("the answer has no Date header".into()),
            Some(date) if !date_is_fresh(date, SystemTime::now(), max_clock_skew) => {
                return Err(format!(
                    "the answer's Date ({date}) is more than {} s from this machine's clock",
                    max_clock_skew.as_secs()
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn signature_invalid(mut verdict: Verdict, why: impl Into<String>) -> Verdict {
    verdict.outcome = Outcome::SIGNATURE_INVALID;
    verdict.message = Some(why.into());
    verdict
}

fn deactivated(mut verdict: Verdict) -> Verdict {
    let ok = match &verdict.raw {
        Some(Value::String(s)) => s.trim() == "license_deactivated",
        _ => false,
    };
    if !ok {
        return invalid(verdict, "expected `license_deactivated` from deactivate");
    }
    verdict.outcome = Outcome::DEACTIVATED;
    verdict
}

/// The part both LicenseSpring APIs share: an error body (`code`, `message`) or a license
/// object with its flags and v1 signature.
pub(crate) fn interpret_license_answer(
    family: Family,
    operation: Operation,
    verifier: Option<&ResponseVerifier>,
    identity: &Identity<'_>,
    verdict: Verdict,
) -> Verdict {
    let status = verdict.http_status.unwrap_or(0);
    with_body(verdict, |mut verdict, body| {
        if !(200..300).contains(&status) {
            let code = body.and_then(|b| text(b, "code"));
            verdict.outcome = map(family, operation, status, code.as_deref(), None);
            verdict.message = body.and_then(|b| text(b, "message").or_else(|| text(b, "detail")));
            verdict.vendor_code = code;
            return verdict;
        }
        let Some(body) = body else {
            return invalid(verdict, "the answer is not a JSON license object");
        };
        let flag = |name: &str| body.get(name).and_then(Value::as_bool);
        let (Some(enabled), Some(active), Some(expired)) = (
            flag("license_enabled"),
            flag("license_active"),
            flag("is_expired"),
        ) else {
            return invalid(
                verdict,
                "the license object lacks license_enabled, license_active or is_expired",
            );
        };
        if let Some(verifier) = verifier
            && let Err(why) = verify_v1(verifier, identity, body)
        {
            return signature_invalid(verdict, why);
        }
        let flags = LicenseFlags {
            enabled,
            active,
            expired,
        };
        verdict.outcome = map(family, operation, status, None, Some(flags));
        verdict.license = Some(license_view(body));
        verdict
    })
}

fn map(
    family: Family,
    operation: Operation,
    status: u16,
    code: Option<&str>,
    license: Option<LicenseFlags>,
) -> Outcome {
    map_reply(
        family,
        operation,
        &Reply {
            http_status: status,
            vendor_code: code,
            license,
            ..Reply::default()
        },
    )
}

fn verify_v1(
    verifier: &ResponseVerifier,
    identity: &Identity<'_>,
    body: &Value,
) -> Result<(), String> {
    let Some(signature) = body.get("license_signature").and_then(Value::as_str) else {
        return Err("the license object has no license_signature".into());
    };
    let echoed = body.get("license_key").and_then(Value::as_str);
    let who = identity
        .username
        .or(echoed)
        .or(identity.license_key)
        .unwrap_or("");
    let validity = body.get("validity_period").and_then(Value::as_str);
    let message = v1_message(identity.hardware_id, who, validity);
    if verifier.verify(message.as_bytes(), signature) {
        Ok(())
    } else {
        Err("the license_signature field does not verify".into())
    }
}

/// The typed view of a LicenseSpring license object.
pub(crate) fn license_view(body: &Value) -> License {
    let uint = |name: &str| body.get(name).and_then(Value::as_u64);
    let features = body
        .get("product_features")
        .and_then(Value::as_array)
        .map(|fs| fs.iter().filter_map(|f| text(f, "code")).collect())
        .unwrap_or_default();
    License {
        key: text(body, "license_key"),
        id: text(body, "id"),
        product: body
            .get("product_details")
            .and_then(|p| text(p, "short_code")),
        license_type: text(body, "license_type"),
        status: None,
        expires_at: text(body, "validity_period"),
        enabled: body.get("license_enabled").and_then(Value::as_bool),
        active: body.get("license_active").and_then(Value::as_bool),
        is_trial: body.get("is_trial").and_then(Value::as_bool),
        seats_used: uint("times_activated"),
        seats_max: uint("max_activations"),
        features,
        machine_key: text(body, "hardware_id"),
    }
}
