//! Reading requests forgivingly: bounded bodies, parameters from the query string, a form or a
//! JSON body, and the per-connection controls the accept loop attaches.

use axum::body::{Body, Bytes, HttpBody as _};
use axum::http::{HeaderMap, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Largest request body the server reads (64 KiB); larger ones get the vendor's error shape
/// with HTTP 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How much of an oversized body is read and discarded before answering, so the client sees
/// the 413 instead of a reset connection.
const DRAIN_LIMIT: usize = 64 * 1024 * 1024;

/// Per-connection handle: notifying it makes the accept loop drop the connection unanswered.
#[derive(Debug, Clone)]
pub struct ConnectionControl {
    /// Wakes the connection task, which then closes the socket.
    pub drop: Arc<Notify>,
}

/// Why a request body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Larger than the limit: HTTP 413.
    TooLarge(usize),
    /// The client stopped sending (30 s) or broke the framing: HTTP 400.
    Incomplete,
}

impl BodyError {
    /// The HTTP status to answer with.
    pub fn status(self) -> StatusCode {
        match self {
            BodyError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            BodyError::Incomplete => StatusCode::BAD_REQUEST,
        }
    }

    /// Human text.
    pub fn message(self) -> String {
        match self {
            BodyError::TooLarge(limit) => format!("The request body is larger than {limit} bytes"),
            BodyError::Incomplete => {
                "The request body is incomplete (the client stopped sending)".into()
            }
        }
    }
}

/// Reads the whole body up to [`BODY_LIMIT`].
pub async fn read_body(body: Body) -> Result<Bytes, BodyError> {
    read_body_up_to(body, BODY_LIMIT).await
}

/// Reads the whole body up to `limit` bytes.
pub async fn read_body_up_to(body: Body, limit: usize) -> Result<Bytes, BodyError> {
    // Most checks carry no body (GET, or `content-length: 0`): hyper already knows it is
    // complete, so no 30 s timer is armed and cancelled for it (a timer-wheel insert and
    // removal on every request otherwise).
    if body.is_end_stream() {
        return Ok(Bytes::new());
    }
    let mut body = body;
    let mut buf: Vec<u8> = Vec::new();
    let mut too_large = false;
    let mut broken = false;
    let mut seen = 0usize;
    let read = async {
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                broken = true;
                break;
            };
            if let Ok(data) = frame.into_data() {
                seen += data.len();
                if seen > limit {
                    too_large = true;
                    buf.clear();
                    if seen > DRAIN_LIMIT {
                        break;
                    }
                } else {
                    buf.extend_from_slice(&data);
                }
            }
        }
    };
    // A client that stops sending mid-body must not hold the handler forever.
    if tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .is_err()
    {
        broken = true;
    }
    if too_large {
        Err(BodyError::TooLarge(limit))
    } else if broken {
        Err(BodyError::Incomplete)
    } else {
        Ok(Bytes::from(buf))
    }
}

/// `key=value` pairs of a query string or form body; invalid UTF-8 is replaced, never fatal.
pub fn parse_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A header as text (trimmed); absent or not valid text → `None`.
pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// What a request body turned out to be.
#[derive(Debug)]
pub enum BodyParams {
    /// Empty body.
    Empty,
    /// A JSON object.
    Json(Map<String, Value>),
    /// Form pairs (a body that is neither empty nor JSON but parses as a form).
    Form(Vec<(String, String)>),
    /// Claimed or looked like JSON but did not parse as an object.
    Malformed(String),
}

/// Interprets a body as JSON (when it says or looks so) or as a form.
pub fn body_params(headers: &HeaderMap, bytes: &[u8]) -> BodyParams {
    let text = bytes.trim_ascii();
    if text.is_empty() {
        return BodyParams::Empty;
    }
    let content_type = header(headers, "content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let says_json = content_type.contains("json");
    let looks_json = matches!(text.first(), Some(b'{' | b'['));
    if says_json || looks_json || content_type.is_empty() && !text.contains(&b'=') {
        return match serde_json::from_slice::<Value>(text) {
            Ok(Value::Object(map)) => BodyParams::Json(map),
            Ok(_) => BodyParams::Malformed("the JSON body must be an object".into()),
            Err(e) if std::str::from_utf8(text).is_err() => {
                BodyParams::Malformed(format!("the body is not valid UTF-8 JSON ({e})"))
            }
            Err(e) => BodyParams::Malformed(format!("the body is not valid JSON: {e}")),
        };
    }
    BodyParams::Form(parse_pairs(text))
}
