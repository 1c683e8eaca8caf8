//! LicenseSpring License API v4: `POST /api/v4/activate_license`, `GET /api/v4/check_license`,
//! `POST /api/v4/deactivate_license` and `POST /api/v4/add_consumption`, with real seat,
//! floating-slot, transfer and consumption bookkeeping.

use crate::app::Shared;
use crate::check_answer_cache::{self, Answer};
use crate::clock::{format_licensespring, parse_timestamp};
use crate::fixture::{Fixture, FloatingSlot, LsLicense};
use crate::license_object::{self, TimeWindow, Unsigned};
use crate::licensespring_auth::{Access, authenticate};
use crate::log::LogKey;
use crate::masking::mask;
use crate::request::{BodyError, header, read_body};
use crate::signing;
use crate::state::Version;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

/// A LicenseSpring error: HTTP status, code, human message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LsError {
    /// HTTP status.
    pub status: u16,
    /// Machine code (`license_not_found`, …).
    pub code: String,
    /// Human text.
    pub message: String,
}

impl LsError {
    /// An error with an explicit status.
    pub fn new(status: u16, code: &str, message: &str) -> LsError {
        LsError {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// A 400 error (the vendor's status for nearly every code).
    pub fn bad(code: &str, message: &str) -> LsError {
        LsError::new(400, code, message)
    }
}

impl IntoResponse for LsError {
    /// The vendor's JSON error body: `{"status": 400, "code": "...", "message": "..."}`.
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            status: u16,
            code: &'a str,
            message: &'a str,
        }
        let body = serde_json::to_vec(&Body {
            status: self.status,
            code: &self.code,
            message: &self.message,
        })
        .unwrap_or_default();
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        (
            status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            body,
        )
            .into_response()
    }
}

/// The operation a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Take a seat.
    Activate,
    /// Check a device (takes/refreshes a floating slot).
    Check,
    /// Release a seat.
    Deactivate,
    /// Record consumptions.
    AddConsumption,
    /// Management API check: read-only.
    ManagementCheck,
}

/// The parameters every operation understands.
#[derive(Debug, Default, Clone)]
pub struct Ask {
    /// Product short code.
    pub product: String,
    /// Device.
    pub hardware_id: String,
    /// Key-based.
    pub license_key: Option<String>,
    /// User-based.
    pub username: Option<String>,
    /// Checked on activate when the license has one.
    pub password: Option<String>,
    /// Must match the license id when given.
    pub license_id: Option<u64>,
    /// Activate from a VM.
    pub is_vm: bool,
    /// Application version.
    pub app_ver: Option<String>,
    /// Include expired features.
    pub include_expired_features: bool,
    /// Consumptions to add.
    pub consumptions: u64,
}

/// A granted answer: the license object (without its signature fields) and the v1 signing
/// payload.
#[derive(Debug)]
pub enum Granted {
    /// License object.
    License(Unsigned, String),
    /// A check answer identical to one already made (see [`check_answer_cache`]).
    Remembered(Answer),
    /// Deactivation.
    Deactivated,
}

// ---------------------------------------------------------------- handlers

/// `POST /api/v4/activate_license`.
pub async fn activate(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Op::Activate, request).await
}

/// `POST /api/v4/deactivate_license`.
pub async fn deactivate(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Op::Deactivate, request).await
}

/// `POST /api/v4/add_consumption`.
pub async fn add_consumption(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Op::AddConsumption, request).await
}

/// `GET /api/v4/check_license` (parameters in the query string).
pub async fn check(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Op::Check, request).await
}

