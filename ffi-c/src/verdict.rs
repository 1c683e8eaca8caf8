//! `lk_verdict`: what one operation came to, with getters. Every string is converted once when
//! the verdict is made and borrowed by C until `lk_verdict_free`.

use std::ffi::{CString, c_char};
use std::ptr;
use std::sync::OnceLock;

use licensekit_core::Verdict;

use crate::guard::{guard, guard_or};
use crate::handle::{Handle, Kind};
use crate::outcome_enum::lk_outcome;

/// The result of one operation (opaque): the outcome, the vendor's own code and text, the
/// HTTP status, the license as the server described it, and the raw answer. Immutable: any
/// number of threads may read one verdict at the same time; free it once with
/// `lk_verdict_free` after every reader is done.
#[derive(Debug)]
pub struct lk_verdict {
    inner: Verdict,
    family: CString,
    operation: CString,
    vendor_code: Option<CString>,
    message: Option<CString>,
    server_time: Option<CString>,
    // The two JSON texts are made on first use: most callers never ask, and serialising (with
    // masking) is most of what building a verdict would cost.
    raw_json: OnceLock<Option<CString>>,
    json: OnceLock<CString>,
    license: Option<LicenseText>,
}

/// The license's strings as C strings.
#[derive(Debug)]
struct LicenseText {
    key: Option<CString>,
    id: Option<CString>,
    product: Option<CString>,
    license_type: Option<CString>,
    status: Option<CString>,
    expires_at: Option<CString>,
    machine_key: Option<CString>,
    features: Vec<CString>,
}

impl Handle for lk_verdict {
    const KIND: Kind = Kind::Verdict;
    const NAME: &'static str = "verdict";
}

/// A C string from server text; an interior NUL (possible in JSON-decoded text) becomes U+FFFD
/// so the string is never cut short silently.
pub(crate) fn c_string(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

fn c_opt(text: &Option<String>) -> Option<CString> {
    text.as_deref().map(c_string)
}

fn ptr_of(text: &Option<CString>) -> *const c_char {
    text.as_ref().map_or(ptr::null(), |t| t.as_ptr())
}

impl lk_verdict {
    pub(crate) fn new(inner: Verdict) -> lk_verdict {
        let license = inner.license.as_ref().map(|l| LicenseText {
            key: c_opt(&l.key),
            id: c_opt(&l.id),
            product: c_opt(&l.product),
            license_type: c_opt(&l.license_type),
            status: c_opt(&l.status),
            expires_at: c_opt(&l.expires_at),
            machine_key: c_opt(&l.machine_key),
            features: l.features.iter().map(|f| c_string(f)).collect(),
        });
        lk_verdict {
            family: c_string(inner.family.name()),
            operation: c_string(inner.operation.name()),
            vendor_code: c_opt(&inner.vendor_code),
            message: c_opt(&inner.message),
            server_time: c_opt(&inner.server_time),
            raw_json: OnceLock::new(),
            json: OnceLock::new(),
            license,
            inner,
        }
    }
}

/// Reads a live verdict, or returns `default` (NULL, 0, false) for NULL or a freed verdict.
fn read<T: Copy>(verdict: *const lk_verdict, default: T, get: impl FnOnce(&lk_verdict) -> T) -> T {
    guard_or(default, || {
        // SAFETY: the registry only accepts live verdicts.
        match unsafe { lk_verdict::from_ptr(verdict) } {
            Ok(v) => get(v),
            Err(_) => default,
        }
    })
}

/// Reads the license of a live verdict that has one.
fn read_license<T: Copy>(
    verdict: *const lk_verdict,
    default: T,
    get: impl FnOnce(&LicenseText) -> T,
) -> T {
    read(verdict, default, |v| {
        v.license.as_ref().map_or(default, get)
    })
}

/// Frees a verdict. NULL is a no-op (`LK_OUTCOME_VALID`); a verdict that is not live (freed
/// already) is left alone and gives `LK_OUTCOME_INVALID_ARGUMENT`. Every string borrowed from
/// the verdict becomes invalid.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library that no other thread still reads.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_free(verdict: *mut lk_verdict) -> lk_outcome {
    guard(|| match unsafe { lk_verdict::free_raw(verdict) } {
        Ok(()) => lk_outcome::LK_OUTCOME_VALID,
        Err(e) => e.into(),
    })
}

