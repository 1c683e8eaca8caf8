//! liblicensekit: the C ABI of licensekit (`include/licensekit.h`, generated from this crate by
//! cbindgen). A translation layer only: handles, conversions, the panic guard. Every behaviour
//! lives in `licensekit-core`.
//!
//! Every exported function runs inside [`guard`]'s panic guard, validates C input in [`args`],
//! and resolves handles through [`handle`]'s registry of live handles.

// C names (`lk_client`) are the ABI; Rust naming rules do not apply to them.
#![allow(non_camel_case_types)]

pub mod args;
pub mod buffer;
pub mod client;
pub mod config;
pub mod fingerprint;
pub mod guard;
pub mod handle;
pub mod log;
pub mod operation;
pub mod outcome;
pub mod outcome_enum;
pub mod request;
pub mod verdict;
pub mod version;

pub use outcome_enum::lk_outcome;