// The request is taken apart by hand: extractors would clone the header map every time.
async fn handle(app: Shared, op: Op, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // A GET body is ignored, but read (bounded) so the connection stays usable.
    let bytes = match read_body(body).await {
        Ok(b) => b,
        Err(e) => return body_error(e),
    };
    let access = if op == Op::Check {
        Access::Read
    } else {
        Access::Write
    };
    // Parameters are read before taking the state lock, but their errors are answered only
    // after authentication, which needs the state: auth and decision then share one lock
    // section instead of two (each a contended lock handoff under load).
    let ask = read_params(op, parts.uri.query(), &bytes);
    let now = app.clock.now();
    let masked = ask.as_ref().ok().map(|ask| {
        mask(
            ask.license_key
                .as_deref()
                .or(ask.username.as_deref())
                .unwrap_or(""),
        )
    });
    // A corrupt-signature fault answers differently from the same state: never remembered.
    let mut reuse = (op == Op::Check && !corrupt_requested()).then(|| Reuse {
        signer: app.signer.id(),
        version: None,
        rendered: None,
    });
    let result = app.store.update_at(|f, version| {
        let auth = authenticate(
            f.licensespring.as_ref(),
            header(&parts.headers, "date"),
            header(&parts.headers, "authorization"),
            now,
            app.max_skew_secs,
            access,
        );
        if let Err(e) = auth {
            return (Err((e, false)), false);
        }
        let ask = match &ask {
            Ok(ask) => ask,
            Err(e) => return (Err((e.clone(), false)), false),
        };
        if let Some(reuse) = reuse.as_mut() {
            reuse.version = Some(version);
        }
        match decide_with(f, op, ask, now, reuse.as_mut()) {
            Ok((granted, changed)) => (Ok(granted), changed),
            Err((e, changed)) => (Err((e, true)), changed),
        }
    });
    // Only a request that got past authentication and parameter checks names its key.
    let logged = !matches!(result, Err((_, false)));
    let result = result.map_err(|(e, _)| e);
    let mut response = match result {
        Err(e) => e.into_response(),
        Ok(Granted::Deactivated) => signed(
            &app,
            b"license_deactivated".to_vec(),
            "text/plain; charset=utf-8",
        ),
        Ok(Granted::Remembered(answer)) => {
            respond(answer.body, answer.signature, "application/json")
        }
        Ok(Granted::License(object, payload)) => {
            let v1 = v1_signature(&app, &payload);
            let body = Bytes::from(object.finish(&[("license_signature", &v1)]));
            let signature = sign_body(&app, &body);
            if let (Some(reuse), Ok(ask)) = (&reuse, &ask)
                && let (Some(version), Some((license, window))) = (reuse.version, reuse.rendered)
            {
                let key = check_answer_cache::Key {
                    version,
                    signer: reuse.signer,
                    license,
                    hardware_id: &ask.hardware_id,
                    who: v1_who(ask),
                    include_expired_features: ask.include_expired_features,
                };
                let answer = Answer {
                    body: body.clone(),
                    signature: signature.clone(),
                };
                check_answer_cache::remember(&key, window, answer);
            }
            respond(body, signature, "application/json")
        }
    };
    if logged && let Some(masked) = masked {
        response.extensions_mut().insert(LogKey(masked));
    }
    response
}

/// The request's parameters (the query string for a check, else the JSON body), type-checked.
fn read_params(op: Op, query: Option<&str>, bytes: &[u8]) -> Result<Ask, LsError> {
    let params = if op == Op::Check {
        // Straight into the object: no intermediate list of pairs.
        form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect::<Map<String, Value>>()
    } else {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                return Err(LsError::bad(
                    "validation_error",
                    "The request body must be a JSON object",
                ));
            }
            Err(e) => {
                let what = if std::str::from_utf8(bytes).is_err() {
                    "not valid UTF-8"
                } else {
                    "not valid JSON"
                };
                return Err(LsError::bad(
                    "invalid_json",
                    &format!("The request body is {what}: {e}"),
                ));
            }
        }
    };
    read_ask(&params, op)
}

