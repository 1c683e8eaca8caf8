//! FaxStore license system: `POST /api/check/{id}`, `POST /api/check/multiple` and the legacy
//! `POST /api/checkitem/{id}`.

use crate::app::Shared;
use crate::fixture::{FaxStore, FsRequest, FsState};
use crate::log::LogKey;
use crate::masking::mask;
use crate::request::{BodyError, BodyParams, body_params, header, parse_pairs, read_body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use std::net::{IpAddr, SocketAddr};

/// Recorded requests kept per license.
const REQUEST_LOG_LIMIT: usize = 50;
/// Characters of `info` kept per recorded request.
const INFO_LIMIT: usize = 1000;

/// Answer body (field order as the vendor's).
#[derive(Debug, Serialize)]
struct Answer {
    status: &'static str,
    pass: bool,
    details: String,
    #[serde(rename = "proId", skip_serializing_if = "Option::is_none")]
    pro_id: Option<u64>,
}

/// A FaxStore-shaped JSON response.
pub fn answer(status_code: StatusCode, status: &'static str, details: String) -> Response {
    respond(
        status_code,
        Answer {
            status,
            pass: false,
            details,
            pro_id: None,
        },
    )
}

fn respond(code: StatusCode, answer: Answer) -> Response {
    // Sized for the usual answer, so serialising never regrows it.
    let mut body = Vec::with_capacity(256);
    if serde_json::to_writer(&mut body, &answer).is_err() {
        body.clear();
    }
    (
        code,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn bad_request(details: impl Into<String>) -> Response {
    answer(StatusCode::BAD_REQUEST, "BAD REQUEST", details.into())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Endpoint {
    Check,
    Multiple,
    V1,
}

/// `POST /api/check/{product_id}`.
pub async fn check(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Endpoint::Check, request).await
}

/// `POST /api/check/multiple`.
pub async fn check_multiple(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Endpoint::Multiple, request).await
}

/// `POST /api/checkitem/{product_id}` (legacy v1).
pub async fn check_v1(State(app): State<Shared>, request: Request) -> Response {
    handle(app, Endpoint::V1, request).await
}

// The whole request is taken apart by hand: extractors would clone the header map and
// allocate the path and query strings on every check.
async fn handle(app: Shared, endpoint: Endpoint, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
        .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
    let path_product =
        (endpoint != Endpoint::Multiple).then(|| parts.uri.path().rsplit('/').next().unwrap_or(""));
    if endpoint == Endpoint::V1
        && !app
            .store
            .read(|f| f.faxstore.as_ref().is_none_or(|fs| fs.v1_enabled))
    {
        return answer(
            StatusCode::NOT_FOUND,
            "NOT FOUND",
            "Cannot POST: the v1 endpoint (/api/checkitem) is not enabled on this license system"
                .into(),
        );
    }
    let bytes = match read_body(body).await {
        Ok(b) => b,
        Err(e) => return body_error(e),
    };
    // Parameters: query string, then a JSON, form or empty body.
    let mut params = serde_json::Map::new();
    for (k, v) in parse_pairs(parts.uri.query().unwrap_or("").as_bytes()) {
        params.insert(k, Value::String(v));
    }
    let mut form_ids: Vec<String> = Vec::new();
    match body_params(headers, &bytes) {
        BodyParams::Malformed(reason) => return bad_request(reason),
        BodyParams::Json(map) => params.extend(map),
        BodyParams::Form(pairs) => {
            for (k, v) in pairs {
                if k == "proIds[]" {
                    form_ids.push(v);
                } else {
                    params.insert(k, Value::String(v));
                }
            }
        }
        BodyParams::Empty => {}
    }
    let Some(key) = header(headers, "authorization").filter(|k| !k.is_empty()) else {
        return bad_request("The authorization header (your license key) is missing");
    };
    let key = key.to_string();
    let info = match params.get("info") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
    // Recorded in the state (and its file): keep a chatty client from bloating it.
    .map(|text| text.chars().take(INFO_LIMIT).collect::<String>());
    let log = match params.get("log") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !matches!(s.to_ascii_lowercase().as_str(), "false" | "0" | "no"),
        Some(Value::Number(n)) => n.as_u64() != Some(0),
        Some(_) => return bad_request("\"log\" must be a boolean"),
    };
    let requested: Vec<Option<u64>> = match endpoint {
        Endpoint::Multiple => {
            let raw = params
                .get("proIds")
                .or_else(|| params.get("proids"))
                .cloned();
            match product_list(raw, form_ids) {
                Ok(ids) => ids,
                Err(reason) => return bad_request(reason),
            }
        }
        _ => vec![path_product.and_then(|p| p.trim().parse().ok())],
    };
    let ip = caller_ip(headers, peer);
    let now = crate::clock::format_framecad(app.clock.now());
    let mut response = app.store.update(|f| {
        let Some(fs) = f.faxstore.as_mut() else {
            let empty = FaxStore::default();
            return (judge(&empty, &key, &requested, &ip, endpoint).0, false);
        };
        let (answer, license_index) = judge(fs, &key, &requested, &ip, endpoint);
        let mut changed = false;
        if let Some(i) = license_index
            && log
        {
            let record = &mut fs.licenses[i].request_log;
            record.push(FsRequest {
                at: now,
                products: requested.iter().flatten().copied().collect(),
                ip: ip.to_string(),
                info,
            });
            if record.len() > REQUEST_LOG_LIMIT {
                record.remove(0);
            }
            changed = true;
        }
        (answer, changed)
    });
    response.extensions_mut().insert(LogKey(mask(&key)));
    response
}

/// The decision for one request, and the index of the license it concerned.
fn judge(
    fs: &FaxStore,
    key: &str,
    requested: &[Option<u64>],
    ip: &IpAddr,
    endpoint: Endpoint,
) -> (Response, Option<usize>) {
    let live: Vec<u64> = requested
        .iter()
        .flatten()
        .copied()
        .filter(|id| fs.products.iter().any(|p| p.id == *id && !p.deleted))
        .collect();
    if live.is_empty() {
        let details = if requested.is_empty() {
            "The supplied product list is empty (proIds was not passed)"
        } else {
            "The supplied product was not found"
        };
        return (answer(StatusCode::OK, "NOT FOUND", details.into()), None);
    }
    let Some(index) = fs.licenses.iter().position(|l| l.key == key) else {
        return (
            answer(
                StatusCode::OK,
                "NOT FOUND",
                "The supplied license key was not found".into(),
            ),
            None,
        );
    };
    let license = &fs.licenses[index];
    let Some(product) = live
        .iter()
        .copied()
        .find(|id| license.products.contains(id))
    else {
        let details = "The supplied license key is not valid for the supplied product";
        return (
            answer(StatusCode::OK, "NOT FOUND", details.into()),
            Some(index),
        );
    };
    let refusal = match license.state {
        FsState::Disabled => Some((
            "KEY DISABLED",
            "This license key has been disabled by staff".to_string(),
        )),
        FsState::Inactive => Some((
            "NOT ACTIVE",
            "This license key has been marked inactive by its owner".to_string(),
        )),
        FsState::Active => match license
            .ip
            .as_deref()
            .and_then(|a| a.trim().parse::<IpAddr>().ok())
        {
            Some(allowed) if canonical(allowed) != *ip => Some((
                "NOT AUTHORISED",
                format!("The IP {ip} is not authorised to use this license key"),
            )),
            _ => None,
        },
    };
    if let Some((status, details)) = refusal {
        return (answer(StatusCode::OK, status, details), Some(index));
    }
    let success = match endpoint {
        Endpoint::V1 => Answer {
            status: "OK",
            pass: true,
            details: "Authorisation completed!".into(),
            pro_id: None,
        },
        Endpoint::Check => Answer {
            status: "AUTHORISED",
            pass: true,
            details: format!("Authorisation completed - {}", fs.site_url),
            pro_id: None,
        },
        Endpoint::Multiple => Answer {
            status: "AUTHORISED",
            pass: true,
            details: format!("Authorisation completed - {}", fs.site_url),
            pro_id: Some(product),
        },
    };
    (respond(StatusCode::OK, success), Some(index))
}

/// `proIds` as a JSON array of numbers or numeric strings, a comma-separated string, or
/// repeated `proIds[]` form fields. Unparsable entries count as unknown products.
fn product_list(raw: Option<Value>, form_ids: Vec<String>) -> Result<Vec<Option<u64>>, String> {
    let parse = |s: &str| s.trim().parse::<u64>().ok();
    let mut ids: Vec<Option<u64>> = form_ids.iter().map(|s| parse(s)).collect();
    match raw {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                ids.push(match item {
                    Value::Number(n) => n.as_u64(),
                    Value::String(s) => parse(&s),
                    _ => return Err("\"proIds\" must be an array of product ids".into()),
                });
            }
        }
        Some(Value::String(s)) => {
            ids.extend(s.split(',').filter(|p| !p.trim().is_empty()).map(parse))
        }
        Some(Value::Number(n)) => ids.push(n.as_u64()),
        Some(_) => return Err("\"proIds\" must be an array of product ids".into()),
    }
    Ok(ids)
}

/// `X-Real-IP` when present (set by the vendor's reverse proxy), else the TCP peer.
fn caller_ip(headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
    header(headers, "x-real-ip")
        .and_then(|v| v.parse::<IpAddr>().ok())
        .map(canonical)
        .unwrap_or_else(|| canonical(peer.ip()))
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// An unreadable body (413 or 400) in FaxStore's shape.
pub fn body_error(e: BodyError) -> Response {
    answer(e.status(), "BAD REQUEST", e.message())
}
