//! The core's programmer errors as Python exceptions. Answers of a server and transport
//! failures are never exceptions here: they come back as a `Verdict`, and the Python package
//! raises from it when asked to.

use licensekit_core::Error;
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

create_exception!(
    licensekit,
    InvalidArgument,
    PyValueError,
    "An argument or a configuration value given to licensekit was missing, malformed or too long \
     (outcome INVALID_ARGUMENT). Nothing was sent."
);
create_exception!(
    licensekit,
    InternalError,
    PyRuntimeError,
    "licensekit failed internally (outcome INTERNAL_ERROR); please report it."
);

/// Maps a core error onto its exception: `InvalidArgument` (a `ValueError`) for bad arguments
/// and configuration, `InternalError` (a `RuntimeError`) for the rest.
pub(crate) fn to_py(err: Error) -> PyErr {
    match err {
        Error::InvalidArgument(_) | Error::InvalidConfig(_) => {
            InvalidArgument::new_err(err.to_string())
        }
        Error::Internal(_) => InternalError::new_err(err.to_string()),
    }
}

/// A `ValueError` subclass naming the argument, for checks done while converting arguments.
pub(crate) fn invalid(message: impl Into<String>) -> PyErr {
    InvalidArgument::new_err(format!("invalid argument: {}", message.into()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("InvalidArgument", py.get_type::<InvalidArgument>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}
