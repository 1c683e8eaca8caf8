//! Programmer errors: the only things returned as `Err`. Every server answer and every
//! transport failure is an `Ok(Verdict)` instead.

use crate::Outcome;

/// A mistake in how licensekit was called or configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An argument of an operation is missing, too long, or malformed; the text names it.
    InvalidArgument(String),
    /// The client configuration is unusable (bad URL, plain HTTP to a remote host, bad PEM…).
    InvalidConfig(String),
    /// licensekit failed internally; please report it.
    Internal(String),
}

impl Error {
    /// The outcome the bindings report for this error.
    pub const fn outcome(&self) -> Outcome {
        match self {
            Error::InvalidArgument(_) | Error::InvalidConfig(_) => Outcome::INVALID_ARGUMENT,
            Error::Internal(_) => Outcome::INTERNAL_ERROR,
        }
    }

    /// The message without the kind prefix.
    pub fn message(&self) -> &str {
        match self {
            Error::InvalidArgument(m) | Error::InvalidConfig(m) | Error::Internal(m) => m,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::InvalidArgument(m) => write!(f, "invalid argument: {m}"),
            Error::InvalidConfig(m) => write!(f, "invalid configuration: {m}"),
            Error::Internal(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl std::error::Error for Error {}
