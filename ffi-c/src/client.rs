//! `lk_client`: one configured client, shared by any number of threads, and the blocking and
//! `_async` forms of every operation.

use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};

use licensekit_core::{Client, Error, Verdict};

use crate::args::{ArgError, out_ptr, refuse};
use crate::config::lk_client_config;
use crate::guard::guard;
use crate::handle::{Handle, Kind};
use crate::operation::Op;
use crate::outcome_enum::lk_outcome;
use crate::request::lk_request;
use crate::verdict::lk_verdict;

/// A configured client (opaque). Thread-safe: any number of threads may call operations on one
/// client at the same time (it keeps a pool of connections); free it once with
/// `lk_client_free` when no call on it is running (`_async` calls already started hold their
/// own reference and still complete). It survives `fork()`: in a child process the first call
/// makes a fresh connection pool from the same configuration (the core does this).
#[derive(Debug)]
pub struct lk_client {
    inner: Client,
}

impl Handle for lk_client {
    const KIND: Kind = Kind::Client;
    const NAME: &'static str = "client";
}

/// Receives the result of an `_async` operation, exactly once per call that returned
/// `LK_OUTCOME_VALID`. Called on a library-owned background thread (a new thread named
/// `licensekit-async` per call, never the caller's thread). `user_data` is the caller's
/// pointer; `outcome` equals `lk_verdict_outcome(verdict)` when `verdict` is not NULL.
/// `verdict` is NULL only when the call was refused before asking a server
/// (`LK_OUTCOME_INVALID_ARGUMENT`, the reason is logged) or failed internally
/// (`LK_OUTCOME_INTERNAL_ERROR`). The callback owns the verdict: free it with
/// `lk_verdict_free`, now or later, from any thread.
#[allow(non_camel_case_types)]
pub type lk_verdict_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, outcome: lk_outcome, verdict: *mut lk_verdict),
>;

/// Builds a client from `config` and writes it to `*out_client` (set to NULL first). The
/// configuration is copied: it may be freed right after.
///
/// Returns `LK_OUTCOME_VALID`; `LK_OUTCOME_INVALID_ARGUMENT` when an argument is NULL or not
/// live, or the configuration is unusable (no or bad base URL, plain HTTP to a remote host, bad
/// PEM, missing LicenseSpring public key while verifying); the reason is logged at
/// `LK_LOG_WARN`.
///
/// # Safety
/// `config` is NULL or a live configuration not changed during the call; `out_client` is NULL
/// or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_new(
    config: *const lk_client_config,
    out_client: *mut *mut lk_client,
) -> lk_outcome {
    guard(|| {
        // SAFETY: forwarded contract.
        let built = unsafe { out_ptr(out_client, "out_client") }.and_then(|out| {
            // SAFETY: forwarded contract.
            let config = unsafe { lk_client_config::from_ptr(config) }?;
            Ok((out, config))
        });
        let (out, config) = match built {
            Ok(pair) => pair,
            Err(e) => return e.into(),
        };
        match Client::new(config.inner.clone()) {
            Ok(inner) => {
                *out = lk_client { inner }.into_raw();
                lk_outcome::LK_OUTCOME_VALID
            }
            Err(e) => refused(&e),
        }
    })
}

/// Frees a client. NULL is a no-op (`LK_OUTCOME_VALID`); a client that is not live (freed
/// already) is left alone and gives `LK_OUTCOME_INVALID_ARGUMENT`. `_async` calls already
/// started complete and call back.
///
/// # Safety
/// `client` is NULL or a pointer from `lk_client_new`, with no blocking call on it running.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_free(client: *mut lk_client) -> lk_outcome {
    guard(|| match unsafe { lk_client::free_raw(client) } {
        Ok(()) => lk_outcome::LK_OUTCOME_VALID,
        Err(e) => e.into(),
    })
}

/// Logs a programmer error from the core and returns its outcome.
fn refused(error: &Error) -> lk_outcome {
    log::warn!(target: "licensekit::ffi", "{error}");
    error.outcome().into()
}

/// The blocking form shared by every operation.
///
/// # Safety
/// As the exported operations.
unsafe fn run(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
    op: Op,
) -> lk_outcome {
    guard(|| {
        let args = (|| -> Result<_, ArgError> {
            // SAFETY: forwarded contract.
            let out = unsafe { out_ptr(out_verdict, "out_verdict") }?;
            let client = unsafe { lk_client::from_ptr(client) }?;
            let request = unsafe { lk_request::from_ptr(request) }?;
            Ok((out, client, request))
        })();
        let (out, client, request) = match args {
            Ok(args) => args,
            Err(e) => return e.into(),
        };
        let result = op.call(&client.inner, &request.fields);
        deliver(result, |verdict| *out = verdict)
    })
}

