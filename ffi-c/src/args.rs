//! The one place C input is validated: NUL-terminated UTF-8 strings with a length bound, and
//! out-pointers. A failure is logged (naming the argument, never its value) and becomes
//! `LK_OUTCOME_INVALID_ARGUMENT`.

use std::ffi::c_char;

use crate::outcome_enum::lk_outcome;

/// Longest string argument accepted, in bytes without the NUL (the core's own argument limit).
pub(crate) const MAX_ARG_LEN: usize = 4096;

/// Longest PEM text accepted (a CA bundle is far longer than an argument).
pub(crate) const MAX_PEM_LEN: usize = 1 << 20;

/// Why an argument was refused; converts into `LK_OUTCOME_INVALID_ARGUMENT`.
#[derive(Debug)]
pub(crate) struct ArgError;

impl From<ArgError> for lk_outcome {
    fn from(_: ArgError) -> lk_outcome {
        lk_outcome::LK_OUTCOME_INVALID_ARGUMENT
    }
}

/// Logs why `name` was refused and returns the error.
pub(crate) fn refuse(name: &str, why: &str) -> ArgError {
    log::warn!(target: "licensekit::ffi", "invalid argument `{name}`: {why}");
    ArgError
}

/// Reads the C string `ptr` as UTF-8 of at most `max` bytes. Never reads past the first NUL
/// nor past `max + 1` bytes, so an unterminated buffer is refused as too long instead of being
/// read to the end of memory.
///
/// # Safety
/// `ptr` is NULL or points to at least `min(strlen(ptr) + 1, max + 1)` readable bytes that stay
/// unchanged for `'a`.
pub(crate) unsafe fn str_arg<'a>(
    ptr: *const c_char,
    name: &str,
    max: usize,
) -> Result<&'a str, ArgError> {
    if ptr.is_null() {
        return Err(refuse(name, "is NULL"));
    }
    let bytes = ptr.cast::<u8>();
    let mut len = 0;
    // SAFETY: by the contract above each byte up to the NUL (or max + 1) is readable.
    while unsafe { *bytes.add(len) } != 0 {
        if len == max {
            return Err(refuse(name, &format!("is longer than {max} bytes")));
        }
        len += 1;
    }
    // SAFETY: the `len` bytes before the NUL were just read.
    let slice = unsafe { std::slice::from_raw_parts(bytes, len) };
    std::str::from_utf8(slice).map_err(|_| refuse(name, "is not valid UTF-8"))
}

/// [`str_arg`] returning an owned string, with the argument limit.
///
/// # Safety
/// As [`str_arg`].
pub(crate) unsafe fn string_arg(ptr: *const c_char, name: &str) -> Result<String, ArgError> {
    // SAFETY: forwarded contract.
    unsafe { str_arg(ptr, name, MAX_ARG_LEN) }.map(str::to_owned)
}

/// Clears the out-pointer `out` (sets `*out = NULL`) and returns it as a reference to fill.
///
/// # Safety
/// `out` is NULL or valid for one pointer write.
pub(crate) unsafe fn out_ptr<'a, T>(
    out: *mut *mut T,
    name: &str,
) -> Result<&'a mut *mut T, ArgError> {
    if out.is_null() {
        return Err(refuse(name, "is NULL"));
    }
    // SAFETY: non-NULL and writable by the contract.
    let out = unsafe { &mut *out };
    *out = std::ptr::null_mut();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_invalid_utf8_and_over_long_strings_are_refused() {
        assert!(unsafe { str_arg(std::ptr::null(), "x", 10) }.is_err());
        let bad = b"ab\xff\0";
        assert!(unsafe { str_arg(bad.as_ptr().cast(), "x", 10) }.is_err());
        let long = b"0123456789A\0";
        assert!(unsafe { str_arg(long.as_ptr().cast(), "x", 10) }.is_err());
    }

    #[test]
    fn a_string_of_exactly_the_limit_is_accepted() {
        let exact = b"0123456789\0";
        assert_eq!(
            unsafe { str_arg(exact.as_ptr().cast(), "x", 10) }.unwrap(),
            "0123456789"
        );
    }

    #[test]
    fn an_unterminated_buffer_is_not_read_past_the_limit() {
        // 11 readable bytes and no NUL: reading stops at max + 1 = 11.
        let unterminated = *b"0123456789A";
        assert!(unsafe { str_arg(unterminated.as_ptr().cast(), "x", 10) }.is_err());
    }
}
