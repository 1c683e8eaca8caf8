//! `LicenseSpringClient` (License API v4: activate, check, deactivate; HMAC-signed requests,
//! signature-verified answers) and `LicenseSpringManagementClient` (Management API check).

use licensekit_core::protocol::{licensespring, management};
use licensekit_core::secret::masked_opt;
use licensekit_core::{Client, Family, Operation};
use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

use crate::call::Call;
use crate::options::{LicenseSpringManagementOptions, LicenseSpringOptions, invalid};
use crate::verdict::Verdict;

/// Takes a seat for this device. Give `licenseKey`, or `username` and `password`.
#[napi(object)]
pub struct LicenseSpringActivateRequest {
    /// The product short code.
    pub product: String,
    /// The license key (key-based licenses).
    pub license_key: Option<String>,
    /// The user (user-based licenses).
    pub username: Option<String>,
    /// The user's password (user-based licenses).
    pub password: Option<String>,
    /// This device's id. Default: `hardwareId({ product })`.
    pub hardware_id: Option<String>,
    /// Which of the user's licenses, when they hold several.
    pub license_id: Option<f64>,
    /// The application's version (checked against the license's allowed versions).
    pub app_ver: Option<String>,
    /// The operating system's version, for the vendor's dashboard.
    pub os_ver: Option<String>,
    /// The host name, for the vendor's dashboard.
    pub hostname: Option<String>,
    /// Whether this device is a virtual machine (see `environment()`).
    pub is_vm: Option<bool>,
}

impl std::fmt::Debug for LicenseSpringActivateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseSpringActivateRequest")
            .field("license_key", &masked_opt(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// Asks whether this device's activation is valid.
#[napi(object)]
pub struct LicenseSpringCheckRequest {
    /// The product short code.
    pub product: String,
    /// The license key (key-based licenses).
    pub license_key: Option<String>,
    /// The user (user-based licenses).
    pub username: Option<String>,
    /// This device's id. Default: `hardwareId({ product })`.
    pub hardware_id: Option<String>,
    /// Which of the user's licenses, when they hold several.
    pub license_id: Option<f64>,
    /// The application's version.
    pub app_ver: Option<String>,
    /// Also list features that have expired.
    pub include_expired_features: Option<bool>,
}

impl std::fmt::Debug for LicenseSpringCheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseSpringCheckRequest")
            .field("license_key", &masked_opt(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// Frees this device's seat.
#[napi(object)]
pub struct LicenseSpringDeactivateRequest {
    /// The product short code.
    pub product: String,
    /// The license key (key-based licenses).
    pub license_key: Option<String>,
    /// The user (user-based licenses).
    pub username: Option<String>,
    /// This device's id. Default: `hardwareId({ product })`.
    pub hardware_id: Option<String>,
    /// Which of the user's licenses, when they hold several.
    pub license_id: Option<f64>,
}

impl std::fmt::Debug for LicenseSpringDeactivateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseSpringDeactivateRequest")
            .field("license_key", &masked_opt(&self.license_key))
            .finish_non_exhaustive()
    }
}

/// A Management API check of a device's license.
#[napi(object)]
pub struct LicenseSpringManagementCheckRequest {
    /// The product short code.
    pub product: String,
    /// The license key (key-based licenses).
    pub license_key: Option<String>,
    /// The user (user-based licenses).
    pub username: Option<String>,
    /// The device's id. Default: `hardwareId({ product })`.
    pub hardware_id: Option<String>,
}

impl std::fmt::Debug for LicenseSpringManagementCheckRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LicenseSpringManagementCheckRequest")
            .field("license_key", &masked_opt(&self.license_key))
            .finish_non_exhaustive()
    }
}

fn license_id(value: Option<f64>) -> napi::Result<Option<u64>> {
    match value {
        None => Ok(None),
        Some(n)
            if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 =>
        {
            Ok(Some(n as u64))
        }
        Some(n) => Err(invalid(format!(
            "licenseId must be a non-negative whole number, got {n}"
        ))),
    }
}

impl LicenseSpringActivateRequest {
    fn into_core(self) -> napi::Result<licensespring::ActivateRequest> {
        Ok(licensespring::ActivateRequest {
            product: self.product,
            license_key: self.license_key,
            username: self.username,
            password: self.password,
            hardware_id: self.hardware_id,
            license_id: license_id(self.license_id)?,
            app_ver: self.app_ver,
            os_ver: self.os_ver,
            hostname: self.hostname,
            is_vm: self.is_vm,
        })
    }
}

impl LicenseSpringCheckRequest {
    fn into_core(self) -> napi::Result<licensespring::CheckRequest> {
        Ok(licensespring::CheckRequest {
            product: self.product,
            license_key: self.license_key,
            username: self.username,
            hardware_id: self.hardware_id,
            license_id: license_id(self.license_id)?,
            app_ver: self.app_ver,
            include_expired_features: self.include_expired_features,
        })
    }
}

