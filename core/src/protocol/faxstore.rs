//! FaxStore license system: `check`, `check_multiple` and the legacy v1 `checkitem`.
//!
//! The key travels in the `authorization` header; refusals come back as HTTP 200 with
//! `pass:false`, so the verdict is read from `pass`/`status`/`details`, never the HTTP status.

use crate::transport::Method;
use crate::transport::RequestBuilder;
use serde_json::{Map, Value};

use super::{answered, invalid, optional, required, text, with_body};
use crate::mapping::{Reply, map_reply};
use crate::secret::Masked;
use crate::transport::{Response, Transport};
use crate::{Error, Family, License, Operation, Outcome, Verdict};

/// `check` and `check_v1`: is this key licensed for this product?
#[derive(Clone, Default)]
pub struct CheckRequest {
    /// The license key.
    pub license_key: String,
    /// The product id.
    pub product_id: String,
    /// Free text the server logs with the request.
    pub info: Option<String>,
    /// `Some(false)`: ask the server not to record this request.
    pub log: Option<bool>,
}

impl std::fmt::Debug for CheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckRequest")
            .field("license_key", &Masked(&self.license_key))
            .field("product_id", &self.product_id)
            .field("info", &self.info)
            .field("log", &self.log)
            .finish()
    }
}

/// `check_multiple`: is this key licensed for any of these products?
#[derive(Clone, Default)]
pub struct CheckMultipleRequest {
    /// The license key.
    pub license_key: String,
    /// The product ids (1 to 256).
    pub product_ids: Vec<String>,
    /// Free text the server logs with the request.
    pub info: Option<String>,
    /// `Some(false)`: ask the server not to record this request.
    pub log: Option<bool>,
}

impl std::fmt::Debug for CheckMultipleRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckMultipleRequest")
            .field("license_key", &Masked(&self.license_key))
            .field("product_ids", &self.product_ids)
            .field("info", &self.info)
            .field("log", &self.log)
            .finish()
    }
}

impl CheckRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        required("license_key", &self.license_key)?;
        required("product_id", &self.product_id)?;
        optional("info", self.info.as_deref())
    }
}

impl CheckMultipleRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        required("license_key", &self.license_key)?;
        if self.product_ids.is_empty() || self.product_ids.len() > super::MAX_PRODUCT_IDS {
            return Err(Error::InvalidArgument(format!(
                "product_ids has {} entries; give 1 to {}",
                self.product_ids.len(),
                super::MAX_PRODUCT_IDS
            )));
        }
        for (i, id) in self.product_ids.iter().enumerate() {
            required(&format!("product_ids[{i}]"), id)?;
        }
        optional("info", self.info.as_deref())
    }
}

fn body(info: &Option<String>, log: Option<bool>) -> Map<String, Value> {
    let mut body = Map::new();
    if let Some(info) = info {
        body.insert("info".into(), Value::String(info.clone()));
    }
    if let Some(log) = log {
        body.insert("log".into(), Value::Bool(log));
    }
    body
}

/// FaxStore product ids are numbers; send numeric ids as JSON numbers, others as strings.
fn product_id_json(id: &str) -> Value {
    match id.parse::<u64>() {
        Ok(n) if !id.starts_with('0') || id == "0" => Value::from(n),
        _ => Value::String(id.to_string()),
    }
}

fn post(
    transport: &Transport,
    segments: &[&str],
    license_key: &str,
    body: Map<String, Value>,
) -> RequestBuilder {
    transport
        .http()
        .request(Method::POST, transport.url(segments))
        .header("authorization", license_key)
        .header("accept", "application/json, text/plain, */*")
        .json(&Value::Object(body))
}

/// The HTTP request of `check` (`v1 = false`) or `check_v1`.
pub(crate) fn check_request(transport: &Transport, req: &CheckRequest, v1: bool) -> RequestBuilder {
    let first = if v1 { "checkitem" } else { "check" };
    post(
        transport,
        &["api", first, &req.product_id],
        &req.license_key,
        body(&req.info, req.log),
    )
}

