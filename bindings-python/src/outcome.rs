//! The outcome table, handed to Python as plain tuples so `licensekit.Outcome` is built from
//! the core's table (the single source of truth) rather than from a copy.

use licensekit_core::outcome::TABLE;
use pyo3::prelude::*;

/// One row: `(name, number, category, retryable, description)`.
type Row = (&'static str, u32, &'static str, bool, &'static str);

/// Every outcome of the core's table, in table order.
#[pyfunction]
fn outcome_table() -> Vec<Row> {
    TABLE
        .iter()
        .map(|r| {
            (
                r.name,
                r.number,
                r.category.name(),
                r.retryable,
                r.description,
            )
        })
        .collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(outcome_table, m)?)
}