/// The v1 `license_signature` (corrupted when a fault asks for it).
pub fn v1_signature(app: &Shared, payload: &str) -> String {
    let signature = app.signer.sign(payload.as_bytes());
    if corrupt_requested() {
        signing::corrupt(&signature)
    } else {
        signature
    }
}

/// Whether the current request carries a corrupt-signature fault (set by the fault layer).
fn corrupt_requested() -> bool {
    crate::app::CORRUPT_SIGNATURE
        .try_with(|c| *c)
        .unwrap_or(false)
}

/// A response whose `LicenseSignature` header signs the exact body bytes.
pub fn signed(app: &Shared, body: Vec<u8>, content_type: &'static str) -> Response {
    let signature = sign_body(app, &body);
    respond(body, signature, content_type)
}

/// The `LicenseSignature` header for `body` (corrupted when a fault asks for it).
fn sign_body(app: &Shared, body: &[u8]) -> HeaderValue {
    let signature = app.signer.sign_header(body);
    if corrupt_requested() {
        let corrupted = signing::corrupt(signature.to_str().unwrap_or_default());
        if let Ok(value) = HeaderValue::from_str(&corrupted) {
            return value;
        }
    }
    signature
}

/// A 200 answer with its signature header.
fn respond(body: impl Into<Body>, signature: HeaderValue, content_type: &'static str) -> Response {
    let mut response = (
        StatusCode::OK,
        [(CONTENT_TYPE, HeaderValue::from_static(content_type))],
        body.into(),
    )
        .into_response();
    response.headers_mut().insert("LicenseSignature", signature);
    response
}

/// An unreadable body in LicenseSpring's shape: 413 `request_too_large` or 400 `invalid_json`.
pub fn body_error(e: BodyError) -> Response {
    let code = match e {
        BodyError::TooLarge(_) => "request_too_large",
        BodyError::Incomplete => "invalid_json",
    };
    LsError::new(e.status().as_u16(), code, &e.message()).into_response()
}

// ---------------------------------------------------------------- parameters

/// Reads and type-checks the parameters of `op` (`validation_error` names a wrong type;
/// `missing_*`/`license_key_required` a missing one).
pub fn read_ask(params: &Map<String, Value>, op: Op) -> Result<Ask, LsError> {
    let text = |name: &str| -> Result<Option<String>, LsError> {
        match params.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(LsError::bad(
                "validation_error",
                &format!("\"{name}\" must be a string"),
            )),
        }
    };
    let flag = |name: &str| -> Result<bool, LsError> {
        match params.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" | "" => Ok(false),
                _ => Err(LsError::bad(
                    "validation_error",
                    &format!("\"{name}\" must be a boolean"),
                )),
            },
            Some(_) => Err(LsError::bad(
                "validation_error",
                &format!("\"{name}\" must be a boolean"),
            )),
        }
    };
    let number = |name: &str| -> Result<Option<u64>, LsError> {
        match params.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64()),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) if s.trim().parse::<u64>().is_ok() => Ok(s.trim().parse().ok()),
            Some(_) => Err(LsError::bad(
                "validation_error",
                &format!("\"{name}\" must be a non-negative integer"),
            )),
        }
    };
    // Optional strings are type-checked too: a wrong type is a schema error wherever it is.
    for name in [
        "os_ver",
        "hostname",
        "os_hostname",
        "ip",
        "ip_local",
        "mac_address",
        "sdk_ver",
        "env",
    ] {
        text(name)?;
    }
    let ask = Ask {
        product: text("product")?.unwrap_or_default(),
        hardware_id: text("hardware_id")?.unwrap_or_default(),
        license_key: text("license_key")?,
        username: text("username")?,
        password: text("password")?,
        license_id: number("license_id")?,
        is_vm: flag("is_vm")?,
        app_ver: text("app_ver")?,
        include_expired_features: flag("include_expired_features")?,
        consumptions: number("consumptions")?.unwrap_or(1),
    };
    if ask.product.is_empty() {
        return Err(LsError::bad(
            "missing_parameters",
            "The \"product\" parameter is required",
        ));
    }
    if ask.hardware_id.is_empty() {
        return Err(LsError::bad(
            "missing_hardware_id",
            "The \"hardware_id\" parameter is required",
        ));
    }
    if ask.license_key.is_none() && ask.username.is_none() {
        return Err(LsError::bad(
            "license_key_required",
            "A \"license_key\" (or \"username\") is required",
        ));
    }
    if op == Op::AddConsumption && ask.consumptions == 0 {
        return Err(LsError::bad(
            "validation_error",
            "\"consumptions\" must be at least 1",
        ));
    }
    Ok(ask)
}