/// The HTTP request of `check_multiple`.
pub(crate) fn check_multiple_request(
    transport: &Transport,
    req: &CheckMultipleRequest,
) -> RequestBuilder {
    let mut body = body(&req.info, req.log);
    let ids = req.product_ids.iter().map(|id| product_id_json(id));
    body.insert("proIds".into(), Value::Array(ids.collect()));
    post(
        transport,
        &["api", "check", "multiple"],
        &req.license_key,
        body,
    )
}

/// Turns a FaxStore answer into a verdict. `product_id` is the product asked about (for
/// `check_multiple` the answer's `proId` names the one that matched).
pub(crate) fn interpret(
    operation: Operation,
    license_key: &str,
    product_id: Option<&str>,
    response: &Response,
) -> Verdict {
    let verdict = answered(Family::FaxStore, operation, response);
    with_body(verdict, |mut verdict, body| {
        let status = body.and_then(|b| text(b, "status"));
        let details = body.and_then(|b| text(b, "details"));
        let pass = body.map(|b| b.get("pass").and_then(Value::as_bool) == Some(true));
        let outcome = map_reply(
            Family::FaxStore,
            operation,
            &Reply {
                http_status: response.status,
                vendor_code: status.as_deref(),
                pass,
                details: details.as_deref(),
                license: None,
            },
        );
        if outcome == Outcome::INVALID_RESPONSE {
            return invalid(verdict, "the answer has no FaxStore `status`");
        }
        verdict.outcome = outcome;
        verdict.message = details;
        // The license exists in these cases; the answer says something about it.
        if matches!(
            outcome,
            Outcome::VALID
                | Outcome::KEY_DISABLED
                | Outcome::KEY_INACTIVE
                | Outcome::IP_NOT_AUTHORISED
        ) {
            let matched = body.and_then(|b| text(b, "proId"));
            verdict.license = Some(License {
                key: Some(license_key.to_string()),
                product: matched.or_else(|| product_id.map(str::to_string)),
                status: status.clone(),
                ..License::default()
            });
        }
        verdict.vendor_code = status;
        verdict
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_product_ids_go_out_as_numbers() {
        assert_eq!(product_id_json("8"), Value::from(8));
        assert_eq!(product_id_json("0"), Value::from(0));
        assert_eq!(product_id_json("08"), Value::from("08"));
        assert_eq!(product_id_json("pack"), Value::from("pack"));
    }

    #[test]
    fn arguments_are_checked_before_any_io() {
        let ok = CheckRequest {
            license_key: "FS-1".into(),
            product_id: "8".into(),
            ..CheckRequest::default()
        };
        assert!(ok.validate().is_ok());
        let no_key = CheckRequest {
            license_key: String::new(),
            ..ok.clone()
        };
        assert!(
            no_key
                .validate()
                .unwrap_err()
                .to_string()
                .contains("license_key")
        );
        let nul = CheckRequest {
            info: Some("a\0b".into()),
            ..ok.clone()
        };
        assert!(nul.validate().unwrap_err().to_string().contains("NUL"));
        let long = CheckRequest {
            product_id: "9".repeat(4097),
            ..ok
        };
        assert!(long.validate().unwrap_err().to_string().contains("4096"));
        let none = CheckMultipleRequest {
            license_key: "k".into(),
            ..CheckMultipleRequest::default()
        };
        assert!(none.validate().is_err());
        let many = CheckMultipleRequest {
            license_key: "k".into(),
            product_ids: vec!["1".into(); 257],
            ..CheckMultipleRequest::default()
        };
        assert!(many.validate().is_err());
    }

    #[test]
    fn debug_masks_the_key() {
        let r = CheckRequest {
            license_key: "FS-AAAA-0001".into(),
            ..CheckRequest::default()
        };
        assert!(!format!("{r:?}").contains("FS-AAAA"));
    }
}
