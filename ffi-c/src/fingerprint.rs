//! The hardware fingerprint for C: this machine's ID, the components that explain it, the
//! VM/container evidence, and tolerant matching. Results are copied into the caller's buffer
//! (see `lk_hardware_id` for the size-query rules shared by every function here).

use std::ffi::c_char;

use licensekit_core::fingerprint::{self, Algorithm, Fingerprint};

use crate::args::{ArgError, MAX_ARG_LEN, MAX_PEM_LEN, refuse, str_arg};
use crate::buffer::copy_out;
use crate::guard::guard;
use crate::outcome_enum::lk_outcome;

/// Runs `make` and copies its text out, or returns the argument error.
///
/// # Safety
/// As [`copy_out`].
unsafe fn answer(
    make: impl FnOnce() -> Result<String, ArgError>,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    guard(|| {
        if !out_len.is_null() {
            // SAFETY: writable by the contract; cleared before anything can fail.
            unsafe { *out_len = 0 };
        }
        match make() {
            // SAFETY: forwarded contract.
            Ok(text) => unsafe { copy_out(&text, buf, buf_len, out_len) },
            Err(e) => e.into(),
        }
    })
}

/// This machine's hardware ID for `product` (default algorithm `licensekit-v1`), e.g.
/// `"A53F-0CBC-…"`: what the operations send when no hardware ID / machine key is set.
/// Computed once per product and process, then cached; salted per product.
///
/// Copies the ID and a NUL into `buf` (`buf_len` bytes) and writes its length without the NUL
/// to `*out_len` (when not NULL). `buf` NULL with `buf_len` 0 only queries the length. Returns
/// `LK_OUTCOME_VALID`; `LK_OUTCOME_INVALID_ARGUMENT` when `product` is NULL, not UTF-8 or
/// longer than 4096 bytes, or the buffer is too small (it then holds `""`, and `*out_len`
/// says how much is needed). 80 bytes always suffice. Any thread may call it.
///
/// # Safety
/// `product` is NULL or a NUL-terminated string; `buf` is NULL or valid for `buf_len` writes;
/// `out_len` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_hardware_id(
    product: *const c_char,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        answer(
            || {
                Ok(fingerprint::hardware_id(str_arg(
                    product,
                    "product",
                    MAX_ARG_LEN,
                )?))
            },
            buf,
            buf_len,
            out_len,
        )
    }
}

/// This machine's fingerprint for `product` as JSON: `{"id", "algorithm", "components":
/// [{"name", "digest", "weight", "present", ...}]}` (digests only, never raw values). Store
/// it next to an activation and pass it to `lk_fingerprint_match_json` later. `algorithm` is
/// `"licensekit-v1"` (NULL means this one) or `"licensespring-compat"` (LicenseSpring SDKs'
/// Linux ID).
///
/// Buffer rules as `lk_hardware_id`; a few KiB suffice. Returns `LK_OUTCOME_VALID`;
/// `LK_OUTCOME_INVALID_ARGUMENT` for a bad argument, an unknown algorithm, an algorithm this
/// machine cannot compute (`licensespring-compat` without an OS machine id; logged), or a
/// buffer too small. Any thread may call it.
///
/// # Safety
/// `product` and `algorithm` are NULL or NUL-terminated strings; `buf` is NULL or valid for
/// `buf_len` writes; `out_len` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_fingerprint_json(
    product: *const c_char,
    algorithm: *const c_char,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    let make = || {
        // SAFETY: forwarded contract.
        let product = unsafe { str_arg(product, "product", MAX_ARG_LEN) }?;
        let algorithm = if algorithm.is_null() {
            Algorithm::Default
        } else {
            // SAFETY: forwarded contract.
            let name = unsafe { str_arg(algorithm, "algorithm", MAX_ARG_LEN) }?;
            Algorithm::from_name(name).map_err(|e| refuse("algorithm", &e.to_string()))?
        };
        fingerprint::fingerprint(product, algorithm)
            .map(|f| f.to_json())
            .map_err(|e| refuse("algorithm", &e.to_string()))
    };
    // SAFETY: forwarded contract.
    unsafe { answer(make, buf, buf_len, out_len) }
}

/// The VM / container / WSL evidence for this process as JSON: `{"vm": bool, "container":
/// bool, "wsl": bool, "evidence": ["..."]}`. Computed once. Buffer rules as
/// `lk_hardware_id`. Any thread may call it.
///
/// # Safety
/// `buf` is NULL or valid for `buf_len` writes; `out_len` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_environment_json(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    let make = || {
        serde_json::to_string(&fingerprint::environment())
            .map_err(|e| refuse("environment", &e.to_string()))
    };
    // SAFETY: forwarded contract.
    unsafe { answer(make, buf, buf_len, out_len) }
}

/// Compares a stored fingerprint with a current one (both JSON from `lk_fingerprint_json`,
/// at most 1 MiB each) and writes the result as JSON: `{"verdict": "SAME" |
/// "SAME_REINSTALLED" | "CLONE_SUSPECTED" | "DIFFERENT", "score": 0.0-1.0, "changed":
/// ["component", ...]}`. Tolerates changed parts (a replaced NIC is still `SAME`).
///
/// Buffer rules as `lk_hardware_id`. Returns `LK_OUTCOME_VALID`;
/// `LK_OUTCOME_INVALID_ARGUMENT` when either JSON is NULL, not UTF-8, too long or not a
/// fingerprint, or the buffer is too small. Any thread may call it.
///
/// # Safety
/// `stored_json` and `current_json` are NULL or NUL-terminated strings; `buf` is NULL or valid
/// for `buf_len` writes; `out_len` is NULL or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_fingerprint_match_json(
    stored_json: *const c_char,
    current_json: *const c_char,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    let make = || {
        let parse = |ptr, name| {
            // SAFETY: forwarded contract.
            let text = unsafe { str_arg(ptr, name, MAX_PEM_LEN) }?;
            Fingerprint::from_json(text).map_err(|e| refuse(name, &e.to_string()))
        };
        let stored = parse(stored_json, "stored_json")?;
        let current = parse(current_json, "current_json")?;
        serde_json::to_string(&fingerprint::matches(&stored, &current))
            .map_err(|e| refuse("match", &e.to_string()))
    };
    // SAFETY: forwarded contract.
    unsafe { answer(make, buf, buf_len, out_len) }
}
