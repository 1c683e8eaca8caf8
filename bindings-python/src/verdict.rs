//! `Verdict` and `License` as read-only Python objects over the core's types. Fields convert
//! on access, so a caller that only looks at the outcome pays for nothing else.

use licensekit_core::secret::mask;
use licensekit_core::{License, Verdict};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::repr;

/// What one operation came to (native half; `licensekit.Verdict` wraps it).
#[pyclass(frozen, module = "licensekit._native", name = "Verdict")]
pub(crate) struct PyVerdict {
    inner: Verdict,
}

impl From<Verdict> for PyVerdict {
    fn from(inner: Verdict) -> Self {
        PyVerdict { inner }
    }
}

#[pymethods]
impl PyVerdict {
    /// The outcome's stable number.
    #[getter]
    fn outcome(&self) -> u32 {
        self.inner.outcome.number()
    }
    #[getter]
    fn family(&self) -> &'static str {
        self.inner.family.name()
    }
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation.name()
    }
    #[getter]
    fn vendor_code(&self) -> Option<&str> {
        self.inner.vendor_code.as_deref()
    }
    #[getter]
    fn http_status(&self) -> Option<u16> {
        self.inner.http_status
    }
    #[getter]
    fn message(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }
    #[getter]
    fn server_time(&self) -> Option<&str> {
        self.inner.server_time.as_deref()
    }
    #[getter]
    fn license(&self) -> Option<PyLicense> {
        self.inner.license.clone().map(|inner| PyLicense { inner })
    }
    /// The parsed response body as plain Python objects (a fresh copy on every access).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.raw {
            Some(v) => json_to_py(py, v),
            None => Ok(py.None().into_bound(py)),
        }
    }
    #[getter]
    fn attempts(&self) -> u32 {
        self.inner.attempts
    }
    /// Compact JSON with every license key masked.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

/// The common view of a license across families; every field may be `None`.
#[pyclass(frozen, module = "licensekit", name = "License")]
pub(crate) struct PyLicense {
    inner: License,
}

#[pymethods]
impl PyLicense {
    /// The license key as the server echoed it.
    #[getter]
    fn key(&self) -> Option<&str> {
        self.inner.key.as_deref()
    }
    /// The server's license id.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }
    /// The product (FaxStore product id, LicenseSpring short code, frameCAD product key).
    #[getter]
    fn product(&self) -> Option<&str> {
        self.inner.product.as_deref()
    }
    /// LicenseSpring `license_type`.
    #[getter]
    fn license_type(&self) -> Option<&str> {
        self.inner.license_type.as_deref()
    }
    /// The vendor's state word (frameCAD `status`, …).
    #[getter]
    fn status(&self) -> Option<&str> {
        self.inner.status.as_deref()
    }
    /// Expiry, ISO-8601 as the server wrote it; `None` when none was reported.
    #[getter]
    fn expires_at(&self) -> Option<&str> {
        self.inner.expires_at.as_deref()
    }
    /// LicenseSpring `license_enabled`.
    #[getter]
    fn enabled(&self) -> Option<bool> {
        self.inner.enabled
    }
    /// LicenseSpring `license_active`.
    #[getter]
    fn active(&self) -> Option<bool> {
        self.inner.active
    }
    /// LicenseSpring `is_trial`.
    #[getter]
    fn is_trial(&self) -> Option<bool> {
        self.inner.is_trial
    }
    /// Seats taken.
    #[getter]
    fn seats_used(&self) -> Option<u64> {
        self.inner.seats_used
    }
    /// Seats in total.
    #[getter]
    fn seats_max(&self) -> Option<u64> {
        self.inner.seats_max
    }
    /// Feature codes the license grants.
    #[getter]
    fn features(&self) -> Vec<String> {
        self.inner.features.clone()
    }
    /// The machine the license is bound to.
    #[getter]
    fn machine_key(&self) -> Option<&str> {
        self.inner.machine_key.as_deref()
    }
    /// A Python-style repr with the key masked.
    fn __repr__(&self) -> String {
        let l = &self.inner;
        let mut parts = Vec::new();
        let mut text = |name: &str, v: &Option<String>| {
            if let Some(v) = v {
                parts.push(format!("{name}={}", repr::text(v)));
            }
        };
        text("key", &l.key.as_deref().map(mask));
        text("id", &l.id);
        text("product", &l.product);
        text("license_type", &l.license_type);
        text("status", &l.status);
        text("expires_at", &l.expires_at);
        text("machine_key", &l.machine_key);
        for (name, v) in [
            ("enabled", l.enabled),
            ("active", l.active),
            ("is_trial", l.is_trial),
        ] {
            if let Some(v) = v {
                parts.push(format!("{name}={}", repr::boolean(v)));
            }
        }
        for (name, v) in [("seats_used", l.seats_used), ("seats_max", l.seats_max)] {
            if let Some(v) = v {
                parts.push(format!("{name}={v}"));
            }
        }
        if !l.features.is_empty() {
            parts.push(format!("features={}", repr::list(&l.features)));
        }
        format!("License({})", parts.join(", "))
    }
}

/// JSON value → `dict`/`list`/`str`/`int`/`float`/`bool`/`None`.
fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?
            }
        }
        Value::String(s) => s.into_bound_py_any(py)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVerdict>()?;
    m.add_class::<PyLicense>()
}
