//! `FaxStoreClient`: check, checkMultiple and the legacy checkV1.

use licensekit_core::protocol::faxstore;
use licensekit_core::secret::Masked;
use licensekit_core::{Client, Family, Operation};
use napi::Either;
use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

use crate::call::Call;
use crate::options::{FaxStoreOptions, invalid};
use crate::verdict::Verdict;

/// A FaxStore check: the license key against one product.
#[napi(object)]
pub struct FaxStoreCheckRequest {
    /// The license key (sent as the `authorization` header).
    pub license_key: String,
    /// The product id (`8` or `'8'`).
    pub product_id: Either<String, f64>,
    /// Text the server logs with the request.
    pub info: Option<String>,
    /// `false` asks the server not to record this request. Default true.
    pub log: Option<bool>,
}

impl std::fmt::Debug for FaxStoreCheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaxStoreCheckRequest")
            .field("license_key", &Masked(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// A FaxStore check against several products: granted when the key holds any of them.
#[napi(object)]
pub struct FaxStoreCheckMultipleRequest {
    /// The license key.
    pub license_key: String,
    /// The product ids (1 to 256).
    pub product_ids: Vec<Either<String, f64>>,
    /// Text the server logs with the request.
    pub info: Option<String>,
    /// `false` asks the server not to record this request. Default true.
    pub log: Option<bool>,
}

impl std::fmt::Debug for FaxStoreCheckMultipleRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaxStoreCheckMultipleRequest")
            .field("license_key", &Masked(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// A product id as text; a number must be a non-negative whole number.
fn product_id(name: &str, id: Either<String, f64>) -> napi::Result<String> {
    match id {
        Either::A(text) => Ok(text),
        Either::B(n)
            if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 =>
        {
            Ok(format!("{n:.0}"))
        }
        Either::B(n) => Err(invalid(format!(
            "{name} must be a string or a non-negative whole number, got {n}"
        ))),
    }
}

impl FaxStoreCheckRequest {
    fn into_core(self) -> napi::Result<faxstore::CheckRequest> {
        Ok(faxstore::CheckRequest {
            license_key: self.license_key,
            product_id: product_id("productId", self.product_id)?,
            info: self.info,
            log: self.log,
        })
    }
}

impl FaxStoreCheckMultipleRequest {
    fn into_core(self) -> napi::Result<faxstore::CheckMultipleRequest> {
        Ok(faxstore::CheckMultipleRequest {
            license_key: self.license_key,
            product_ids: self
                .product_ids
                .into_iter()
                .enumerate()
                .map(|(i, id)| product_id(&format!("productIds[{i}]"), id))
                .collect::<napi::Result<_>>()?,
            info: self.info,
            log: self.log,
        })
    }
}

/// A client of a FaxStore license system. Every operation resolves with a granted `Verdict` or
/// rejects with a `LicenseError`; the `…Sync` forms block the calling thread instead.
#[napi]
#[derive(Debug)]
pub struct FaxStoreClient {
    client: Client,
}

#[napi]
impl FaxStoreClient {
    /// Checks the options and builds the client (connections are reused across calls).
    #[napi(constructor)]
    pub fn new(options: FaxStoreOptions) -> napi::Result<Self> {
        Ok(FaxStoreClient {
            client: crate::client(options.config()?)?,
        })
    }

    fn check_call(&self, request: FaxStoreCheckRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::FaxStore,
            Operation::Check,
            move |c| c.faxstore_check(&request),
        ))
    }

    fn check_multiple_call(&self, request: FaxStoreCheckMultipleRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::FaxStore,
            Operation::CheckMultiple,
            move |c| c.faxstore_check_multiple(&request),
        ))
    }

    fn check_v1_call(&self, request: FaxStoreCheckRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::FaxStore,
            Operation::CheckV1,
            move |c| c.faxstore_check_v1(&request),
        ))
    }

    /// `POST /api/check/{productId}`: is the key valid for the product?
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check<'env>(
        &self,
        env: &'env Env,
        request: FaxStoreCheckRequest,
    ) -> napi::Result<Object<'env>> {
        self.check_call(request)?.spawn(env)
    }

    /// `check`, blocking the calling thread.
    #[napi]
    pub fn check_sync(&self, request: FaxStoreCheckRequest) -> napi::Result<Verdict> {
        self.check_call(request)?.run_here()
    }

    /// `POST /api/check/multiple`: is the key valid for any of the products?
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check_multiple<'env>(
        &self,
        env: &'env Env,
        request: FaxStoreCheckMultipleRequest,
    ) -> napi::Result<Object<'env>> {
        self.check_multiple_call(request)?.spawn(env)
    }

    /// `checkMultiple`, blocking the calling thread.
    #[napi]
    pub fn check_multiple_sync(
        &self,
        request: FaxStoreCheckMultipleRequest,
    ) -> napi::Result<Verdict> {
        self.check_multiple_call(request)?.run_here()
    }

    /// `POST /api/checkitem/{productId}`: the legacy v1 check.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check_v1<'env>(
        &self,
        env: &'env Env,
        request: FaxStoreCheckRequest,
    ) -> napi::Result<Object<'env>> {
        self.check_v1_call(request)?.spawn(env)
    }

    /// `checkV1`, blocking the calling thread.
    #[napi]
    pub fn check_v1_sync(&self, request: FaxStoreCheckRequest) -> napi::Result<Verdict> {
        self.check_v1_call(request)?.run_here()
    }
}
