//! Why a fingerprint could not be computed.

use std::fmt;

/// A fingerprint request that cannot be answered. [`super::hardware_id`] never fails; only
/// [`super::fingerprint`] with an algorithm that needs a specific source, or an explicit
/// request for the persistent id, can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FingerprintError {
    /// The algorithm needs the OS machine id and this machine has none (missing, empty or
    /// `uninitialized`).
    NoMachineId,
    /// An algorithm name that is not one of [`super::Algorithm::ALL`].
    UnknownAlgorithm(String),
    /// The persistent random id could not be read or created (message names the path).
    PersistentId(String),
    /// A stored fingerprint (JSON) could not be parsed.
    InvalidStored(String),
}

impl fmt::Display for FingerprintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoMachineId => f.write_str(
                "this machine has no usable OS machine id (/etc/machine-id and \
                 /var/lib/dbus/machine-id are missing, empty or 'uninitialized')",
            ),
            Self::UnknownAlgorithm(name) => write!(
                f,
                "unknown fingerprint algorithm {name:?} (known: licensekit-v1, licensespring-compat)"
            ),
            Self::PersistentId(msg) => write!(f, "persistent machine id: {msg}"),
            Self::InvalidStored(msg) => write!(f, "stored fingerprint is not valid: {msg}"),
        }
    }
}

impl std::error::Error for FingerprintError {}