impl LicenseSpringDeactivateRequest {
    fn into_core(self) -> napi::Result<licensespring::DeactivateRequest> {
        Ok(licensespring::DeactivateRequest {
            product: self.product,
            license_key: self.license_key,
            username: self.username,
            hardware_id: self.hardware_id,
            license_id: license_id(self.license_id)?,
        })
    }
}

impl LicenseSpringManagementCheckRequest {
    fn into_core(self) -> management::CheckRequest {
        management::CheckRequest {
            product: self.product,
            license_key: self.license_key,
            username: self.username,
            hardware_id: self.hardware_id,
        }
    }
}

/// A client of the LicenseSpring License API v4. Requests are HMAC-signed with the shared key;
/// answers are verified against `publicKey`. Every operation resolves with a granted `Verdict`
/// or rejects with a `LicenseError`; the `…Sync` forms block the calling thread instead.
#[napi]
#[derive(Debug)]
pub struct LicenseSpringClient {
    client: Client,
}

#[napi]
impl LicenseSpringClient {
    /// Checks the options and builds the client (connections are reused across calls).
    #[napi(constructor)]
    pub fn new(options: LicenseSpringOptions) -> napi::Result<Self> {
        Ok(LicenseSpringClient {
            client: crate::client(options.config()?)?,
        })
    }

    fn activate_call(&self, request: LicenseSpringActivateRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::LicenseSpring,
            Operation::Activate,
            move |c| c.licensespring_activate(&request),
        ))
    }

    fn check_call(&self, request: LicenseSpringCheckRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::LicenseSpring,
            Operation::Check,
            move |c| c.licensespring_check(&request),
        ))
    }

    fn deactivate_call(&self, request: LicenseSpringDeactivateRequest) -> napi::Result<Call> {
        let request = request.into_core()?;
        Ok(Call::new(
            &self.client,
            Family::LicenseSpring,
            Operation::Deactivate,
            move |c| c.licensespring_deactivate(&request),
        ))
    }

    /// `POST /api/v4/activate_license`: takes a seat for this device.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn activate<'env>(
        &self,
        env: &'env Env,
        request: LicenseSpringActivateRequest,
    ) -> napi::Result<Object<'env>> {
        self.activate_call(request)?.spawn(env)
    }

    /// `activate`, blocking the calling thread.
    #[napi]
    pub fn activate_sync(&self, request: LicenseSpringActivateRequest) -> napi::Result<Verdict> {
        self.activate_call(request)?.run_here()
    }

    /// `GET /api/v4/check_license`: is this device's activation valid?
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check<'env>(
        &self,
        env: &'env Env,
        request: LicenseSpringCheckRequest,
    ) -> napi::Result<Object<'env>> {
        self.check_call(request)?.spawn(env)
    }

    /// `check`, blocking the calling thread.
    #[napi]
    pub fn check_sync(&self, request: LicenseSpringCheckRequest) -> napi::Result<Verdict> {
        self.check_call(request)?.run_here()
    }

    /// `POST /api/v4/deactivate_license`: frees this device's seat (outcome `DEACTIVATED`).
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn deactivate<'env>(
        &self,
        env: &'env Env,
        request: LicenseSpringDeactivateRequest,
    ) -> napi::Result<Object<'env>> {
        self.deactivate_call(request)?.spawn(env)
    }

    /// `deactivate`, blocking the calling thread.
    #[napi]
    pub fn deactivate_sync(
        &self,
        request: LicenseSpringDeactivateRequest,
    ) -> napi::Result<Verdict> {
        self.deactivate_call(request)?.run_here()
    }
}

/// A client of the LicenseSpring Management API (server-side checks with the management key).
/// `check` resolves with a granted `Verdict` or rejects with a `LicenseError`; `checkSync`
/// blocks the calling thread instead.
#[napi]
#[derive(Debug)]
pub struct LicenseSpringManagementClient {
    client: Client,
}

#[napi]
impl LicenseSpringManagementClient {
    /// Checks the options and builds the client (connections are reused across calls).
    #[napi(constructor)]
    pub fn new(options: LicenseSpringManagementOptions) -> napi::Result<Self> {
        Ok(LicenseSpringManagementClient {
            client: crate::client(options.config()?)?,
        })
    }

    fn check_call(&self, request: LicenseSpringManagementCheckRequest) -> Call {
        let request = request.into_core();
        Call::new(
            &self.client,
            Family::LicenseSpringManagement,
            Operation::Check,
            move |c| c.management_check(&request),
        )
    }

    /// `GET /api/v1/licenses/check_license/`: the device's license as the vendor sees it.
    #[napi(ts_return_type = "Promise<Verdict>")]
    pub fn check<'env>(
        &self,
        env: &'env Env,
        request: LicenseSpringManagementCheckRequest,
    ) -> napi::Result<Object<'env>> {
        self.check_call(request).spawn(env)
    }

    /// `check`, blocking the calling thread.
    #[napi]
    pub fn check_sync(
        &self,
        request: LicenseSpringManagementCheckRequest,
    ) -> napi::Result<Verdict> {
        self.check_call(request).run_here()
    }
}
