//! Copying a string into a caller's buffer, with a size query: for results that no handle
//! owns (hardware ID, fingerprint JSON).

use std::ffi::c_char;

use crate::args::refuse;
use crate::outcome_enum::lk_outcome;

/// Copies `text` and a NUL into `buf` (`buf_len` bytes).
///
/// `*out_len` (when not NULL) always receives `strlen(text)`, the bytes needed without the NUL.
/// `buf` NULL with `buf_len` 0 is a size query: `LK_OUTCOME_VALID`, nothing written. A buffer
/// too small gives `LK_OUTCOME_INVALID_ARGUMENT` and holds the empty string (if `buf_len` > 0).
///
/// # Safety
/// `buf` is NULL or valid for `buf_len` byte writes; `out_len` is NULL or valid for one write.
pub(crate) unsafe fn copy_out(
    text: &str,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> lk_outcome {
    if !out_len.is_null() {
        // SAFETY: non-NULL and writable by the contract.
        unsafe { *out_len = text.len() };
    }
    if buf.is_null() {
        if buf_len == 0 {
            return lk_outcome::LK_OUTCOME_VALID;
        }
        return refuse("buf", "is NULL but buf_len is not 0").into();
    }
    if buf_len <= text.len() {
        if buf_len > 0 {
            // SAFETY: at least one byte is writable.
            unsafe { *buf = 0 };
        }
        return refuse(
            "buf_len",
            &format!("is too small: {} bytes are needed", text.len() + 1),
        )
        .into();
    }
    // SAFETY: `buf_len > text.len()`, so text and its NUL fit; the regions cannot overlap
    // (`text` is Rust-owned).
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        *buf.add(text.len()) = 0;
    }
    lk_outcome::LK_OUTCOME_VALID
}
