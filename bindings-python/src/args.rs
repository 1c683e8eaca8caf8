//! Argument conversions whose Python types are looser than the core's (ints that the wire
//! carries as text, seconds as floats). Every failure names the argument; nothing panics.

use std::time::Duration;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::errors::invalid;

// pyo3's own extraction errors name the argument only in an exception note (Python 3.11+),
// which `str(error)` and log lines omit; these helpers put the name in the message itself.

/// A required `str`.
pub(crate) fn text(name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if !value.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a str, not {}",
            type_name(value)
        )));
    }
    // Fails only for lone surrogates, which UTF-8 cannot carry.
    value
        .extract::<String>()
        .map_err(|_| invalid(format!("{name} is not valid Unicode text (lone surrogate)")))
}

/// An optional `str` (`None` = not given).
pub(crate) fn opt_text(name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value {
        Some(v) if !v.is_none() => text(name, v).map(Some),
        _ => Ok(None),
    }
}

/// A `bool` (`True`/`False` only: `1` or `"yes"` are mistakes, not flags).
pub(crate) fn flag(name: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value.cast::<PyBool>().map(|b| b.is_true()).map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be True or False, not {}",
            type_name(value)
        ))
    })
}

/// An optional `bool` (`None` = not given).
pub(crate) fn opt_flag(name: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<bool>> {
    match value {
        Some(v) if !v.is_none() => flag(name, v).map(Some),
        _ => Ok(None),
    }
}

/// Seconds given as an `int` or `float` → `Duration`; negative, NaN and infinite values are
/// refused.
pub(crate) fn seconds(name: &str, value: &Bound<'_, PyAny>) -> PyResult<Duration> {
    let is_number = (value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>())
        && !value.is_instance_of::<PyBool>();
    if !is_number {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a number of seconds (int or float), not {}",
            type_name(value)
        )));
    }
    let secs: f64 = value.extract()?;
    Duration::try_from_secs_f64(secs).map_err(|_| {
        invalid(format!(
            "{name} must be a finite, non-negative number of seconds, got {secs}"
        ))
    })
}

/// A count (`int` ≥ 0 that fits 32 bits).
pub(crate) fn count(name: &str, value: &Bound<'_, PyAny>) -> PyResult<u32> {
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, not {}",
            type_name(value)
        )));
    }
    value.extract::<u32>().map_err(|_| {
        invalid(format!(
            "{name} must be between 0 and 2**32-1, got {}",
            value.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })
}

/// An optional list of `str` (a list or tuple; `None` = not given).
pub(crate) fn opt_texts(
    name: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Vec<String>>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>()) {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a list of str, not {}",
            type_name(value)
        )));
    }
    let mut out = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        out.push(text(&format!("{name}[{i}]"), &item?)?);
    }
    Ok(Some(out))
}

/// A product id as FaxStore uses them: an `int` (`8`) or a `str` (`"8"`), sent as text.
pub(crate) fn product_id(name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_instance_of::<PyString>() {
        return text(name, value);
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        let n: u64 = value.extract().map_err(|_| {
            invalid(format!(
                "{name} must be a non-negative integer or a string, got {}",
                value.repr().map(|r| r.to_string()).unwrap_or_default()
            ))
        })?;
        return Ok(n.to_string());
    }
    Err(PyTypeError::new_err(format!(
        "{name} must be an int or a str, not {}",
        type_name(value)
    )))
}

/// A list (or any iterable but `str`/`bytes`) of product ids.
pub(crate) fn product_ids(name: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a list of product ids (int or str), not a single {}",
            type_name(value)
        )));
    }
    let iter = value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name} must be a list of product ids (int or str), not {}",
            type_name(value)
        ))
    })?;
    let mut ids = Vec::new();
    for (i, item) in iter.enumerate() {
        ids.push(product_id(&format!("{name}[{i}]"), &item?)?);
    }
    Ok(ids)
}

/// An optional LicenseSpring license id: a non-negative `int` that fits 64 bits.
pub(crate) fn license_id(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u64>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "license_id must be an int, not {}",
            type_name(value)
        )));
    }
    value.extract::<u64>().map(Some).map_err(|_| {
        invalid(format!(
            "license_id must be between 0 and 2**64-1, got {}",
            value.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}
