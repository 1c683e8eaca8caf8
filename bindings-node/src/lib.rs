//! licensekit for Node: a napi-rs addon that translates the core's types to JS and back.
//!
//! The core knows nothing about Node. This crate holds no licensing logic: it converts
//! arguments, moves blocking calls off the JS thread (tokio's blocking pool), and converts
//! verdicts. `lib/licensekit.js` adds what only JS can express: the LicenseError classes and
//! promises that reject when a verdict is not granted.

// napi registers exports only outside cfg(test) (`clippy --all-targets` builds the lib as a
// test), where every export would otherwise look unused.
#![cfg_attr(test, allow(dead_code))]

mod call;
mod faxstore;
mod fingerprint;
mod framecad;
mod licensespring;
mod logging;
mod options;
mod outcome;
mod verdict;

use napi_derive::napi;

/// The library's version (`licensekit/<VERSION>` is the default user agent).
#[napi]
pub const VERSION: &str = licensekit_core::VERSION;

/// `'***************DDDD'`: the secret with all but its last four characters masked, as
/// licensekit shows keys in its logs, errors and printed verdicts. Use it to log keys yourself.
#[napi]
pub fn mask_secret(secret: String) -> String {
    licensekit_core::secret::mask(&secret)
}

/// Builds a core client; a bad configuration is the caller's mistake (TypeError in JS).
fn client(config: licensekit_core::ClientConfig) -> napi::Result<licensekit_core::Client> {
    licensekit_core::Client::new(config)
        .map_err(|err| napi::Error::new(napi::Status::InvalidArg, err.to_string()))
}
