//! frameCAD Licensing API v1: activate, validate, check, status, deactivate under
//! `/api/v1/licenses/`, with the check order of PROTOCOLS.md §4.

use crate::app::Shared;
use crate::clock::{format_framecad, parse_timestamp};
use crate::fixture::{FcLicense, FcStatus, Fixture};
use crate::log::LogKey;
use crate::masking::mask;
use crate::request::{BodyParams, body_params, read_body};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

/// frameCAD operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Bind a free license to a client and machine.
    Activate,
    /// Confirm the binding (touches `updated_at`).
    Validate,
    /// Confirm the binding, changing nothing.
    Check,
    /// Confirm the binding, recording a last-seen time.
    Status,
    /// Release the binding.
    Deactivate,
}

/// The license as the API shows it.
#[derive(Debug, Serialize)]
struct LicenseView<'a> {
    id: u64,
    reserved: bool,
    license_key: &'a str,
    machine_key: Option<&'a str>,
    expiration_date: Option<&'a str>,
    status: &'static str,
    created_at: Option<&'a str>,
    updated_at: Option<&'a str>,
    client_id: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Answer<'a> {
    now: String,
    code: u8,
    message: std::borrow::Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<LicenseView<'a>>,
}

fn view(l: &FcLicense) -> LicenseView<'_> {
    LicenseView {
        id: l.id,
        reserved: l.status == FcStatus::Activated,
        license_key: &l.license_key,
        machine_key: l.machine_key.as_deref(),
        expiration_date: l.expiration_date.as_deref(),
        status: l.status.as_str(),
        created_at: l.created_at.as_deref(),
        updated_at: l.updated_at.as_deref(),
        client_id: l.client_key.as_deref(),
    }
}

/// Code name and default message.
fn describe(code: u8) -> &'static str {
    match code {
        0 => "ok",
        1 => "missing: the license key is not in the database",
        2 => "reserved_by_other_client: the license is activated by another client",
        3 => "already_activated: this client already holds the license",
        4 => "expired: the license has expired",
        5 => "revoked: the license has been revoked",
        6 => "invalid: the license key, machine key or request is invalid",
        7 => "not_activated: the license has not been activated",
        8 => "no_machine_key: machine_key is required",
        9 => "deactivated: the license is deactivated",
        10 => "no_product_key: product_key is required",
        11 => "wrong_product_key: the license is for another product",
        12 => "wrong_client: the client key is unknown or does not hold the license",
        _ => "unknown: unexpected server error",
    }
}