// ---------------------------------------------------------------- decisions

type Decision = Result<(Granted, bool), (LsError, bool)>;

/// A check that may be answered from [`check_answer_cache`]: what the lookup needs, and what
/// a miss rendered (so the finished answer can be remembered under the same key).
#[derive(Debug)]
struct Reuse {
    signer: u64,
    /// The state version the decision saw.
    version: Option<Version>,
    /// License position and clock window of an answer rendered on a miss.
    rendered: Option<(usize, TimeWindow)>,
}

/// Decides one request against the live state, updating the bookkeeping. Runs under the
/// store lock, so checks and updates are one atomic step.
pub fn decide(f: &mut Fixture, op: Op, ask: &Ask, now: OffsetDateTime) -> Decision {
    decide_with(f, op, ask, now, None)
}

/// [`decide`], answering an unchanged check from the cache when `reuse` allows it. Every
/// refusal and bookkeeping step runs first either way: only rendering is skipped.
fn decide_with(
    f: &mut Fixture,
    op: Op,
    ask: &Ask,
    now: OffsetDateTime,
    reuse: Option<&mut Reuse>,
) -> Decision {
    let no = |e: LsError| Err((e, false));
    let Some(ls) = f.licensespring.as_mut() else {
        return no(LsError::bad(
            "unknown_product",
            "Provided product was not found",
        ));
    };
    let product = ls
        .products
        .iter()
        .find(|p| p.short_code == ask.product)
        .or_else(|| {
            ls.products
                .iter()
                .find(|p| p.short_code.eq_ignore_ascii_case(&ask.product))
        });
    let Some(product) = product else {
        return no(LsError::bad(
            "unknown_product",
            "Provided product was not found",
        ));
    };
    if !product.enabled {
        return no(LsError::bad("disabled_product", "The product is disabled"));
    }
    let found = ls.licenses.iter().position(|l| {
        l.product == product.short_code
            && match (&ask.license_key, &ask.username) {
                (Some(key), _) => l.license_key.as_deref() == Some(key.as_str()),
                (None, Some(user)) => l
                    .username
                    .as_deref()
                    .is_some_and(|u| u.eq_ignore_ascii_case(user)),
                (None, None) => false,
            }
    });
    let Some(index) = found else {
        return no(LsError::bad(
            "license_not_found",
            "The license was not found",
        ));
    };
    let license = &mut ls.licenses[index];
    if ask.license_id.is_some_and(|id| id != license.id) {
        return no(LsError::bad(
            "license_not_found",
            "No license with that license_id",
        ));
    }
    if op == Op::Activate
        && ask.license_key.is_none()
        && let Some(expected) = &license.password
        && ask.password.as_deref() != Some(expected.as_str())
    {
        return no(LsError::bad(
            "license_not_found",
            "Invalid username or password",
        ));
    }
    if let Some(code) = &license.simulate_error {
        let status = if code == "internal_error" { 500 } else { 400 };
        return no(LsError::new(
            status,
            code,
            "Simulated by the fixture (simulate_error)",
        ));
    }
    let expired = license
        .validity_period
        .as_deref()
        .and_then(parse_timestamp)
        .is_some_and(|end| end < now);
    if op != Op::Deactivate {
        if !license.status_in_body {
            if !license.enabled {
                return no(LsError::bad(
                    "license_not_enabled",
                    "The license is not enabled",
                ));
            }
            if !license.active {
                return no(LsError::bad(
                    "license_not_active",
                    "The license is not active",
                ));
            }
            if expired && license.is_trial {
                return no(LsError::bad(
                    "trial_expired",
                    "The trial period for this device is over",
                ));
            }
            if expired {
                return no(LsError::bad("license_expired", "The license has expired"));
            }
        }
        if license
            .blacklisted_devices
            .iter()
            .any(|d| d == &ask.hardware_id)
        {
            return no(LsError::bad("blacklisted", "This device is blacklisted"));
        }
        if let (Some(min), Some(app_ver)) = (&product.min_app_version, &ask.app_ver)
            && version_below(app_ver, min)
        {
            return no(LsError::bad(
                "product_version_not_supported",
                &format!("Application version {app_ver} is not supported (minimum {min})"),
            ));
        }
        if consumptions_exhausted(license, 0) {
            return no(LsError::bad(
                "license_not_enough_consumptions",
                "Not enough consumptions left",
            ));
        }
    }
    let has_device = license.devices.iter().any(|d| d == &ask.hardware_id);
    let mut changed = false;
    match op {
        Op::Activate => {
            if license.prevent_vm && ask.is_vm {
                return no(LsError::bad(
                    "vm_not_allowed",
                    "Activation on a virtual machine is not allowed",
                ));
            }
            if !has_device {
                if license.max_transfers > 0 && license.transfer_count >= license.max_transfers {
                    return no(LsError::bad(
                        "license_transferred_max_times",
                        "The license has been transferred the maximum number of times",
                    ));
                }
                if !license.allow_unlimited_activations
                    && license.devices.len() as u64 >= license.max_activations
                {
                    return no(LsError::bad(
                        "license_activated_max_times",
                        "The license has been activated the maximum number of times",
                    ));
                }
            }
            changed |= take_floating_slot(license, &ask.hardware_id, now)?;
            if !has_device {
                license.devices.push(ask.hardware_id.clone());
                changed = true;
            }
        }
        Op::Check | Op::AddConsumption | Op::ManagementCheck => {
            if !has_device {
                return no(LsError::bad(
                    "device_not_found",
                    "An active device matching the hardware_id not found",
                ));
            }
            if op == Op::Check {
                changed |= take_floating_slot(license, &ask.hardware_id, now)?;
            }
            if op == Op::AddConsumption {
                if consumptions_exhausted(license, ask.consumptions.saturating_sub(1)) {
                    return Err((
                        LsError::bad(
                            "license_not_enough_consumptions",
                            "Not enough consumptions left",
                        ),
                        changed,
                    ));
                }
                license.total_consumptions += ask.consumptions;
                changed = true;
            }
        }
        Op::Deactivate => {
            if !has_device {
                return no(LsError::bad(
                    "device_not_found",
                    "An active device matching the hardware_id not found",
                ));
            }
            license.devices.retain(|d| d != &ask.hardware_id);
            license
                .floating_in_use
                .retain(|s| s.hardware_id != ask.hardware_id);
            license.transfer_count += 1;
            return Ok((Granted::Deactivated, true));
        }
    }
    // A check that changed the state (a floating slot) starts a new version: not reusable.
    if let Some(reuse) = reuse
        && op == Op::Check
        && !changed
        && let Some(version) = reuse.version
    {
        let key = check_answer_cache::Key {
            version,
            signer: reuse.signer,
            license: index,
            hardware_id: &ask.hardware_id,
            who: v1_who(ask),
            include_expired_features: ask.include_expired_features,
        };
        if let Some(answer) = check_answer_cache::lookup(&key, now) {
            return Ok((Granted::Remembered(answer), false));
        }
        reuse.rendered = Some((index, TimeWindow::around(license, now)));
    }
    let management = (op == Op::ManagementCheck)
        .then(|| license_object::management_fields(license, &ask.hardware_id, now));
    let object = license_object::render(
        product,
        license,
        now,
        ask.include_expired_features,
        management,
    );
    let payload = v1_payload(&ask.hardware_id, license, ask);
    Ok((Granted::License(object, payload), changed))
}

