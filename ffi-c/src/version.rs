//! The library version.

use std::ffi::{CStr, c_char};

/// The crate version as a C string; the workspace gives every crate the core's version.
static VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the version has no NUL"),
    };

/// The library version (`"0.1.0"`), a static string. Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_version() -> *const c_char {
    crate::guard::guard_or(std::ptr::null(), || VERSION.as_ptr())
}
