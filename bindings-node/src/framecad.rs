//! `FrameCadClient`: activate, validate, check, status, deactivate.

use licensekit_core::protocol::framecad;
use licensekit_core::secret::Masked;
use licensekit_core::{Client, Family, Operation};
use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

use crate::call::Call;
use crate::options::{FrameCadOptions, invalid};
use crate::verdict::Verdict;

/// The core method of one frameCAD operation.
type Run =
    fn(&Client, &framecad::Request) -> Result<licensekit_core::Verdict, licensekit_core::Error>;

/// One frameCAD request (every operation takes the same fields).
#[napi(object)]
pub struct FrameCadRequest {
    /// The license key (`HIOZ-W7RA-JNET-X039`).
    pub license_key: String,
    /// This application's client key. Default: the client's `clientKey` option.
    pub client_key: Option<String>,
    /// This machine's key. Default: `hardwareId({ product: productKey ?? clientKey })`.
    pub machine_key: Option<String>,
    /// The product key (activate and deactivate need it).
    pub product_key: Option<String>,
}

impl std::fmt::Debug for FrameCadRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameCadRequest")
            .field("license_key", &Masked(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// A client of the frameCAD Licensing API v1. Every operation resolves with a granted `Verdict`
/// or rejects with a `LicenseError`; the `…Sync` forms block the calling thread instead.
#[napi]
#[derive(Debug)]
pub struct FrameCadClient {
    client: Client,
    client_key: Option<String>,
}

#[napi]
impl FrameCadClient {
    /// Checks the options and builds the client (connections are reused across calls).
    #[napi(constructor)]
    pub fn new(options: FrameCadOptions) -> napi::Result<Self> {
        Ok(FrameCadClient {
            client: crate::client(options.config()?)?,
            client_key: options.client_key,
        })
    }

    fn call(&self, operation: Operation, run: Run, request: FrameCadRequest) -> napi::Result<Call> {
        let client_key = request
            .client_key
            .or_else(|| self.client_key.clone())
            .ok_or_else(|| {
                invalid("clientKey is required (in the request or the client's options)")
            })?;
        let request = framecad::Request {
            client_key,
            license_key: request.license_key,
            machine_key: request.machine_key,
            product_key: request.product_key,
        };
        Ok(Call::new(
            &self.client,
            Family::FrameCad,
            operation,
            move |c| run(c, &request),
        ))
    }

    /// `POST /api/v1/licenses/activate`: binds the license to this client and machine.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn activate<'env>(
        &self,
        env: &'env Env,
        request: FrameCadRequest,
    ) -> napi::Result<Object<'env>> {
        self.call(Operation::Activate, Client::framecad_activate, request)?
            .spawn(env)
    }

    /// `activate`, blocking the calling thread.
    #[napi]
    pub fn activate_sync(&self, request: FrameCadRequest) -> napi::Result<Verdict> {
        self.call(Operation::Activate, Client::framecad_activate, request)?
            .run_here()
    }

    /// `POST /api/v1/licenses/validate`: is this machine's activation valid?
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn validate<'env>(
        &self,
        env: &'env Env,
        request: FrameCadRequest,
    ) -> napi::Result<Object<'env>> {
        self.call(Operation::Validate, Client::framecad_validate, request)?
            .spawn(env)
    }

    /// `validate`, blocking the calling thread.
    #[napi]
    pub fn validate_sync(&self, request: FrameCadRequest) -> napi::Result<Verdict> {
        self.call(Operation::Validate, Client::framecad_validate, request)?
            .run_here()
    }

    /// `GET /api/v1/licenses/check`: like validate, with no bookkeeping on the server.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check<'env>(
        &self,
        env: &'env Env,
        request: FrameCadRequest,
    ) -> napi::Result<Object<'env>> {
        self.call(Operation::Check, Client::framecad_check, request)?
            .spawn(env)
    }

    /// `check`, blocking the calling thread.
    #[napi]
    pub fn check_sync(&self, request: FrameCadRequest) -> napi::Result<Verdict> {
        self.call(Operation::Check, Client::framecad_check, request)?
            .run_here()
    }

    /// `GET /api/v1/licenses/status`: like check, and the server records a last-seen time.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn status<'env>(
        &self,
        env: &'env Env,
        request: FrameCadRequest,
    ) -> napi::Result<Object<'env>> {
        self.call(Operation::Status, Client::framecad_status, request)?
            .spawn(env)
    }

    /// `status`, blocking the calling thread.
    #[napi]
    pub fn status_sync(&self, request: FrameCadRequest) -> napi::Result<Verdict> {
        self.call(Operation::Status, Client::framecad_status, request)?
            .run_here()
    }

    /// `POST /api/v1/licenses/deactivate`: releases the license (outcome `DEACTIVATED`).
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn deactivate<'env>(
        &self,
        env: &'env Env,
        request: FrameCadRequest,
    ) -> napi::Result<Object<'env>> {
        self.call(Operation::Deactivate, Client::framecad_deactivate, request)?
            .spawn(env)
    }

    /// `deactivate`, blocking the calling thread.
    #[napi]
    pub fn deactivate_sync(&self, request: FrameCadRequest) -> napi::Result<Verdict> {
        self.call(Operation::Deactivate, Client::framecad_deactivate, request)?
            .run_here()
    }
}