/// Consumption licenses refuse once used up: `total + extra >= max (+ overages)`, unless
/// unlimited or overages are unlimited (`allow_overages` with `max_overages` 0).
fn consumptions_exhausted(l: &LsLicense, extra: u64) -> bool {
    if l.license_type != "consumption"
        || l.allow_unlimited_consumptions
        || (l.allow_overages && l.max_overages == 0)
    {
        return false;
    }
    let limit = l.max_consumptions + if l.allow_overages { l.max_overages } else { 0 };
    l.total_consumptions + extra >= limit
}

/// Takes or refreshes a floating slot for `hardware_id`; `Ok(true)` when state changed.
fn take_floating_slot(
    l: &mut LsLicense,
    hardware_id: &str,
    now: OffsetDateTime,
) -> Result<bool, (LsError, bool)> {
    if !l.is_floating || l.floating_slots == 0 {
        return Ok(false);
    }
    let before = l.floating_in_use.len();
    l.floating_in_use.retain(|s| {
        s.expires_at
            .as_deref()
            .and_then(parse_timestamp)
            .is_none_or(|end| end > now)
    });
    let purged = l.floating_in_use.len() != before;
    let until = Some(format_licensespring(
        now + time::Duration::minutes(l.floating_timeout as i64),
    ));
    if let Some(slot) = l
        .floating_in_use
        .iter_mut()
        .find(|s| s.hardware_id == hardware_id)
    {
        if slot.expires_at.is_some() {
            slot.expires_at = until;
        }
        return Ok(true);
    }
    if l.floating_in_use.len() as u64 >= l.floating_slots {
        return Err((
            LsError::bad(
                "floating_not_available",
                "No available slots for floating license",
            ),
            purged,
        ));
    }
    l.floating_in_use.push(FloatingSlot {
        hardware_id: hardware_id.to_string(),
        expires_at: until,
    });
    Ok(true)
}

