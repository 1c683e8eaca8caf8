//! The router: every vendor path, the admin API, faults, request logging, and vendor-shaped
//! answers for unknown paths and wrong methods.

use crate::clock::Clock;
use crate::faults::{Fault, Faults};
use crate::licensespring::LsError;
use crate::log::{LogKey, Logger};
use crate::request::ConnectionControl;
use crate::signing::Signer;
use crate::state::Store;
use crate::{admin, faxstore, framecad, licensespring, management};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header::CONTENT_LENGTH};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_service::Service;

/// Everything the handlers share.
#[derive(Debug)]
pub struct App {
    /// Live state and persistence.
    pub store: Store,
    /// LicenseSpring response signing.
    pub signer: Signer,
    /// Armed faults.
    pub faults: Faults,
    /// Server time.
    pub clock: Clock,
    /// Allowed Date header skew for LicenseSpring requests.
    pub max_skew_secs: u64,
    /// Request log.
    pub log: Logger,
}

/// Shared handle given to every handler.
pub type Shared = Arc<App>;

tokio::task_local! {
    /// Set for a request that a `corrupt_signature` fault applies to.
    pub static CORRUPT_SIGNATURE: bool;
}

/// The API family a path belongs to, which decides the shape of error bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    FaxStore,
    FrameCad,
    LicenseSpring,
    Admin,
}

fn family(path: &str) -> Family {
    if path.starts_with("/__admin") {
        Family::Admin
    } else if path.starts_with("/api/check/")
        || path.starts_with("/api/checkitem/")
        || path == "/api/check"
    {
        Family::FaxStore
    } else if path.starts_with("/api/v1/licenses/")
        && !path.starts_with("/api/v1/licenses/check_license")
    {
        Family::FrameCad
    } else {
        Family::LicenseSpring
    }
}

/// An error in the shape of the family that owns `path`.
fn vendor_error(app: &App, path: &str, status: StatusCode, message: &str) -> Response {
    match family(path) {
        Family::FaxStore => {
            let word = if status == StatusCode::NOT_FOUND {
                "NOT FOUND"
            } else {
                "ERROR"
            };
            faxstore::answer(status, word, message.to_string())
        }
        Family::FrameCad => {
            let code = if status.is_server_error() { 13 } else { 6 };
            framecad::answer_with_status(status, app.clock.now(), code, message.to_string())
        }
        Family::LicenseSpring => {
            let code = match status.as_u16() {
                404 => "not_found",
                405 => "method_not_allowed",
                429 => "too_many_requests",
                s if s >= 500 => "internal_error",
                _ => "fault_injected",
            };
            LsError::new(status.as_u16(), code, message).into_response()
        }
        Family::Admin => admin::error(status, message),
    }
}

/// Builds the router over `app`. Requests reach it through [`edge`].
pub fn router(app: Shared) -> Router {
    let admin = Router::new()
        .route("/__admin/health", get(admin::health))
        .route("/__admin/public-key", get(admin::public_key))
        .route("/__admin/state", get(admin::state))
        .route("/__admin/reset", post(admin::reset))
        .route("/__admin/fixture", post(admin::load_fixture))
        .route(
            "/__admin/faults",
            post(admin::add_fault)
                .get(admin::list_faults)
                .delete(admin::clear_faults),
        )
        .route("/__admin/clock", post(admin::set_clock).get(admin::clock));
    Router::new()
        .route("/api/check/multiple", post(faxstore::check_multiple))
        .route("/api/check/{product_id}", post(faxstore::check))
        .route("/api/checkitem/{product_id}", post(faxstore::check_v1))
        .route("/api/v4/activate_license", post(licensespring::activate))
        .route("/api/v4/check_license", get(licensespring::check))
        .route(
            "/api/v4/deactivate_license",
            post(licensespring::deactivate),
        )
        .route(
            "/api/v4/add_consumption",
            post(licensespring::add_consumption),
        )
        .route("/api/v1/licenses/check_license/", get(management::check))
        .route("/api/v1/licenses/check_license", get(management::check))
        .route("/api/v1/licenses/activate", post(framecad::activate))
        .route("/api/v1/licenses/validate", post(framecad::validate))
        .route("/api/v1/licenses/check", get(framecad::check))
        .route("/api/v1/licenses/status", get(framecad::status))
        .route("/api/v1/licenses/deactivate", post(framecad::deactivate))
        .merge(admin)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(app)
}

