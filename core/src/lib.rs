//! licensekit-core: license checks against four license-server API families, one outcome
//! table for every answer and failure, and hardware fingerprinting.
//!
//! The core knows nothing about its bindings (C, Python, Node); they translate its types.

pub mod outcome;
pub mod secret;

pub use outcome::{Category, Outcome};
pub mod fingerprint;
