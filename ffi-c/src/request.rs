//! `lk_request`: the parameters of an operation, set one by one, so new parameters are new
//! setters and the ABI only grows. One request type serves every operation; each operation
//! reads the fields it uses and ignores the others.

use std::ffi::c_char;

use crate::args::{out_ptr, string_arg};
use crate::guard::guard;
use crate::handle::{Handle, Kind};
use crate::outcome_enum::lk_outcome;

/// The parameters of one operation (opaque). Built with `lk_request_new` and the
/// `lk_request_set_*` setters; reusable for many calls and copied by each call, so it may be
/// changed or freed as soon as a call (also an `_async` one) has returned. Not thread-safe
/// while being changed: use one request per thread, or do not change a shared one.
#[derive(Debug, Clone, Default)]
pub struct lk_request {
    pub(crate) fields: Fields,
}

/// The values set on a request; `None` = not set.
#[derive(Clone, Default)]
pub(crate) struct Fields {
    pub license_key: Option<String>,
    pub product_id: Option<String>,
    pub product_ids: Vec<String>,
    pub info: Option<String>,
    pub log: Option<bool>,
    pub product: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub hardware_id: Option<String>,
    pub license_id: Option<u64>,
    pub app_ver: Option<String>,
    pub os_ver: Option<String>,
    pub hostname: Option<String>,
    pub is_vm: Option<bool>,
    pub include_expired_features: Option<bool>,
    pub client_key: Option<String>,
    pub machine_key: Option<String>,
    pub product_key: Option<String>,
}

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use licensekit_core::secret::masked_opt;
        f.debug_struct("Fields")
            .field("license_key", &masked_opt(&self.license_key))
            .field("product_id", &self.product_id)
            .field("product", &self.product)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("client_key", &self.client_key)
            .field("product_key", &self.product_key)
            .finish_non_exhaustive()
    }
}

impl Handle for lk_request {
    const KIND: Kind = Kind::Request;
    const NAME: &'static str = "request";
}

/// Most entries `lk_request_add_product_id` accepts (the core's limit for `check_multiple`).
const MAX_PRODUCT_IDS: usize = 256;

/// Creates an empty request and writes it to `*out_request` (set to NULL first).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `out_request` is NULL.
/// Free it with `lk_request_free`.
///
/// # Safety
/// `out_request` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_new(out_request: *mut *mut lk_request) -> lk_outcome {
    guard(|| {
        // SAFETY: forwarded contract.
        let out = match unsafe { out_ptr(out_request, "out_request") } {
            Ok(out) => out,
            Err(e) => return e.into(),
        };
        *out = lk_request::default().into_raw();
        lk_outcome::LK_OUTCOME_VALID
    })
}

/// Frees a request. NULL is a no-op (`LK_OUTCOME_VALID`); a request that is not live (freed
/// already) is left alone and gives `LK_OUTCOME_INVALID_ARGUMENT`.
///
/// # Safety
/// `request` is NULL or a pointer from `lk_request_new`; no other thread is using it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_free(request: *mut lk_request) -> lk_outcome {
    guard(|| match unsafe { lk_request::free_raw(request) } {
        Ok(()) => lk_outcome::LK_OUTCOME_VALID,
        Err(e) => e.into(),
    })
}

/// Applies `set` to the live request behind `request`.
///
/// # Safety
/// `request` is NULL or a pointer from `lk_request_new`, not used by another thread.
unsafe fn with_request(
    request: *mut lk_request,
    set: impl FnOnce(&mut Fields) -> Result<(), crate::args::ArgError>,
) -> lk_outcome {
    guard(|| {
        // SAFETY: forwarded contract.
        let result = unsafe { lk_request::from_ptr_mut(request) }.and_then(|r| set(&mut r.fields));
        match result {
            Ok(()) => lk_outcome::LK_OUTCOME_VALID,
            Err(e) => e.into(),
        }
    })
}