fn http_status(code: u8) -> StatusCode {
    match code {
        0 | 9 => StatusCode::OK,
        1 => StatusCode::NOT_FOUND,
        2 | 3 => StatusCode::CONFLICT,
        4 | 5 | 7 | 11 | 12 => StatusCode::FORBIDDEN,
        6 | 8 | 10 => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A frameCAD-shaped response with an explicit HTTP status.
pub fn answer_with_status(
    status: StatusCode,
    now: OffsetDateTime,
    code: u8,
    message: String,
) -> Response {
    respond(
        status,
        Answer {
            now: format_framecad(now),
            code,
            message: message.into(),
            license: None,
        },
    )
}

fn respond(status: StatusCode, answer: Answer) -> Response {
    // Sized for an answer with a license (~330 bytes), so serialising never regrows it.
    let mut body = Vec::with_capacity(512);
    if serde_json::to_writer(&mut body, &answer).is_err() {
        body.clear();
    }
    (
        status,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn answer(now: OffsetDateTime, code: u8, license: Option<&FcLicense>) -> Response {
    let answer = Answer {
        now: format_framecad(now),
        code,
        message: describe(code).into(),
        license: license.map(view),
    };
    respond(http_status(code), answer)
}

macro_rules! endpoint {
    ($name:ident, $op:expr, $doc:literal) => {
        #[doc = $doc]
        pub async fn $name(State(app): State<Shared>, request: Request) -> Response {
            handle(app, $op, request).await
        }
    };
}

endpoint!(activate, Op::Activate, "`POST /api/v1/licenses/activate`.");
endpoint!(validate, Op::Validate, "`POST /api/v1/licenses/validate`.");
endpoint!(check, Op::Check, "`GET /api/v1/licenses/check`.");
endpoint!(status, Op::Status, "`GET /api/v1/licenses/status`.");
endpoint!(
    deactivate,
    Op::Deactivate,
    "`POST /api/v1/licenses/deactivate`."
);

/// The request's parameters after type checks.
#[derive(Debug, Default)]
struct Ask {
    client_key: String,
    license_key: String,
    machine_key: String,
    product_key: String,
}

async fn handle(app: Shared, op: Op, request: Request) -> Response {
    // Taken apart by hand: extractors would clone the header map on every call.
    let (parts, body) = request.into_parts();
    let now = app.clock.now();
    let bytes = match read_body(body).await {
        Ok(b) => b,
        Err(e) => {
            return answer_with_status(e.status(), now, 6, format!("invalid: {}", e.message()));
        }
    };
    let body = body_params(&parts.headers, &bytes);
    if let BodyParams::Malformed(reason) = &body {
        return answer_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            now,
            6,
            format!("invalid: {reason}"),
        );
    }
    let ask = match read_ask(parts.uri.query(), body) {
        Ok(ask) => ask,
        Err(message) => {
            return answer_with_status(StatusCode::UNPROCESSABLE_ENTITY, now, 6, message);
        }
    };
    let mut response = app.store.update(|f| decide(f, op, &ask, now));
    response
        .extensions_mut()
        .insert(LogKey(mask(&ask.license_key)));
    response
}

/// The parameters frameCAD knows, in the order their type errors are reported.
const PARAMETERS: [&str; 4] = ["client_key", "license_key", "machine_key", "product_key"];

impl Ask {
    fn field(&mut self, name: &str) -> Option<&mut String> {
        match name {
            "client_key" => Some(&mut self.client_key),
            "license_key" => Some(&mut self.license_key),
            "machine_key" => Some(&mut self.machine_key),
            "product_key" => Some(&mut self.product_key),
            _ => None,
        }
    }
}

/// Query parameters, then body fields (the body wins), read straight into the four known
/// parameters; unknown ones are skipped without being copied. Every known parameter must be
/// a string (or absent/null); numbers are a type error (code 6).
fn read_ask(query: Option<&str>, body: BodyParams) -> Result<Ask, String> {
    let mut ask = Ask::default();
    // A repeated parameter: the last one wins.
    for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if let Some(field) = ask.field(&name) {
            *field = value.trim().to_string();
        }
    }
    match body {
        BodyParams::Json(map) => {
            for name in PARAMETERS {
                let value = match map.get(name) {
                    None => continue,
                    Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.trim().to_string(),
                    Some(_) => return Err(format!("invalid: \"{name}\" must be a string")),
                };
                if let Some(field) = ask.field(name) {
                    *field = value;
                }
            }
        }
        BodyParams::Form(pairs) => {
            for (name, value) in pairs {
                if let Some(field) = ask.field(&name) {
                    *field = value.trim().to_string();
                }
            }
        }
        BodyParams::Empty | BodyParams::Malformed(_) => {}
    }
    Ok(ask)
}

/// The check order of PROTOCOLS.md §4, then the bookkeeping.
fn decide(f: &mut Fixture, op: Op, ask: &Ask, now: OffsetDateTime) -> (Response, bool) {
    let binds_product = matches!(op, Op::Activate | Op::Deactivate);
    if ask.machine_key.is_empty() {
        return (answer(now, 8, None), false);
    }
    if binds_product && ask.product_key.is_empty() {
        return (answer(now, 10, None), false);
    }
    let Some(fc) = f.framecad.as_mut() else {
        return (answer(now, 1, None), false);
    };
    let Some(index) = fc
        .licenses
        .iter()
        .position(|l| l.license_key.eq_ignore_ascii_case(&ask.license_key))
    else {
        return (answer(now, 1, None), false);
    };
    let client_known = fc
        .clients
        .iter()
        .any(|c| c.eq_ignore_ascii_case(&ask.client_key));
    let license = &mut fc.licenses[index];
    if let Some(code) = license.simulate_code {
        return (answer(now, code, Some(license)), false);
    }
    if !client_known {
        return (answer(now, 12, Some(license)), false);
    }
    if license.status == FcStatus::Revoked {
        return (answer(now, 5, Some(license)), false);
    }
    let date_passed = license
        .expiration_date
        .as_deref()
        .and_then(parse_timestamp)
        .is_some_and(|end| end < now);
    if license.status == FcStatus::Expired || date_passed {
        return (answer(now, 4, Some(license)), false);
    }
    if !ask.product_key.is_empty()
        && license
            .product_key
            .as_deref()
            .is_some_and(|p| !p.eq_ignore_ascii_case(&ask.product_key))
    {
        return (answer(now, 11, Some(license)), false);
    }
    let holder = license
        .client_key
        .clone()
        .filter(|_| license.status == FcStatus::Activated);
    let held_by_caller = holder
        .as_deref()
        .is_some_and(|h| h.eq_ignore_ascii_case(&ask.client_key));
    if holder.is_some() && !held_by_caller {
        let code = if op == Op::Activate { 2 } else { 12 };
        return (answer(now, code, Some(license)), false);
    }
    // Only the operations that record a time need it formatted.
    let stamp = || format_framecad(now);
    match op {
        Op::Activate => {
            if held_by_caller {
                return (answer(now, 3, Some(license)), false);
            }
            license.status = FcStatus::Activated;
            license.client_key = Some(ask.client_key.clone());
            license.machine_key = Some(ask.machine_key.clone());
            license.updated_at = Some(stamp());
            (answer(now, 0, Some(license)), true)
        }
        Op::Validate | Op::Check | Op::Status | Op::Deactivate => {
            match license.status {
                FcStatus::Free => return (answer(now, 7, Some(license)), false),
                FcStatus::Deactivated => return (answer(now, 9, Some(license)), false),
                _ => {}
            }
            if license.machine_key.as_deref() != Some(ask.machine_key.as_str()) {
                return (answer(now, 6, Some(license)), false);
            }
            match op {
                Op::Validate => license.updated_at = Some(stamp()),
                Op::Status => license.last_seen_at = Some(stamp()),
                Op::Deactivate => {
                    license.status = FcStatus::Deactivated;
                    license.client_key = None;
                    license.machine_key = None;
                    license.updated_at = Some(stamp());
                    return (answer(now, 9, Some(license)), true);
                }
                _ => return (answer(now, 0, Some(license)), false),
            }
            (answer(now, 0, Some(license)), true)
        }
    }
}