/// `a < b` for dotted versions (`1.10.0` > `1.9`); non-numeric parts compare as 0.
fn version_below(a: &str, b: &str) -> bool {
    let parse = |v: &str| -> Vec<u64> {
        v.trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', '-', '+'])
            .map(|p| {
                p.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0)
            })
            .collect()
    };
    let (mut x, mut y) = (parse(a), parse(b));
    let n = x.len().max(y.len());
    x.resize(n, 0);
    y.resize(n, 0);
    x < y
}

/// Who the v1 signature names: the license key, else the user name up to `|`.
fn v1_who(ask: &Ask) -> &str {
    match (&ask.license_key, &ask.username) {
        (Some(key), _) => key.as_str(),
        (None, Some(user)) => user.split('|').next().unwrap_or(""),
        (None, None) => "",
    }
}

/// `lower(hardware_id + "#" + (username up to '|' or license_key) + "#" + validity_period)`.
fn v1_payload(hardware_id: &str, l: &LsLicense, ask: &Ask) -> String {
    let who = v1_who(ask);
    let validity = l.validity_period.as_deref().unwrap_or("");
    let mut payload = String::with_capacity(hardware_id.len() + who.len() + validity.len() + 2);
    for (i, part) in [hardware_id, who, validity].into_iter().enumerate() {
        if i > 0 {
            payload.push('#');
        }
        payload.push_str(part);
    }
    // In place when ASCII (the usual case); Unicode lower-casing otherwise, as the SDKs do.
    if payload.is_ascii() {
        payload.make_ascii_lowercase();
        payload
    } else {
        payload.to_lowercase()
    }
}