/// Sets one string field from a validated C string.
///
/// # Safety
/// As the string setters.
unsafe fn set_string(
    request: *mut lk_request,
    value: *const c_char,
    name: &str,
    set: impl FnOnce(&mut Fields, String),
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            set(f, string_arg(value, name)?);
            Ok(())
        })
    }
}

/// Sets the license key (every family).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_license_key(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        set_string(request, value, "license_key", |f, v| {
            f.license_key = Some(v)
        })
    }
}

/// Sets the FaxStore product id (`check`, `check_v1`), e.g. `"8"`.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_product_id(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "product_id", |f, v| f.product_id = Some(v)) }
}

/// Sets the FaxStore `info` text, recorded with the request by the server.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_info(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "info", |f, v| f.info = Some(v)) }
}

/// Sets the LicenseSpring product short code (License API and Management API).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_product(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "product", |f, v| f.product = Some(v)) }
}

/// Sets the LicenseSpring user name (user-based licenses).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_username(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "username", |f, v| f.username = Some(v)) }
}

/// Sets the LicenseSpring password (user-based activation). Never logged.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_password(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "password", |f, v| f.password = Some(v)) }
}

/// Sets the hardware ID (LicenseSpring). Unset = this machine's `lk_hardware_id` for
/// the product.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_hardware_id(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        set_string(request, value, "hardware_id", |f, v| {
            f.hardware_id = Some(v)
        })
    }
}

/// Sets the application version (LicenseSpring `app_ver`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_app_ver(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "app_ver", |f, v| f.app_ver = Some(v)) }
}

/// Sets the operating system version (LicenseSpring activate `os_ver`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_os_ver(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "os_ver", |f, v| f.os_ver = Some(v)) }
}

/// Sets the host name (LicenseSpring activate `hostname`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_hostname(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "hostname", |f, v| f.hostname = Some(v)) }
}

/// Sets the frameCAD client key (16 upper-case hex characters).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_client_key(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { set_string(request, value, "client_key", |f, v| f.client_key = Some(v)) }
}

/// Sets the frameCAD machine key. Unset = this machine's `lk_hardware_id` for the
/// product key.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_machine_key(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        set_string(request, value, "machine_key", |f, v| {
            f.machine_key = Some(v)
        })
    }
}

/// Sets the frameCAD product key (activate, deactivate).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request or `value` is NULL, not UTF-8 or longer than 4096 bytes (the request is then
/// unchanged). The value is copied.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_product_key(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        set_string(request, value, "product_key", |f, v| {
            f.product_key = Some(v)
        })
    }
}

/// Adds one FaxStore product id to the list `check_multiple` sends (at most 256).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not a live
/// request, `value` is NULL, not UTF-8 or longer than 4096 bytes, or the list is full.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread; `value` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_add_product_id(
    request: *mut lk_request,
    value: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            let value = string_arg(value, "product_id")?;
            if f.product_ids.len() >= MAX_PRODUCT_IDS {
                return Err(crate::args::refuse(
                    "product_ids",
                    "has 256 entries already",
                ));
            }
            f.product_ids.push(value);
            Ok(())
        })
    }
}

/// Sets the FaxStore `log` flag (false = the server does not record this request).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not live.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_log(request: *mut lk_request, value: bool) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            f.log = Some(value);
            Ok(())
        })
    }
}

/// Sets the LicenseSpring license id (to pick one of several licenses of a user).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not live.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_license_id(
    request: *mut lk_request,
    value: u64,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            f.license_id = Some(value);
            Ok(())
        })
    }
}

/// Sets whether this machine is a virtual machine (LicenseSpring activate `is_vm`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not live.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_is_vm(request: *mut lk_request, value: bool) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            f.is_vm = Some(value);
            Ok(())
        })
    }
}

/// Sets whether LicenseSpring check also lists expired features.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `request` is not live.
///
/// # Safety
/// `request` is NULL or a live request not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_request_set_include_expired_features(
    request: *mut lk_request,
    value: bool,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_request(request, |f| {
            f.include_expired_features = Some(value);
            Ok(())
        })
    }
}
