//! LicenseSpring Management API: `GET /api/v1/licenses/check_license/` with
//! `Authorization: Api-Key <management key>`.

use crate::app::Shared;
use crate::licensespring::{Ask, Granted, LsError, Op, decide, read_ask, signed, v1_signature};
use crate::log::LogKey;
use crate::masking::mask;
use crate::request::{header, parse_pairs};
use axum::extract::{Request, State};
use axum::http::{StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

fn forbidden(detail: &str) -> Response {
    let body = serde_json::to_vec(&serde_json::json!({ "detail": detail })).unwrap_or_default();
    (
        StatusCode::FORBIDDEN,
        [(CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `GET /api/v1/licenses/check_license/`.
pub async fn check(State(app): State<Shared>, request: Request) -> Response {
    let (parts, _body) = request.into_parts();
    let headers = &parts.headers;
    let given = header(headers, "authorization").and_then(|a| {
        let (scheme, key) = a.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("api-key")
            .then(|| key.trim().to_string())
    });
    let Some(given) = given else {
        return forbidden("Authentication credentials were not provided.");
    };
    let valid = app.store.read(|f| {
        f.licensespring
            .as_ref()
            .is_some_and(|ls| !ls.management_api_key.is_empty() && ls.management_api_key == given)
    });
    if !valid {
        return forbidden("Invalid API key.");
    }
    let mut params = Map::new();
    for (k, v) in parse_pairs(parts.uri.query().unwrap_or("").as_bytes()) {
        params.insert(k, Value::String(v));
    }
    let ask: Ask = match read_ask(&params, Op::ManagementCheck) {
        Ok(ask) => ask,
        Err(e) => return e.into_response(),
    };
    let now = app.clock.now();
    let masked = mask(
        ask.license_key
            .as_deref()
            .or(ask.username.as_deref())
            .unwrap_or(""),
    );
    let decided = app
        .store
        .update(|f| match decide(f, Op::ManagementCheck, &ask, now) {
            Ok((granted, changed)) => (Ok(granted), changed),
            Err((e, changed)) => (Err(e), changed),
        });
    let mut response = match decided {
        Err(e) => e.into_response(),
        Ok(Granted::Deactivated | Granted::Remembered(_)) => {
            LsError::new(500, "internal_error", "unexpected answer").into_response()
        }
        Ok(Granted::License(object, payload)) => {
            let signature = v1_signature(&app, &payload);
            let body = object.finish(&[
                ("license_signature", &signature),
                ("license_signature_v2", &signature),
            ]);
            signed(&app, body, "application/json")
        }
    };
    response.extensions_mut().insert(LogKey(masked));
    response
}
