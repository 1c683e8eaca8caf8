//! licensekit-core: license checks against four license-server API families, one outcome
//! table for every answer and failure, and hardware fingerprinting.
//!
//! ```no_run
//! use licensekit_core::{Client, ClientConfig, protocol::framecad};
//!
//! let client = Client::new(ClientConfig::new("https://licenses.example.com"))?;
//! let verdict = client.framecad_validate(&framecad::Request {
//!     client_key: "3D9AACA84BEC559A".into(),
//!     license_key: "ACTV-0000-0000-0001".into(),
//!     ..Default::default() // machine_key: this machine's hardware ID
//! })?;
//! println!("{verdict}"); // VALID (framecad validate: code 0, HTTP 200, "ok")
//! if !verdict.is_granted() {
//!     std::process::exit(1);
//! }
//! # Ok::<(), licensekit_core::Error>(())
//! ```
//!
//! The core knows nothing about its bindings (C, Python, Node); they translate its types.

pub mod client;
pub mod config;
mod cork;
pub mod error;
pub mod family;
pub mod mapping;
pub mod outcome;
pub mod protocol;
mod proxy;
mod resolver;
pub mod secret;
pub mod signature;
mod transport;
pub mod verdict;

pub use client::{Args, Client};
pub use config::{ClientConfig, LicenseSpringConfig, RetryPolicy};
pub use error::Error;
pub use family::{Family, Operation};
pub use outcome::{Category, Outcome, OutcomeInfo};
pub use transport::MAX_BODY_BYTES;
pub use verdict::{License, Verdict};
pub mod fingerprint;

/// This library's version (`licensekit/<VERSION>` is the default user agent).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
