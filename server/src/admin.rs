//! The admin API under `/__admin/` (no auth; the server binds loopback by default).

use crate::app::Shared;
use crate::faults::Fault;
use crate::fixture;
use crate::request::read_body_up_to;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// Fixtures can be large; the admin API reads up to 16 MiB.
const ADMIN_BODY_LIMIT: usize = 16 * 1024 * 1024;

fn ok(value: Value) -> Response {
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// An admin error: `{"error": "..."}`.
pub fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(CONTENT_TYPE, "application/json")],
        json!({ "error": message }).to_string(),
    )
        .into_response()
}

async fn json_body(body: Body) -> Result<Value, Response> {
    let bytes = read_body_up_to(body, ADMIN_BODY_LIMIT)
        .await
        .map_err(|e| error(e.status(), &e.message()))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| error(StatusCode::BAD_REQUEST, &format!("not valid JSON: {e}")))
}

/// `GET /__admin/health`.
pub async fn health() -> Response {
    ok(json!({ "ok": true }))
}

/// `GET /__admin/public-key`: the SPKI PEM that verifies LicenseSpring signatures.
pub async fn public_key(State(app): State<Shared>) -> Response {
    let pem = tokio::task::spawn_blocking(move || app.signer.public_pem())
        .await
        .unwrap_or_default();
    (
        StatusCode::OK,
        [(CONTENT_TYPE, "application/x-pem-file")],
        pem,
    )
        .into_response()
}

/// `GET /__admin/state`: the live state as fixture JSON.
pub async fn state(State(app): State<Shared>) -> Response {
    let snapshot = app.store.snapshot();
    match serde_json::to_string_pretty(&snapshot) {
        Ok(text) => (StatusCode::OK, [(CONTENT_TYPE, "application/json")], text).into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// `POST /__admin/reset`: the start fixture again, no faults, no clock offset.
pub async fn reset(State(app): State<Shared>) -> Response {
    app.store.reset();
    app.faults.clear();
    app.clock.set_offset_secs(0);
    ok(json!({ "ok": true }))
}

/// `POST /__admin/fixture`: serve the posted fixture from now on.
pub async fn load_fixture(State(app): State<Shared>, body: Body) -> Response {
    let bytes = match read_body_up_to(body, ADMIN_BODY_LIMIT).await {
        Ok(b) => b,
        Err(e) => return error(e.status(), &e.message()),
    };
    match fixture::parse(&bytes) {
        Ok(f) => {
            app.store.load(f);
            ok(json!({ "ok": true }))
        }
        Err(reason) => error(
            StatusCode::BAD_REQUEST,
            &format!("invalid fixture: {reason}"),
        ),
    }
}

/// `POST /__admin/faults`: arm a fault.
pub async fn add_fault(State(app): State<Shared>, body: Body) -> Response {
    let value = match json_body(body).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let fault: Fault = match serde_json::from_value(value) {
        Ok(f) => f,
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("not a fault: {e}")),
    };
    if let Err(reason) = fault.validate() {
        return error(StatusCode::BAD_REQUEST, &reason);
    }
    app.faults.add(fault);
    ok(json!({ "ok": true }))
}

/// `GET /__admin/faults`: the armed faults and how often each fired.
pub async fn list_faults(State(app): State<Shared>) -> Response {
    let list: Vec<Value> = app
        .faults
        .list()
        .into_iter()
        .map(|(fault, used)| json!({ "fault": fault, "fired": used }))
        .collect();
    ok(json!({ "faults": list }))
}

/// `DELETE /__admin/faults`: disarm every fault.
pub async fn clear_faults(State(app): State<Shared>) -> Response {
    app.faults.clear();
    ok(json!({ "ok": true }))
}

/// `POST /__admin/clock`: `{"offset_secs": -86400}`.
pub async fn set_clock(State(app): State<Shared>, body: Body) -> Response {
    let value = match json_body(body).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(offset) = value.get("offset_secs").and_then(Value::as_i64) else {
        return error(
            StatusCode::BAD_REQUEST,
            "expected {\"offset_secs\": <integer>}",
        );
    };
    // ±1000 years keeps every date computation in range.
    if offset.unsigned_abs() > 1000 * 366 * 86_400 {
        return error(
            StatusCode::BAD_REQUEST,
            "\"offset_secs\" is beyond ±1000 years",
        );
    }
    app.clock.set_offset_secs(offset);
    clock(State(app)).await
}

/// `GET /__admin/clock`: the offset and the server's now.
pub async fn clock(State(app): State<Shared>) -> Response {
    ok(json!({
        "offset_secs": app.clock.offset_secs(),
        "now": crate::clock::format_licensespring(app.clock.now()),
    }))
}
