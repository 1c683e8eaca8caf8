//! Python bindings for licensekit (pyo3 module licensekit._native) (being built).
