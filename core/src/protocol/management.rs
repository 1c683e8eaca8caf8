//! LicenseSpring Management API: `check_license` with `Authorization: Api-Key …`.

use crate::transport::Method;
use crate::transport::RequestBuilder;

use super::answered;
use super::licensespring::{Identity, interpret_license_answer, validate_identity};
use crate::secret::masked_opt;
use crate::signature::ResponseVerifier;
use crate::transport::{Response, Transport};
use crate::{Error, Family, Operation, Verdict};

/// `GET /api/v1/licenses/check_license/`: the license as the vendor's back office sees it.
#[derive(Clone, Default)]
pub struct CheckRequest {
    /// Product short code.
    pub product: String,
    /// License key; give this or `username`.
    pub license_key: Option<String>,
    /// User; give this or `license_key`.
    pub username: Option<String>,
    /// Device id; `None` = this machine's fingerprint for `product`.
    pub hardware_id: Option<String>,
}

impl std::fmt::Debug for CheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckRequest")
            .field("product", &self.product)
            .field("license_key", &masked_opt(&self.license_key))
            .field("username", &self.username)
            .field("hardware_id", &self.hardware_id)
            .finish()
    }
}

impl CheckRequest {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        validate_identity(
            &self.product,
            self.license_key.as_deref(),
            self.username.as_deref(),
            self.hardware_id.as_deref(),
        )
    }
}

/// The HTTP request of the Management check.
pub(crate) fn check_request(
    transport: &Transport,
    management_api_key: &str,
    req: &CheckRequest,
    hardware_id: &str,
) -> RequestBuilder {
    let mut query: Vec<(&str, &str)> =
        vec![("product", &req.product), ("hardware_id", hardware_id)];
    if let Some(k) = &req.license_key {
        query.push(("license_key", k));
    }
    if let Some(u) = &req.username {
        query.push(("username", u));
    }
    transport
        .http()
        .request(
            Method::GET,
            transport.url_with_query(&["api", "v1", "licenses", "check_license", ""], &query),
        )
        .header("authorization", format!("Api-Key {management_api_key}"))
        .header("accept", "application/json")
}

/// Turns a Management answer into a verdict. The Management API is authenticated by its key
/// over TLS; its `license_signature` field is verified when present and a public key is set.
pub(crate) fn interpret(
    verifier: Option<&ResponseVerifier>,
    identity: &Identity<'_>,
    response: &Response,
) -> Verdict {
    let verdict = answered(Family::LicenseSpringManagement, Operation::Check, response);
    let has_v1 = verdict
        .raw
        .as_ref()
        .is_some_and(|b| b.get("license_signature").is_some_and(|s| s.is_string()));
    interpret_license_answer(
        Family::LicenseSpringManagement,
        Operation::Check,
        verifier.filter(|_| has_v1),
        identity,
        verdict,
    )
}
