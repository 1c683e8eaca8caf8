//! One module per vendor family: the request types, how a request goes on the wire, and how
//! the answer becomes a [`Verdict`](crate::Verdict). Shared here: argument checks and body
//! parsing.

pub mod faxstore;
pub mod framecad;
pub mod licensespring;
pub mod management;

use serde_json::Value;

use crate::Error;
use crate::transport::Response;

/// The longest string argument accepted (bytes).
pub const MAX_ARG_BYTES: usize = 4096;

/// The most product ids one FaxStore `check_multiple` may carry.
pub const MAX_PRODUCT_IDS: usize = 256;

/// Checks a required string argument: non-empty, at most [`MAX_ARG_BYTES`], no NUL.
pub(crate) fn required(name: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::InvalidArgument(format!("{name} is required")));
    }
    optional(name, Some(value))
}

/// Checks an optional string argument: at most [`MAX_ARG_BYTES`], no NUL.
pub(crate) fn optional(name: &str, value: Option<&str>) -> Result<(), Error> {
    let Some(value) = value else { return Ok(()) };
    if value.len() > MAX_ARG_BYTES {
        return Err(Error::InvalidArgument(format!(
            "{name} is {} bytes long; the limit is {MAX_ARG_BYTES}",
            value.len()
        )));
    }
    if value.contains('\0') {
        return Err(Error::InvalidArgument(format!(
            "{name} contains a NUL character"
        )));
    }
    Ok(())
}

/// The body as JSON, or as a JSON string when it is text but not JSON; `None` when empty.
pub(crate) fn parse_body(response: &Response) -> Option<Value> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    match serde_json::from_slice::<Value>(&response.body) {
        Ok(v) => Some(v),
        Err(_) => Some(Value::String(
            String::from_utf8_lossy(&response.body).into_owned(),
        )),
    }
}

/// A string field, also when the server sent a number (`"id": 1001`).
pub(crate) fn text(value: &Value, field: &str) -> Option<String> {
    match value.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A verdict carrying what every answer has: HTTP status, parsed body, server `Date`.
/// The family fills in outcome, code, message and license.
pub(crate) fn answered(
    family: crate::Family,
    operation: crate::Operation,
    response: &Response,
) -> crate::Verdict {
    let mut verdict = crate::Verdict::new(family, operation, crate::Outcome::INVALID_RESPONSE);
    verdict.http_status = Some(response.status);
    verdict.raw = parse_body(response);
    verdict.server_time = response.header("date").map(str::to_string);
    verdict
}

/// Marks `verdict` as an answer we could not understand.
pub(crate) fn invalid(mut verdict: crate::Verdict, why: impl Into<String>) -> crate::Verdict {
    verdict.outcome = crate::Outcome::INVALID_RESPONSE;
    verdict.message = Some(why.into());
    verdict
}

/// Lets `judge` read the body (when it is a JSON object) while it fills in the verdict, without
/// copying the body; the body ends up in `raw` either way.
pub(crate) fn with_body(
    mut verdict: crate::Verdict,
    judge: impl FnOnce(crate::Verdict, Option<&Value>) -> crate::Verdict,
) -> crate::Verdict {
    let raw = verdict.raw.take();
    let mut verdict = judge(verdict, raw.as_ref().filter(|v| v.is_object()));
    verdict.raw = raw;
    verdict
}
