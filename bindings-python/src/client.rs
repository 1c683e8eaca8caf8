//! `Client`: one connection pool and configuration, one method per operation of every family.
//! The public per-family classes in `licensekit/_*.py` wrap it.
//!
//! Arguments arrive as Python objects and are converted by `args`, so every type error names
//! its argument in the message on every Python version.

use licensekit_core::protocol::{faxstore, framecad, licensespring, management};
use licensekit_core::{Client, ClientConfig};

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::{
    count, flag, license_id, opt_flag, opt_text, opt_texts, product_id, product_ids, seconds, text,
};
use crate::errors::{invalid, to_py};
use crate::logging;
use crate::verdict::PyVerdict;

type Arg<'a, 'py> = &'a Bound<'py, PyAny>;
type OptArg<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// A configured licensekit client (thread-safe; share one per server). It survives `fork()`
/// (multiprocessing, gunicorn's preload): the core gives a child process its own connections.
#[pyclass(frozen, module = "licensekit._native", name = "Client")]
pub(crate) struct PyClient {
    client: Client,
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
        base_url, *, timeout = None, connect_timeout = None, retries = None,
        initial_backoff = None, max_backoff = None, proxy = None, extra_ca_certs_pem = None,
        user_agent = None, allow_insecure_http = None, api_key = None, shared_key = None,
        management_api_key = None, public_key = None, verify_signatures = None,
        max_clock_skew = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        base_url: Arg,
        timeout: OptArg,
        connect_timeout: OptArg,
        retries: OptArg,
        initial_backoff: OptArg,
        max_backoff: OptArg,
        proxy: OptArg,
        extra_ca_certs_pem: OptArg,
        user_agent: OptArg,
        allow_insecure_http: OptArg,
        api_key: OptArg,
        shared_key: OptArg,
        management_api_key: OptArg,
        public_key: OptArg,
        verify_signatures: OptArg,
        max_clock_skew: OptArg,
    ) -> PyResult<Self> {
        logging::ensure_installed(py);
        // Unset settings keep the core's defaults, so they are documented in one place.
        let mut config = ClientConfig::new(text("base_url", base_url)?);
        let retry = &mut config.retries;
        let ls = &mut config.licensespring;
        if let Some(v) = timeout {
            config.timeout = seconds("timeout", v)?;
        }
        if let Some(v) = connect_timeout {
            config.connect_timeout = seconds("connect_timeout", v)?;
        }
        if let Some(v) = retries {
            retry.max_retries = count("retries", v)?;
        }
        if let Some(v) = initial_backoff {
            retry.initial_backoff = seconds("initial_backoff", v)?;
        }
        if let Some(v) = max_backoff {
            retry.max_backoff = seconds("max_backoff", v)?;
        }
        config.proxy = opt_text("proxy", proxy)?;
        config.extra_ca_certs_pem =
            opt_texts("extra_ca_certs_pem", extra_ca_certs_pem)?.unwrap_or_default();
        config.user_agent = opt_text("user_agent", user_agent)?;
        if let Some(v) = allow_insecure_http {
            config.allow_insecure_http = flag("allow_insecure_http", v)?;
        }
        ls.api_key = opt_text("api_key", api_key)?;
        ls.shared_key = opt_text("shared_key", shared_key)?;
        ls.management_api_key = opt_text("management_api_key", management_api_key)?;
        ls.public_key_pem = opt_text("public_key", public_key)?;
        if let Some(v) = verify_signatures {
            ls.verify_signatures = flag("verify_signatures", v)?;
        }
        if let Some(v) = max_clock_skew {
            ls.max_clock_skew = seconds("max_clock_skew", v)?;
        }
        let client = py.detach(|| Client::new(config)).map_err(to_py)?;
        Ok(PyClient { client })
    }

    #[pyo3(signature = (license_key, product_id, *, info = None, log = None))]
    fn faxstore_check(
        &self,
        py: Python<'_>,
        license_key: Arg,
        product_id: Arg,
        info: OptArg,
        log: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = fax_check(license_key, product_id, info, log)?;
        let c = &self.client;
        call(py, || c.faxstore_check(&req))
    }

    #[pyo3(signature = (license_key, product_ids, *, info = None, log = None))]
    fn faxstore_check_multiple(
        &self,
        py: Python<'_>,
        license_key: Arg,
        product_ids: Arg,
        info: OptArg,
        log: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = faxstore::CheckMultipleRequest {
            license_key: text("license_key", license_key)?,
            product_ids: self::product_ids("product_ids", product_ids)?,
            info: opt_text("info", info)?,
            log: opt_flag("log", log)?,
        };
        let c = &self.client;
        call(py, || c.faxstore_check_multiple(&req))
    }

    #[pyo3(signature = (license_key, product_id, *, info = None, log = None))]
    fn faxstore_check_v1(
        &self,
        py: Python<'_>,
        license_key: Arg,
        product_id: Arg,
        info: OptArg,
        log: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = fax_check(license_key, product_id, info, log)?;
        let c = &self.client;
        call(py, || c.faxstore_check_v1(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, password = None, hardware_id = None,
        license_id = None, app_ver = None, os_ver = None, hostname = None, is_vm = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn licensespring_activate(
        &self,
        py: Python<'_>,
        product: Arg,
        license_key: OptArg,
        username: OptArg,
        password: OptArg,
        hardware_id: OptArg,
        license_id: OptArg,
        app_ver: OptArg,
        os_ver: OptArg,
        hostname: OptArg,
        is_vm: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::ActivateRequest {
            product: text("product", product)?,
            license_key: opt_text("license_key", license_key)?,
            username: opt_text("username", username)?,
            password: opt_text("password", password)?,
            hardware_id: opt_text("hardware_id", hardware_id)?,
            license_id: self::license_id(license_id)?,
            app_ver: opt_text("app_ver", app_ver)?,
            os_ver: opt_text("os_ver", os_ver)?,
            hostname: opt_text("hostname", hostname)?,
            is_vm: opt_flag("is_vm", is_vm)?,
        };
        let c = &self.client;
        call(py, || c.licensespring_activate(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, hardware_id = None, license_id = None,
        app_ver = None, include_expired_features = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn licensespring_check(
        &self,
        py: Python<'_>,
        product: Arg,
        license_key: OptArg,
        username: OptArg,
        hardware_id: OptArg,
        license_id: OptArg,
        app_ver: OptArg,
        include_expired_features: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::CheckRequest {
            product: text("product", product)?,
            license_key: opt_text("license_key", license_key)?,
            username: opt_text("username", username)?,
            hardware_id: opt_text("hardware_id", hardware_id)?,
            license_id: self::license_id(license_id)?,
            app_ver: opt_text("app_ver", app_ver)?,
            include_expired_features: opt_flag(
                "include_expired_features",
                include_expired_features,
            )?,
        };
        let c = &self.client;
        call(py, || c.licensespring_check(&req))
    }

    #[pyo3(signature = (
        product, *, license_key = None, username = None, hardware_id = None, license_id = None,
    ))]
    fn licensespring_deactivate(
        &self,
        py: Python<'_>,
        product: Arg,
        license_key: OptArg,
        username: OptArg,
        hardware_id: OptArg,
        license_id: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = licensespring::DeactivateRequest {
            product: text("product", product)?,
            license_key: opt_text("license_key", license_key)?,
            username: opt_text("username", username)?,
            hardware_id: opt_text("hardware_id", hardware_id)?,
            license_id: self::license_id(license_id)?,
        };
        let c = &self.client;
        call(py, || c.licensespring_deactivate(&req))
    }

    #[pyo3(signature = (product, *, license_key = None, username = None, hardware_id = None))]
    fn management_check(
        &self,
        py: Python<'_>,
        product: Arg,
        license_key: OptArg,
        username: OptArg,
        hardware_id: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = management::CheckRequest {
            product: text("product", product)?,
            license_key: opt_text("license_key", license_key)?,
            username: opt_text("username", username)?,
            hardware_id: opt_text("hardware_id", hardware_id)?,
        };
        let c = &self.client;
        call(py, || c.management_check(&req))
    }

    /// `op` is one of `activate`, `validate`, `check`, `status`, `deactivate`.
    #[pyo3(signature = (op, client_key, license_key, *, machine_key = None, product_key = None))]
    fn framecad(
        &self,
        py: Python<'_>,
        op: &str,
        client_key: Arg,
        license_key: Arg,
        machine_key: OptArg,
        product_key: OptArg,
    ) -> PyResult<PyVerdict> {
        let req = framecad::Request {
            client_key: text("client_key", client_key)?,
            license_key: text("license_key", license_key)?,
            machine_key: opt_text("machine_key", machine_key)?,
            product_key: opt_text("product_key", product_key)?,
        };
        let c = &self.client;
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

fn fax_check(
    license_key: Arg,
    product_id: Arg,
    info: OptArg,
    log: OptArg,
) -> PyResult<faxstore::CheckRequest> {
    Ok(faxstore::CheckRequest {
        license_key: text("license_key", license_key)?,
        product_id: self::product_id("product_id", product_id)?,
        info: opt_text("info", info)?,
        log: opt_flag("log", log)?,
    })
}

/// The core's default settings, so the Python signatures show them without restating them.
#[pyfunction]
fn client_defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let c = ClientConfig::default();
    let d = PyDict::new(py);
    d.set_item("timeout", c.timeout.as_secs_f64())?;
    d.set_item("connect_timeout", c.connect_timeout.as_secs_f64())?;
    d.set_item("retries", c.retries.max_retries)?;
    d.set_item("initial_backoff", c.retries.initial_backoff.as_secs_f64())?;
    d.set_item("max_backoff", c.retries.max_backoff.as_secs_f64())?;
    d.set_item("allow_insecure_http", c.allow_insecure_http)?;
    d.set_item("verify_signatures", c.licensespring.verify_signatures)?;
    d.set_item(
        "max_clock_skew",
        c.licensespring.max_clock_skew.as_secs_f64(),
    )?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(client_defaults, m)?)?;
    m.add_class::<PyClient>()
}
