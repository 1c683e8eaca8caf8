//! frameCAD Licensing API v1: activate, validate, check, status and deactivate. Every answer
//! carries a numeric `code` (the verdict), `message`, `now` and usually the `license`.

use crate::transport::Method;
use crate::transport::RequestBuilder;
use serde_json::{Map, Value};

use super::{answered, invalid, optional, required, text, with_body};
use crate::mapping::map;
use crate::secret::Masked;
use crate::transport::{Response, Transport};
use crate::{Error, Family, License, Operation, Verdict};

/// The arguments of every frameCAD operation.
#[derive(Clone, Default)]
pub struct Request {
    /// The client key (16 upper-case hex characters).
    pub client_key: String,
    /// The license key (`XXXX-XXXX-XXXX-XXXX`).
    pub license_key: String,
    /// The machine; `None` = this machine's fingerprint for `product_key` (or `client_key`).
    pub machine_key: Option<String>,
    /// The product key; activate and deactivate need it.
    pub product_key: Option<String>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("client_key", &Masked(&self.client_key))
            .field("license_key", &Masked(&self.license_key))
            .field("machine_key", &self.machine_key)
            .field("product_key", &self.product_key)
            .finish()
    }
}

impl Request {
    /// Checks lengths and NULs; which fields the operation needs is the server's judgement
    /// (codes 8 and 10 → `MISSING_PARAMETER`), except the two that identify the license.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        required("client_key", &self.client_key)?;
        required("license_key", &self.license_key)?;
        optional("machine_key", self.machine_key.as_deref())?;
        optional("product_key", self.product_key.as_deref())
    }
}

fn path(operation: Operation) -> &'static str {
    match operation {
        Operation::Activate => "activate",
        Operation::Validate => "validate",
        Operation::Status => "status",
        Operation::Deactivate => "deactivate",
        _ => "check",
    }
}

/// The HTTP request of `operation` for `machine_key` (already resolved).
pub(crate) fn request(
    transport: &Transport,
    operation: Operation,
    req: &Request,
    machine_key: &str,
) -> RequestBuilder {
    let segments = ["api", "v1", "licenses", path(operation)];
    let mut fields: Vec<(&str, &str)> = vec![
        ("client_key", &req.client_key),
        ("license_key", &req.license_key),
        ("machine_key", machine_key),
    ];
    let sends_product = matches!(operation, Operation::Activate | Operation::Deactivate);
    if let (true, Some(p)) = (sends_product, &req.product_key) {
        fields.push(("product_key", p));
    }
    let http = transport.http();
    let builder = match operation {
        Operation::Check | Operation::Status => {
            http.request(Method::GET, transport.url_with_query(&segments, &fields))
        }
        _ => {
            let body: Map<String, Value> = fields
                .iter()
                .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                .collect();
            http.request(Method::POST, transport.url(&segments))
                .json(&Value::Object(body))
        }
    };
    builder.header("accept", "application/json")
}

/// Turns a frameCAD answer into a verdict. A grant must describe the license asked about: a
/// bare `{"code":0}`, or a license with another key, is not trusted.
pub(crate) fn interpret(operation: Operation, license_key: &str, response: &Response) -> Verdict {
    let verdict = answered(Family::FrameCad, operation, response);
    with_body(verdict, |mut verdict, body| {
        // `code` is a JSON integer; anything else is kept as text (UNKNOWN_VENDOR_CODE).
        let code = body.and_then(|b| match b.get("code")? {
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        });
        let outcome = map(
            Family::FrameCad,
            operation,
            response.status,
            code.as_deref(),
        );
        if outcome == crate::Outcome::INVALID_RESPONSE {
            return invalid(verdict, "the answer has no frameCAD `code`");
        }
        verdict.outcome = outcome;
        verdict.vendor_code = code;
        if let Some(body) = body {
            verdict.message = text(body, "message");
            if let Some(now) = text(body, "now") {
                verdict.server_time = Some(now);
            }
            verdict.license = body
                .get("license")
                .filter(|l| l.is_object())
                .map(license_view);
        }
        if outcome.is_granted() {
            let echoed = verdict.license.as_ref().and_then(|l| l.key.as_deref());
            match echoed {
                None => return invalid(verdict, "a frameCAD grant without its license"),
                Some(key) if !key.eq_ignore_ascii_case(license_key) => {
                    return invalid(verdict, "the answer describes another license");
                }
                Some(_) => {}
            }
        }
        verdict
    })
}

fn license_view(l: &Value) -> License {
    License {
        key: text(l, "license_key"),
        id: text(l, "id"),
        status: text(l, "status"),
        expires_at: text(l, "expiration_date"),
        machine_key: text(l, "machine_key"),
        ..License::default()
    }
}