/// The verdict's outcome; `LK_OUTCOME_INVALID_ARGUMENT` when `verdict` is NULL or not live.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_outcome(verdict: *const lk_verdict) -> lk_outcome {
    read(verdict, lk_outcome::LK_OUTCOME_INVALID_ARGUMENT, |v| {
        v.inner.outcome.into()
    })
}

/// True when the server granted what was asked (`LK_OUTCOME_VALID`, `LK_OUTCOME_DEACTIVATED`);
/// false for NULL or a verdict that is not live.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_is_granted(verdict: *const lk_verdict) -> bool {
    read(verdict, false, |v| v.inner.is_granted())
}

/// The family asked: `"faxstore"`, `"licensespring"`, `"licensespring-management"` or
/// `"framecad"`. Borrowed from the verdict; NULL for NULL or a verdict that is not live.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_family(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| v.family.as_ptr())
}

/// The operation performed (`"check"`, `"check_multiple"`, `"check_v1"`, `"activate"`,
/// `"validate"`, `"status"`, `"deactivate"`). Borrowed from the verdict; NULL for NULL or a
/// verdict that is not live.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_operation(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| v.operation.as_ptr())
}

/// The vendor's raw code: the FaxStore status string (`"NOT FOUND"`), the LicenseSpring code
/// (`"license_not_found"`), the frameCAD number as decimal text (`"1"`). Borrowed from the
/// verdict; NULL when the answer had none (success bodies, transport failures).
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_vendor_code(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| ptr_of(&v.vendor_code))
}

/// The HTTP status of the last attempt, or 0 when none came back (or `verdict` is not live).
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_http_status(verdict: *const lk_verdict) -> u16 {
    read(verdict, 0, |v| v.inner.http_status.unwrap_or(0))
}

/// How many HTTP attempts were made (1 + retries; 0 when nothing was sent).
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_attempts(verdict: *const lk_verdict) -> u32 {
    read(verdict, 0, |v| v.inner.attempts)
}

/// The vendor's human text, or the transport failure's text for client-side outcomes.
/// Borrowed from the verdict; NULL when there is none.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_message(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| ptr_of(&v.message))
}

/// The server's time as it wrote it (frameCAD `now`, else the response `Date` header).
/// Borrowed from the verdict; NULL when unknown.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_server_time(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| ptr_of(&v.server_time))
}

/// The response body as compact JSON (a JSON string for a plain-text body), unmasked: it may
/// contain the license key. Borrowed from the verdict; NULL when no body came back.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_raw_json(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| {
        ptr_of(
            v.raw_json
                .get_or_init(|| v.inner.raw.as_ref().map(|raw| c_string(&raw.to_string()))),
        )
    })
}

/// The whole verdict as compact JSON (`{"outcome":"VALID","family":...}`) with every license
/// key masked, for logs and support tickets. Borrowed from the verdict; NULL only for NULL or a
/// verdict that is not live.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_json(verdict: *const lk_verdict) -> *const c_char {
    read(verdict, ptr::null(), |v| {
        v.json.get_or_init(|| c_string(&v.inner.to_json())).as_ptr()
    })
}

/// True when the answer described a license (then the `lk_verdict_license_*` getters have
/// values where the family reports them).
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_has_license(verdict: *const lk_verdict) -> bool {
    read(verdict, false, |v| v.license.is_some())
}

/// The license key as the server echoed it (unmasked). Borrowed; NULL when not reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_key(verdict: *const lk_verdict) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.key))
}

/// The server's license id as text. Borrowed; NULL when not reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_id(verdict: *const lk_verdict) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.id))
}

/// The product (FaxStore product id, LicenseSpring short code, frameCAD product key).
/// Borrowed; NULL when not reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_product(verdict: *const lk_verdict) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.product))
}

