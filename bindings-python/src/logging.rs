//! Rust `log` records → Python `logging`, under the `licensekit` logger
//! (`licensekit.licensekit_core.client`, …), through pyo3-log.
//!
//! Installed lazily (when the first client is built, or when `licensekit` is imported after
//! `logging`), so that `import licensekit; licensekit.hardware_id()` does not pay for importing
//! `logging`.

use std::sync::Once;

use log::LevelFilter;
use pyo3::prelude::*;
use pyo3_log::{Caching, Logger};

static INSTALL: Once = Once::new();

/// Installs the bridge once per process; later calls are a no-op.
pub(crate) fn ensure_installed(py: Python<'_>) {
    INSTALL.call_once(|| {
        // Levels are not cached, so `logging.getLogger("licensekit").setLevel(...)` takes effect
        // at once. Only licensekit's own records are forwarded (see
        // `licensekit_core::secret::is_own_log_target`: the HTTP and TLS crates underneath may log
        // URLs carrying keys), and they are cut on the Rust side before costing a GIL acquisition.
        let logger = match Logger::new(py, Caching::Loggers) {
            Ok(l) => l,
            Err(_) => return,
        };
        // Another logger in this library's `log` instance can only be a previous install.
        let _ = logger
            .set_prefix("licensekit")
            .filter(LevelFilter::Off)
            .filter_target("licensekit_core".to_owned(), LevelFilter::Debug)
            .filter_target("licensekit_native".to_owned(), LevelFilter::Debug)
            .install();
    });
}

/// Installs the bridge now (the package calls this at import when `logging` is loaded).
#[pyfunction]
fn install_logging(py: Python<'_>) {
    ensure_installed(py);
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(install_logging, m)?)
}