async fn not_found(State(app): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let message = format!("No such API path: {} {path}", request.method());
    vendor_error(&app, &path, StatusCode::NOT_FOUND, &message)
}

async fn method_not_allowed(State(app): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let message = format!("Method {} is not allowed on {path}", request.method());
    vendor_error(&app, &path, StatusCode::METHOD_NOT_ALLOWED, &message)
}

/// Every request passes here once, on its way from the accept loop to `router`: fault
/// injection for the exact request path, then one log line (keys masked by the handler through
/// `LogKey`). Called directly by the accept loop rather than as an axum middleware layer, which
/// cost a boxed future, a boxed service clone and another routing future per request
/// (~4 000 instructions, callgrind).
pub async fn edge(app: Shared, router: Router, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // A clone shares the request's bytes (no copy) and keeps the path for the log line.
    let uri = request.uri().clone();
    let path = uri.path();
    let fault = if app.faults.is_empty() || family(path) == Family::Admin {
        None
    } else {
        app.faults.take(path)
    };
    let response = match fault {
        None => CORRUPT_SIGNATURE.scope(false, run(router, request)).await,
        Some(fault) => apply_fault(&app, fault, path.to_string(), request, router).await,
    };
    let key = response
        .extensions()
        .get::<LogKey>()
        .map(|k| k.0.as_str())
        .unwrap_or("");
    app.log.line(log_line(
        method.as_str(),
        path,
        response.status(),
        started.elapsed(),
        key,
    ));
    response
}

/// `METHOD PATH STATUS 1.2ms key=…`, assembled piece by piece: format! cost ~3 000
/// instructions a request (callgrind), more than the rest of the logging together.
fn log_line(method: &str, path: &str, status: StatusCode, elapsed: Duration, key: &str) -> String {
    use std::fmt::Write as _;
    let mut line = String::with_capacity(method.len() + path.len() + key.len() + 32);
    line.push_str(method);
    line.push(' ');
    line.push_str(path);
    line.push(' ');
    line.push_str(status.as_str());
    line.push(' ');
    let _ = write!(line, "{}", elapsed.as_millis());
    line.push('.');
    line.push(char::from(
        b'0' + (elapsed.subsec_micros() / 100 % 10) as u8,
    ));
    line.push_str("ms");
    if !key.is_empty() {
        line.push_str(" key=");
        line.push_str(key);
    }
    line
}

/// Routes `request` (the router is always ready and never fails).
async fn run(mut router: Router, request: Request) -> Response {
    match router.call(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

async fn apply_fault(
    app: &Shared,
    fault: Fault,
    path: String,
    request: Request,
    router: Router,
) -> Response {
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop_connection {
        app.log
            .line(format!("{} {path} dropped (fault)", request.method()));
        if let Some(control) = request.extensions().get::<ConnectionControl>() {
            control.drop.notify_one();
            // The accept loop now drops this connection, and this future with it.
            std::future::pending::<()>().await;
        }
        return vendor_error(
            app,
            &path,
            StatusCode::INTERNAL_SERVER_ERROR,
            "connection drop requested",
        );
    }
    let response = match fault.status.filter(|s| *s != 200) {
        Some(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            match &fault.body {
                Some(body) => Response::builder()
                    .status(status)
                    .body(Body::from(body.clone()))
                    .unwrap_or_else(|_| Response::new(Body::empty())),
                None => vendor_error(
                    app,
                    &path,
                    status,
                    &format!("Injected fault: HTTP {}", status.as_u16()),
                ),
            }
        }
        None => {
            CORRUPT_SIGNATURE
                .scope(fault.corrupt_signature, run(router, request))
                .await
        }
    };
    if !fault.invalid_json {
        return response;
    }
    // Keep status and headers, cut the body in half: it no longer parses as JSON.
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut cut = bytes[..bytes.len() / 2].to_vec();
    if cut.is_empty() {
        cut = b"{\"truncated\":".to_vec();
    }
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_line_reads_method_path_status_tenths_of_milliseconds_and_masked_key() {
        let line = log_line(
            "POST",
            "/api/check/8",
            StatusCode::OK,
            Duration::from_micros(12_345),
            "**********0001",
        );
        assert_eq!(line, "POST /api/check/8 200 12.3ms key=**********0001");
        let line = log_line("GET", "/x", StatusCode::NOT_FOUND, Duration::ZERO, "");
        assert_eq!(line, "GET /x 404 0.0ms");
    }
}
