//! The outcome table for C: name, description, category and retryable flag of each number,
//! and the list of all outcomes. Every string returned here is static.

use std::ffi::c_char;
use std::ptr;

use licensekit_core::{Category, outcome::TABLE};

use crate::guard::guard_or;
use crate::outcome_enum::{ALL, DESCRIPTIONS, NAMES, index, lk_outcome};

/// Which side decided an outcome.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum lk_category {
    /// Not an outcome number this version knows.
    LK_CATEGORY_UNKNOWN = 0,
    /// The server granted what was asked (0-99).
    LK_CATEGORY_GRANTED = 1,
    /// The server judged the request and said no (1xx).
    LK_CATEGORY_REFUSED = 2,
    /// The server could not judge the request: parameters, credentials, rate limit, its own
    /// failure (2xx).
    LK_CATEGORY_REQUEST = 3,
    /// We could not ask, or could not trust the answer (3xx).
    LK_CATEGORY_CLIENT = 4,
}

/// The contract name of an outcome (`"KEY_NOT_FOUND"`), the same in C, Python and Node.
///
/// Returns a static string, or NULL when `outcome` is not a number this version knows.
/// Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_outcome_name(outcome: u32) -> *const c_char {
    guard_or(ptr::null(), || {
        index(outcome).map_or(ptr::null(), |i| NAMES[i].as_ptr())
    })
}

/// One line for humans describing an outcome.
///
/// Returns a static string, or NULL when `outcome` is not a number this version knows.
/// Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_outcome_description(outcome: u32) -> *const c_char {
    guard_or(ptr::null(), || {
        index(outcome).map_or(ptr::null(), |i| DESCRIPTIONS[i].as_ptr())
    })
}

/// Which side decided an outcome; `LK_CATEGORY_UNKNOWN` for an unknown number.
/// Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_outcome_category(outcome: u32) -> lk_category {
    guard_or(lk_category::LK_CATEGORY_UNKNOWN, || {
        index(outcome).map_or(lk_category::LK_CATEGORY_UNKNOWN, |i| {
            match TABLE[i].category {
                Category::Granted => lk_category::LK_CATEGORY_GRANTED,
                Category::Refused => lk_category::LK_CATEGORY_REFUSED,
                Category::Request => lk_category::LK_CATEGORY_REQUEST,
                Category::Client => lk_category::LK_CATEGORY_CLIENT,
            }
        })
    })
}

/// Whether asking again later may give another answer (rate limit, server error, network
/// failure, timeout); false for an unknown number. Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_outcome_retryable(outcome: u32) -> bool {
    guard_or(false, || index(outcome).is_some_and(|i| TABLE[i].retryable))
}

/// True for the granted outcomes (`LK_OUTCOME_VALID`, `LK_OUTCOME_DEACTIVATED`).
/// Any thread may call it.
#[unsafe(no_mangle)]
pub extern "C" fn lk_outcome_is_granted(outcome: u32) -> bool {
    guard_or(false, || {
        index(outcome).is_some_and(|i| TABLE[i].category == Category::Granted)
    })
}

/// Every outcome this version knows, in table order: returns a static array and writes its
/// length to `*out_count` (when `out_count` is not NULL). Any thread may call it.
///
/// # Safety
/// `out_count` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_outcome_all(out_count: *mut usize) -> *const lk_outcome {
    guard_or(ptr::null(), || {
        if !out_count.is_null() {
            // SAFETY: non-NULL and writable by the contract.
            unsafe { *out_count = ALL.len() };
        }
        ALL.as_ptr()
    })
}

/// Looks an outcome up by its contract name (`"KEY_NOT_FOUND"`) and writes it to `*out`.
///
/// Returns `LK_OUTCOME_VALID` when found; `LK_OUTCOME_INVALID_ARGUMENT` when `name` is NULL,
/// not UTF-8 or not a known name (then `*out` is left unchanged).
///
/// # Safety
/// `name` is NULL or a NUL-terminated string; `out` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_outcome_from_name(
    name: *const c_char,
    out: *mut lk_outcome,
) -> lk_outcome {
    crate::guard::guard(|| {
        // SAFETY: forwarded contract.
        let Ok(name) = (unsafe { crate::args::str_arg(name, "name", crate::args::MAX_ARG_LEN) })
        else {
            return lk_outcome::LK_OUTCOME_INVALID_ARGUMENT;
        };
        if out.is_null() {
            return crate::args::refuse("out", "is NULL").into();
        }
        match licensekit_core::Outcome::from_name(name) {
            Some(found) => {
                // SAFETY: non-NULL and writable by the contract.
                unsafe { *out = found.into() };
                lk_outcome::LK_OUTCOME_VALID
            }
            None => crate::args::refuse("name", "is not an outcome name").into(),
        }
    })
}