/// Turns the core's result into the outcome, handing a verdict (if any) to `put`.
fn deliver(result: Result<Verdict, Error>, put: impl FnOnce(*mut lk_verdict)) -> lk_outcome {
    match result {
        Ok(verdict) => {
            let outcome = verdict.outcome.into();
            put(lk_verdict::new(verdict).into_raw());
            outcome
        }
        Err(e) => refused(&e),
    }
}

/// A host pointer carried to the background thread; the host promised it may go there.
struct UserData(*mut c_void);

// SAFETY: the callback contract says user_data is used from a background thread.
unsafe impl Send for UserData {}

/// The `_async` form shared by every operation.
///
/// # Safety
/// As the exported `_async` operations.
unsafe fn run_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
    op: Op,
) -> lk_outcome {
    guard(|| {
        let args = (|| -> Result<_, ArgError> {
            let callback = callback.ok_or_else(|| refuse("callback", "is NULL"))?;
            // SAFETY: forwarded contract.
            let client = unsafe { lk_client::from_ptr(client) }?;
            let request = unsafe { lk_request::from_ptr(request) }?;
            Ok((callback, client.inner.clone(), request.fields.clone()))
        })();
        let (callback, client, fields) = match args {
            Ok(args) => args,
            Err(e) => return e.into(),
        };
        let user_data = UserData(user_data);
        let spawned = std::thread::Builder::new()
            .name("licensekit-async".to_owned())
            .spawn(move || {
                let user_data = user_data;
                let mut verdict = std::ptr::null_mut();
                let outcome =
                    crate::guard::guard(|| deliver(op.call(&client, &fields), |v| verdict = v));
                // The callback runs outside the guard: a C callback cannot unwind, and a
                // panic above already became INTERNAL_ERROR (with no verdict).
                let call = AssertUnwindSafe(|| unsafe { callback(user_data.0, outcome, verdict) });
                // SAFETY: the host's callback, called exactly once with its own user_data.
                let _ = panic::catch_unwind(call);
            });
        match spawned {
            Ok(_) => lk_outcome::LK_OUTCOME_VALID,
            Err(e) => {
                log::error!(target: "licensekit::ffi", "cannot start a background thread: {e}");
                lk_outcome::LK_OUTCOME_INTERNAL_ERROR
            }
        }
    })
}

// ---- every operation, blocking and _async (each a line into `run`/`run_async`) ----

/// FaxStore `check` (`POST /api/check/{product_id}`): is the license key valid for the product?
/// Uses `license_key`, `product_id` (required), `info`, `log`.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FaxStoreCheck) }
}

/// The non-blocking form of `lk_client_faxstore_check`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FaxStoreCheck) }
}

/// FaxStore `check_multiple` (`POST /api/check/multiple`): is the license key valid for any of the
/// products added with `lk_request_add_product_id`? Uses `license_key`, the product ids (1 to 256,
/// required), `info`, `log`.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check_multiple(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FaxStoreCheckMultiple) }
}

/// The non-blocking form of `lk_client_faxstore_check_multiple`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check_multiple_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        run_async(
            client,
            request,
            callback,
            user_data,
            Op::FaxStoreCheckMultiple,
        )
    }
}

/// FaxStore legacy `check_v1` (`POST /api/checkitem/{product_id}`). Uses `license_key`,
/// `product_id` (required), `info`, `log`.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check_v1(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FaxStoreCheckV1) }
}

/// The non-blocking form of `lk_client_faxstore_check_v1`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_faxstore_check_v1_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FaxStoreCheckV1) }
}

/// LicenseSpring License API v4 `activate_license`: takes a seat for this device. Uses `product`
/// (required), `license_key` or `username` + `password`, `hardware_id` (default: this machine's),
/// `license_id`, `app_ver`, `os_ver`, `hostname`, `is_vm`. Needs the API key, shared key and
/// (while verifying) the public key in the configuration.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_activate(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::LicenseSpringActivate) }
}

/// The non-blocking form of `lk_client_licensespring_activate`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_activate_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        run_async(
            client,
            request,
            callback,
            user_data,
            Op::LicenseSpringActivate,
        )
    }
}

