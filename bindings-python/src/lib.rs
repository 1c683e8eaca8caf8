//! `licensekit._native`: the pyo3 translation layer between licensekit-core and the public
//! `licensekit` Python package.
//!
//! Types in, types out, errors mapped: no licensing logic lives here (that is the core's job)
//! and no Pythonic sugar either (enums, exception classes, async forms and docstrings live in
//! `python/licensekit/`). Every network call and every fingerprint read runs with the GIL
//! released (`py.detach`).

mod args;
mod client;
mod errors;
mod fingerprint;
mod logging;
mod outcome;
mod repr;
mod verdict;

use pyo3::prelude::*;

/// The native half of the `licensekit` package; import `licensekit`, not this.
#[pymodule(name = "_native")]
fn licensekit_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("VERSION", licensekit_core::VERSION)?;
    outcome::register(m)?;
    verdict::register(m)?;
    client::register(m)?;
    fingerprint::register(m)?;
    logging::register(m)?;
    Ok(())
}