/// The LicenseSpring license type (`"perpetual"`, `"time-limited"`, `"subscription"`,
/// `"consumption"`). Borrowed; NULL when not reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_type(verdict: *const lk_verdict) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.license_type))
}

/// The vendor's state word (FaxStore `status`, frameCAD `status`). Borrowed; NULL when not
/// reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_status(verdict: *const lk_verdict) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.status))
}

/// The expiry, ISO-8601 as the server wrote it. Borrowed; NULL = no expiry reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_expires_at(
    verdict: *const lk_verdict,
) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.expires_at))
}

/// The machine the license is bound to (frameCAD `machine_key`, Management `hardware_id`).
/// Borrowed; NULL when not reported.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_machine_key(
    verdict: *const lk_verdict,
) -> *const c_char {
    read_license(verdict, ptr::null(), |l| ptr_of(&l.machine_key))
}

/// A yes/no license field the server may not report: -1 unknown, 0 no, 1 yes.
fn tri(value: Option<bool>) -> i32 {
    value.map_or(-1, i32::from)
}

/// Whether the license is enabled (LicenseSpring): -1 not reported, 0 no, 1 yes.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_enabled(verdict: *const lk_verdict) -> i32 {
    read(verdict, -1, |v| {
        tri(v.inner.license.as_ref().and_then(|l| l.enabled))
    })
}

/// Whether the license is active (LicenseSpring): -1 not reported, 0 no, 1 yes.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_active(verdict: *const lk_verdict) -> i32 {
    read(verdict, -1, |v| {
        tri(v.inner.license.as_ref().and_then(|l| l.active))
    })
}

/// Whether the license is a trial (LicenseSpring): -1 not reported, 0 no, 1 yes.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_is_trial(verdict: *const lk_verdict) -> i32 {
    read(verdict, -1, |v| {
        tri(v.inner.license.as_ref().and_then(|l| l.is_trial))
    })
}

/// Writes the seats taken and the seats in total (LicenseSpring) to `*out_used` and
/// `*out_max` (each may be NULL; both set to 0 first).
///
/// Returns `LK_OUTCOME_VALID` when the server reported both; `LK_OUTCOME_INVALID_ARGUMENT` for
/// a verdict that is not live or has no seat counts.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library; each out-pointer is NULL or valid
/// for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_seats(
    verdict: *const lk_verdict,
    out_used: *mut u64,
    out_max: *mut u64,
) -> lk_outcome {
    guard(|| {
        for out in [out_used, out_max] {
            if !out.is_null() {
                // SAFETY: non-NULL and writable by the contract.
                unsafe { *out = 0 };
            }
        }
        // SAFETY: the registry only accepts live verdicts.
        let verdict = match unsafe { lk_verdict::from_ptr(verdict) } {
            Ok(v) => v,
            Err(e) => return e.into(),
        };
        let seats = verdict
            .inner
            .license
            .as_ref()
            .and_then(|l| l.seats_used.zip(l.seats_max));
        let Some((used, max)) = seats else {
            return lk_outcome::LK_OUTCOME_INVALID_ARGUMENT;
        };
        // SAFETY: non-NULL pointers are writable by the contract.
        unsafe {
            if !out_used.is_null() {
                *out_used = used;
            }
            if !out_max.is_null() {
                *out_max = max;
            }
        }
        lk_outcome::LK_OUTCOME_VALID
    })
}

/// How many feature codes the license grants (0 without a license).
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_feature_count(verdict: *const lk_verdict) -> usize {
    read_license(verdict, 0, |l| l.features.len())
}

/// The feature code at `index` (0-based, below `lk_verdict_license_feature_count`).
/// Borrowed from the verdict; NULL for an index out of range.
///
/// # Safety
/// `verdict` is NULL or a verdict returned by this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_verdict_license_feature(
    verdict: *const lk_verdict,
    index: usize,
) -> *const c_char {
    read_license(verdict, ptr::null(), |l| {
        l.features.get(index).map_or(ptr::null(), |f| f.as_ptr())
    })
}