/// LicenseSpring License API v4 `check_license`: is this device's activation valid? Uses `product`
/// (required), `license_key` or `username`, `hardware_id` (default: this machine's), `license_id`,
/// `app_ver`, `include_expired_features`.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_check(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::LicenseSpringCheck) }
}

/// The non-blocking form of `lk_client_licensespring_check`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_check_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::LicenseSpringCheck) }
}

/// LicenseSpring License API v4 `deactivate_license`: frees this device's seat
/// (`LK_OUTCOME_DEACTIVATED` on success). Uses `product` (required), `license_key` or `username`,
/// `hardware_id` (default: this machine's), `license_id`.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_deactivate(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::LicenseSpringDeactivate) }
}

/// The non-blocking form of `lk_client_licensespring_deactivate`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_licensespring_deactivate_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        run_async(
            client,
            request,
            callback,
            user_data,
            Op::LicenseSpringDeactivate,
        )
    }
}

/// LicenseSpring Management API `check_license`. Uses `product` (required), `license_key` or
/// `username`, `hardware_id` (default: this machine's). Needs the management key in the
/// configuration.
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_management_check(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::ManagementCheck) }
}

/// The non-blocking form of `lk_client_management_check`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_management_check_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::ManagementCheck) }
}

/// frameCAD `activate`: binds the license to this client and machine. Uses `client_key`,
/// `license_key`, `product_key` (required), `machine_key` (default: this machine's hardware ID for
/// the product key).
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_activate(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FrameCadActivate) }
}

/// The non-blocking form of `lk_client_framecad_activate`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_activate_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FrameCadActivate) }
}

/// frameCAD `validate` (POST; touches the license's `updated_at`). Uses `client_key`,
/// `license_key` (required), `machine_key` (default: this machine's).
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_validate(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FrameCadValidate) }
}

/// The non-blocking form of `lk_client_framecad_validate`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_validate_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FrameCadValidate) }
}

/// frameCAD `check` (GET; changes nothing on the server). Uses `client_key`, `license_key`
/// (required), `machine_key` (default: this machine's).
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_check(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FrameCadCheck) }
}

/// The non-blocking form of `lk_client_framecad_check`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_check_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FrameCadCheck) }
}

/// frameCAD `status` (GET; records a last-seen time). Uses `client_key`, `license_key` (required),
/// `machine_key` (default: this machine's).
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_status(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FrameCadStatus) }
}

/// The non-blocking form of `lk_client_framecad_status`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_status_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FrameCadStatus) }
}

/// frameCAD `deactivate`: releases the license (`LK_OUTCOME_DEACTIVATED` on success). Uses
/// `client_key`, `license_key`, `product_key` (required), `machine_key` (default: this machine's).
///
/// Blocks until the server answered (or retries and timeouts ran out). Returns the outcome and
/// writes the verdict to `*out_verdict` (set to NULL first; free it with `lk_verdict_free`).
/// The verdict is there whatever the server said, also for refusals and transport failures;
/// it stays NULL when the call was refused before asking (`LK_OUTCOME_INVALID_ARGUMENT`: NULL
/// or freed handle, a required field unset or too long; the reason is logged) or failed
/// internally (`LK_OUTCOME_INTERNAL_ERROR`). Any thread may call it on a shared client.
///
/// # Safety
/// `client`, `request` are NULL or live handles (`request` not changed during the call);
/// `out_verdict` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_deactivate(
    client: *const lk_client,
    request: *const lk_request,
    out_verdict: *mut *mut lk_verdict,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run(client, request, out_verdict, Op::FrameCadDeactivate) }
}

/// The non-blocking form of `lk_client_framecad_deactivate`: copies `request`, returns at once, and
/// calls `callback(user_data, outcome, verdict)` exactly once from a library-owned background
/// thread (see `lk_verdict_callback`). Returns `LK_OUTCOME_VALID` when the call was started;
/// `LK_OUTCOME_INVALID_ARGUMENT` (NULL or freed handle, NULL callback) or
/// `LK_OUTCOME_INTERNAL_ERROR` (no thread could be started) when it was not, and then the
/// callback is never called.
///
/// # Safety
/// `client`, `request` are NULL or live handles; `callback` is NULL or a function of the
/// `lk_verdict_callback` shape that may be called from another thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_framecad_deactivate_async(
    client: *const lk_client,
    request: *const lk_request,
    callback: lk_verdict_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe { run_async(client, request, callback, user_data, Op::FrameCadDeactivate) }
}
