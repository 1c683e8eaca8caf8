//! Hardware fingerprinting: a stable, private, explainable machine ID.
//!
//! * [`hardware_id`] — the ID apps send on activation: stable across VPN/Docker adapters,
//!   MAC rotation, hostname and OS-build changes, and the same for root and normal users;
//!   salted per product so two vendors' IDs for one machine cannot be linked.
//! * [`fingerprint`] — the same ID with its explained component vector (digests only).
//! * [`matches()`] — tolerant comparison of a stored vector with the current one.
//! * [`environment`] — VM / container / WSL evidence.
//! * [`Reader`] — the same over a prepared filesystem tree (tests, diagnosis).
//!
//! Everything is read natively from files and `cpuid`: no process is spawned, no network is
//! touched, nothing needs root. docs/fingerprint.md documents every component and the exact
//! ID input.

mod algorithm;
mod cache;
mod component;
mod cpu;
mod dmi;
mod environment;
mod error;
mod machine_id;
mod matching;
mod net;
mod os;
mod persistent;
mod platform;
mod reader;
mod rootfs;
mod vector;

pub use algorithm::Algorithm;
pub use component::Component;
pub use environment::Environment;
pub use error::FingerprintError;
pub use matching::{DEFAULT_THRESHOLD, Match, MatchVerdict, matches, matches_with_threshold};
pub use persistent::default_path as persistent_id_path;
pub use reader::{PERSISTENT_ID_ENV, Reader};
pub use vector::Fingerprint;

/// This machine's ID for `product` with the default algorithm (`licensekit-v1`), e.g.
/// `A53F-0CBC-…` (16 groups of 4 upper-case hex digits). Computed once per product and
/// process, then served from a cache. Never fails.
pub fn hardware_id(product: &str) -> String {
    cache::hardware_id(product)
}

/// This machine's ID for `product` with `algorithm`, and the components that explain it.
/// Cached per (product, algorithm). Fails only when the algorithm needs a source this machine
/// lacks (`licensespring-compat` without an OS machine id).
pub fn fingerprint(product: &str, algorithm: Algorithm) -> Result<Fingerprint, FingerprintError> {
    cache::fingerprint(product, algorithm)
}

/// VM, container and WSL evidence for this process (computed once).
pub fn environment() -> Environment {
    cache::environment()
}

/// Opts this process into the persistent random id at `path` (None: the documented
/// per-user location, [`persistent_id_path`]). It is used, and created on first use, only
/// when the machine has no OS machine id and no hardware anchor. Must be called before the
/// first ID is computed; setting the environment variable `LICENSEKIT_PERSISTENT_ID=1` does
/// the same without code.
pub fn enable_persistent_id(path: Option<std::path::PathBuf>) -> Result<(), FingerprintError> {
    let path = path.or_else(persistent::default_path).ok_or_else(|| {
        FingerprintError::PersistentId("no home directory to store it in; pass a path".to_owned())
    })?;
    cache::enable_persistent_id(path)
}
