//! Hardware fingerprinting: `hardware_id`, `fingerprint`, `environment`, `matches`. Reads run
//! with the GIL released; the core caches them, so warm calls cost a lookup.

use licensekit_core::fingerprint as fp;
use licensekit_core::fingerprint::{
    Algorithm, Component, Environment, Fingerprint, FingerprintError, Match,
};
use pyo3::prelude::*;

use crate::args::text;
use crate::errors::{FingerprintUnavailable, invalid};
use crate::repr;

fn to_py(err: FingerprintError) -> PyErr {
    match err {
        FingerprintError::UnknownAlgorithm(_) | FingerprintError::InvalidStored(_) => {
            invalid(err.to_string())
        }
        _ => FingerprintUnavailable::new_err(err.to_string()),
    }
}

/// This machine's hardware ID for `product` (default algorithm); never fails.
#[pyfunction]
#[pyo3(signature = (product))]
fn hardware_id(py: Python<'_>, product: &Bound<'_, PyAny>) -> PyResult<String> {
    let product = text("product", product)?;
    Ok(py.detach(|| fp::hardware_id(&product)))
}

/// This machine's fingerprint for `product`, with its components.
#[pyfunction]
#[pyo3(signature = (product, algorithm = None))]
fn fingerprint(
    py: Python<'_>,
    product: &Bound<'_, PyAny>,
    algorithm: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyFingerprint> {
    let product = text("product", product)?;
    let algorithm = match algorithm {
        Some(a) => Algorithm::from_name(&text("algorithm", a)?).map_err(to_py)?,
        None => Algorithm::Default,
    };
    py.detach(|| fp::fingerprint(&product, algorithm))
        .map(|inner| PyFingerprint { inner })
        .map_err(to_py)
}

/// What this process runs in (VM, container, WSL), with the evidence.
#[pyfunction]
fn environment(py: Python<'_>) -> PyEnvironment {
    PyEnvironment {
        inner: py.detach(fp::environment),
    }
}

/// Compares a stored fingerprint with the current one.
#[pyfunction]
fn matches(stored: &PyFingerprint, current: &PyFingerprint) -> PyMatch {
    PyMatch {
        inner: fp::matches(&stored.inner, &current.inner),
    }
}

/// A machine fingerprint: the ID and the components it was computed from.
#[pyclass(frozen, module = "licensekit", name = "Fingerprint")]
pub(crate) struct PyFingerprint {
    inner: Fingerprint,
}

#[pymethods]
impl PyFingerprint {
    /// The hardware ID.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The algorithm's name (`licensekit-v1`, `licensespring-compat`).
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm.name()
    }
    /// The components, each with a digest (never the raw value).
    #[getter]
    fn components(&self) -> Vec<PyComponent> {
        self.inner
            .components
            .iter()
            .cloned()
            .map(|inner| PyComponent { inner })
            .collect()
    }
    /// JSON to store (digests only) and later compare with `matches`.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// Parses JSON written by `to_json`.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> PyResult<PyFingerprint> {
        Fingerprint::from_json(&text("json", json)?)
            .map(|inner| PyFingerprint { inner })
            .map_err(to_py)
    }
    fn __repr__(&self) -> String {
        format!(
            "Fingerprint(id={}, algorithm={}, components={})",
            repr::text(&self.inner.id),
            repr::text(self.inner.algorithm.name()),
            self.inner.components.len()
        )
    }
}

/// One input of a fingerprint.
#[pyclass(frozen, module = "licensekit", name = "Component")]
pub(crate) struct PyComponent {
    inner: Component,
}

#[pymethods]
impl PyComponent {
    /// The component's name (`machine_id`, `dmi_product_uuid`, …).
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// SHA-256 digest of the value (hex); never the value itself.
    #[getter]
    fn digest(&self) -> &str {
        &self.inner.digest
    }
    /// Its weight when comparing fingerprints.
    #[getter]
    fn weight(&self) -> u32 {
        self.inner.weight
    }
    /// Whether this machine has the component.
    #[getter]
    fn present(&self) -> bool {
        self.inner.present
    }
    /// Whether the component feeds the ID (others only help `matches`).
    #[getter]
    fn in_id(&self) -> bool {
        self.inner.in_id
    }
    fn __repr__(&self) -> String {
        format!(
            "Component(name={}, weight={}, present={}, in_id={})",
            repr::text(&self.inner.name),
            self.inner.weight,
            repr::boolean(self.inner.present),
            repr::boolean(self.inner.in_id),
        )
    }
}

/// What this process runs in.
#[pyclass(frozen, module = "licensekit", name = "Environment")]
pub(crate) struct PyEnvironment {
    inner: Environment,
}

#[pymethods]
impl PyEnvironment {
    /// A hypervisor is present.
    #[getter]
    fn vm(&self) -> bool {
        self.inner.vm
    }
    /// A container runtime is present.
    #[getter]
    fn container(&self) -> bool {
        self.inner.container
    }
    /// Windows Subsystem for Linux.
    #[getter]
    fn wsl(&self) -> bool {
        self.inner.wsl
    }
    /// Each observation behind the verdicts.
    #[getter]
    fn evidence(&self) -> Vec<String> {
        self.inner.evidence.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "Environment(vm={}, container={}, wsl={}, evidence={})",
            repr::boolean(self.inner.vm),
            repr::boolean(self.inner.container),
            repr::boolean(self.inner.wsl),
            repr::list(&self.inner.evidence)
        )
    }
}

/// How a stored fingerprint compares with the current one.
#[pyclass(frozen, module = "licensekit", name = "Match")]
pub(crate) struct PyMatch {
    inner: Match,
}

#[pymethods]
impl PyMatch {
    /// `SAME`, `SAME_REINSTALLED`, `CLONE_SUSPECTED` or `DIFFERENT`.
    #[getter]
    fn verdict(&self) -> &'static str {
        self.inner.verdict.name()
    }
    /// Weighted share of components that match, 0.0–1.0.
    #[getter]
    fn score(&self) -> f64 {
        self.inner.score
    }
    /// Names of the components that changed.
    #[getter]
    fn changed(&self) -> Vec<String> {
        self.inner.changed.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "Match(verdict={}, score={:.3}, changed={})",
            repr::text(self.inner.verdict.name()),
            self.inner.score,
            repr::list(&self.inner.changed)
        )
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hardware_id, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint, m)?)?;
    m.add_function(wrap_pyfunction!(environment, m)?)?;
    m.add_function(wrap_pyfunction!(matches, m)?)?;
    m.add_class::<PyFingerprint>()?;
    m.add_class::<PyComponent>()?;
    m.add_class::<PyEnvironment>()?;
    m.add_class::<PyMatch>()
}
