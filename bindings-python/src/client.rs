//! `Client`: one connection pool and configuration, one method per operation of every family.
//! The public per-family classes in `licensekit/_clients.py` wrap it.

use licensekit_core::protocol::{faxstore, framecad, licensespring, management};
use licensekit_core::{Client, ClientConfig, LicenseSpringConfig, RetryPolicy};
use pyo3::prelude::*;

use crate::args;
use crate::errors::{invalid, to_py};
use crate::logging;
use crate::verdict::PyVerdict;

/// A configured licensekit client (thread-safe; share one per server).
#[pyclass(frozen, module = "licensekit._native", name = "Client")]
pub(crate) struct PyClient {
    inner: Client,
}

/// Runs one blocking core operation with the GIL released and wraps its verdict.
fn call<F>(py: Python<'_>, op: F) -> PyResult<PyVerdict>
where
    F: FnOnce() -> Result<licensekit_core::Verdict, licensekit_core::Error> + Send,
{
    py.detach(op).map(PyVerdict::from).map_err(to_py)
}

#[pymethods]
impl PyClient {
    #[new]
    #[pyo3(signature = (
        base_url, *, timeout = 30.0, connect_timeout = 10.0, retries = 2,
        initial_backoff = 0.2, max_backoff = 5.0, proxy = None, extra_ca_certs_pem = None,
        user_agent = None, allow_insecure_http = false, api_key = None, shared_key = None,
        management_api_key = None, public_key = None, verify_signatures = true,
        max_clock_skew = 900.0,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        base_url: String,
        timeout: f64,
        connect_timeout: f64,
        retries: i64,
        initial_backoff: f64,
        max_backoff: f64,
        proxy: Option<String>,
        extra_ca_certs_pem: Option<Vec<String>>,
        user_agent: Option<String>,
        allow_insecure_http: bool,
        api_key: Option<String>,
        shared_key: Option<String>,
        management_api_key: Option<String>,
        public_key: Option<String>,
        verify_signatures: bool,
        max_clock_skew: f64,
    ) -> PyResult<Self> {
        logging::ensure_installed(py);
        let max_retries = u32::try_from(retries).map_err(|_| {
            invalid(format!(
                "retries must be between 0 and 2**32-1, got {retries}"
            ))
        })?;
        let config = ClientConfig {
            base_url,
            allow_insecure_http,
            connect_timeout: args::seconds("connect_timeout", connect_timeout)?,
            timeout: args::seconds("timeout", timeout)?,
            retries: RetryPolicy {
                max_retries,
                initial_backoff: args::seconds("initial_backoff", initial_backoff)?,
                max_backoff: args::seconds("max_backoff", max_backoff)?,
            },
            proxy,
            extra_ca_certs_pem: extra_ca_certs_pem.unwrap_or_default(),
            user_agent,
            licensespring: LicenseSpringConfig {
                api_key,
                shared_key,
                management_api_key,
                public_key_pem: public_key,
                verify_signatures,
                max_clock_skew: args::seconds("max_clock_skew", max_clock_skew)?,
            },
        };
        let inner = py.detach(|| Client::new(config)).map_err(to_py)?;
        Ok(PyClient { inner })
    }

    #[pyo3(signature = (license_key, product_id, *, info = None, log = None))]
    fn faxstore_check(
        &self,
        py: Python<'_>,
        license_key: String,
        product_id: &Bound<'_, PyAny>,
        info: Option<String>,
        log: Option<bool>,
    ) -> PyResult<PyVerdict> {
        let req = faxstore::CheckRequest {
            license_key,
            product_id: args::product_id("product_id", product_id)?,
            info,
            log,
        };
        call(py, || self.inner.faxstore_check(&req))
    }

    #[pyo3(signature = (license_key, product_ids, *, info = None, log = None))]
    fn faxstore_check_multiple(
        &self,
        py: Python<'_>,
        license_key: String,
        product_ids: &Bound<'_, PyAny>,
        info: Option<String>,
        log: Option<bool>,
    ) -> PyResult<PyVerdict> {
        let req = faxstore::CheckMultipleRequest {
            license_key,
            product_ids: args::product_ids("product_ids", product_ids)?,
            info,
            log,
        };
        call(py, || self.inner.faxstore_check_multiple(&req))
    }

    #[pyo3(signature = (license_key, product_id, *, info = None, log = None))]
    fn faxstore_check_v1(
        &self,
        py: Python<'_>,
        license_key: String,
        product_id: &Bound<'_, PyAny>,
        info: Option<String>,
        log: Option<bool>,
    ) -> PyResult<PyVerdict> {
        let req = faxstore::CheckRequest {
            license_key,
            product_id: args::product_id("product_id", product_id)?,
            info,
            log,
        };
        call(py, || self.inner.faxstore_check_v1(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, password = None, hardware_id = None,
        license_id = None, app_ver = None, os_ver = None, hostname = None, is_vm = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn licensespring_activate(
        &self,
        py: Python<'_>,
        product: String,
        license_key: Option<String>,
        username: Option<String>,
        password: Option<String>,
        hardware_id: Option<String>,
        license_id: Option<&Bound<'_, PyAny>>,
        app_ver: Option<String>,
        os_ver: Option<String>,
        hostname: Option<String>,
        is_vm: Option<bool>,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::ActivateRequest {
            product,
            license_key,
            username,
            password,
            hardware_id,
            license_id: args::license_id(license_id)?,
            app_ver,
            os_ver,
            hostname,
            is_vm,
        };
        call(py, || self.inner.licensespring_activate(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, hardware_id = None, license_id = None,
        app_ver = None, include_expired_features = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn licensespring_check(
        &self,
        py: Python<'_>,
        product: String,
        license_key: Option<String>,
        username: Option<String>,
        hardware_id: Option<String>,
        license_id: Option<&Bound<'_, PyAny>>,
        app_ver: Option<String>,
        include_expired_features: Option<bool>,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::CheckRequest {
            product,
            license_key,
            username,
            hardware_id,
            license_id: args::license_id(license_id)?,
            app_ver,
            include_expired_features,
        };
        call(py, || self.inner.licensespring_check(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, hardware_id = None, license_id = None,
    ))]
    fn licensespring_deactivate(
        &self,
        py: Python<'_>,
        product: String,
        license_key: Option<String>,
        username: Option<String>,
        hardware_id: Option<String>,
        license_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::DeactivateRequest {
            product,
            license_key,
            username,
            hardware_id,
            license_id: args::license_id(license_id)?,
        };
        call(py, || self.inner.licensespring_deactivate(&req))
    }

    #[pyo3(signature = (product, *, license_key = None, username = None, hardware_id = None))]
    fn management_check(
        &self,
        py: Python<'_>,
        product: String,
        license_key: Option<String>,
        username: Option<String>,
        hardware_id: Option<String>,
    ) -> PyResult<PyVerdict> {
        let req = management::CheckRequest {
            product,
            license_key,
            username,
            hardware_id,
        };
        call(py, || self.inner.management_check(&req))
    }

    /// `op` is one of `activate`, `validate`, `check`, `status`, `deactivate`.
    #[pyo3(signature = (op, client_key, license_key, *, machine_key = None, product_key = None))]
    fn framecad(
        &self,
        py: Python<'_>,
        op: &str,
        client_key: String,
        license_key: String,
        machine_key: Option<String>,
        product_key: Option<String>,
    ) -> PyResult<PyVerdict> {
        let req = framecad::Request {
            client_key,
            license_key,
            machine_key,
            product_key,
        };
        let c = &self.inner;
        match op {
            "activate" => call(py, || c.framecad_activate(&req)),
            "validate" => call(py, || c.framecad_validate(&req)),
            "check" => call(py, || c.framecad_check(&req)),
            "status" => call(py, || c.framecad_status(&req)),
            "deactivate" => call(py, || c.framecad_deactivate(&req)),
            other => Err(invalid(format!("unknown frameCAD operation {other:?}"))),
        }
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClient>()
}
