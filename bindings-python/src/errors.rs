//! The core's programmer errors as Python exceptions. Answers of a server and transport
//! failures are never exceptions here: they come back as a `Verdict`, and the Python package
//! raises from it when asked to.
//!
//! The exception classes are defined in Python (`licensekit/_errors.py`, where they get their
//! `outcome` property and docstrings) and imported on first use.

use licensekit_core::Error;
use pyo3::import_exception;
use pyo3::prelude::*;

import_exception!(licensekit._errors, InvalidArgument);
import_exception!(licensekit._errors, InternalError);
import_exception!(licensekit._errors, FingerprintUnavailable);

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
