//! `lk_client_config`: the client's settings, set one by one (an opaque builder, so the ABI
//! grows by adding setters). Read by `lk_client_new`, which copies what it needs.

use std::ffi::c_char;
use std::time::Duration;

use licensekit_core::ClientConfig;

use crate::args::{ArgError, MAX_PEM_LEN, out_ptr, str_arg, string_arg};
use crate::guard::guard;
use crate::handle::{Handle, Kind};
use crate::outcome_enum::lk_outcome;

/// Settings for `lk_client_new` (opaque). Defaults: connect timeout 10 s, per-attempt
/// timeout 30 s, 2 retries with 200 ms to 5 s exponential backoff, proxy from the
/// `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` variables, plain HTTP refused except to loopback,
/// LicenseSpring signatures verified. Not thread-safe while being changed; free it with
/// `lk_client_config_free` (clients built from it do not need it any more).
#[derive(Debug, Default)]
pub struct lk_client_config {
    pub(crate) inner: ClientConfig,
}

impl Handle for lk_client_config {
    const KIND: Kind = Kind::ClientConfig;
    const NAME: &'static str = "config";
}

/// Creates a configuration with the defaults and writes it to `*out_config` (set to NULL
/// first). Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `out_config` is
/// NULL.
///
/// # Safety
/// `out_config` is NULL or valid for one pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_new(
    out_config: *mut *mut lk_client_config,
) -> lk_outcome {
    guard(|| {
        // SAFETY: forwarded contract.
        match unsafe { out_ptr(out_config, "out_config") } {
            Ok(out) => {
                *out = lk_client_config::default().into_raw();
                lk_outcome::LK_OUTCOME_VALID
            }
            Err(e) => e.into(),
        }
    })
}

/// Frees a configuration. NULL is a no-op (`LK_OUTCOME_VALID`); a configuration that is not
/// live (freed already) is left alone and gives `LK_OUTCOME_INVALID_ARGUMENT`.
///
/// # Safety
/// `config` is NULL or a pointer from `lk_client_config_new`, not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_free(config: *mut lk_client_config) -> lk_outcome {
    guard(|| match unsafe { lk_client_config::free_raw(config) } {
        Ok(()) => lk_outcome::LK_OUTCOME_VALID,
        Err(e) => e.into(),
    })
}

/// Applies `set` to the live configuration behind `config`.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
unsafe fn with_config(
    config: *mut lk_client_config,
    set: impl FnOnce(&mut ClientConfig) -> Result<(), ArgError>,
) -> lk_outcome {
    guard(|| {
        // SAFETY: forwarded contract.
        match unsafe { lk_client_config::from_ptr_mut(config) }.and_then(|c| set(&mut c.inner)) {
            Ok(()) => lk_outcome::LK_OUTCOME_VALID,
            Err(e) => e.into(),
        }
    })
}

/// Sets the server's base URL (required), e.g. `"https://license.example.com"`. Plain `http`
/// is accepted by `lk_client_new` only for loopback hosts unless
/// `lk_client_config_set_allow_insecure_http` allows it.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `url` is NULL, not UTF-8 or longer than 4096 bytes. The URL itself is checked by
/// `lk_client_new`.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `url` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_base_url(
    config: *mut lk_client_config,
    url: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.base_url = string_arg(url, "url")?;
            Ok(())
        })
    }
}

/// Allows plain `http` base URLs to hosts other than loopback (keys then travel unencrypted).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_allow_insecure_http(
    config: *mut lk_client_config,
    allow: bool,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.allow_insecure_http = allow;
            Ok(())
        })
    }
}

/// Sets the connect timeout and the timeout of each attempt, in milliseconds (0 keeps the
/// current value of that one).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_timeouts(
    config: *mut lk_client_config,
    connect_timeout_ms: u64,
    timeout_ms: u64,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            if connect_timeout_ms > 0 {
                c.connect_timeout = Duration::from_millis(connect_timeout_ms);
            }
            if timeout_ms > 0 {
                c.timeout = Duration::from_millis(timeout_ms);
            }
            Ok(())
        })
    }
}

/// Sets the retry policy for retryable outcomes (rate limit, server error, network failure,
/// timeout): at most `max_retries` more attempts, waiting from `initial_backoff_ms` doubling
/// up to `max_backoff_ms`, with jitter. `max_retries` 0 disables retries.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `initial_backoff_ms` exceeds `max_backoff_ms`.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_retries(
    config: *mut lk_client_config,
    max_retries: u32,
    initial_backoff_ms: u64,
    max_backoff_ms: u64,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            if initial_backoff_ms > max_backoff_ms {
                return Err(crate::args::refuse(
                    "initial_backoff_ms",
                    "exceeds max_backoff_ms",
                ));
            }
            c.retries.max_retries = max_retries;
            c.retries.initial_backoff = Duration::from_millis(initial_backoff_ms);
            c.retries.max_backoff = Duration::from_millis(max_backoff_ms);
            Ok(())
        })
    }
}

/// Sets an explicit proxy URL (`"http://proxy:3128"`); without one the standard
/// `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` variables apply.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `proxy_url` is NULL, not UTF-8 or longer than 4096 bytes.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `proxy_url` is NULL
/// or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_proxy(
    config: *mut lk_client_config,
    proxy_url: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.proxy = Some(string_arg(proxy_url, "proxy_url")?);
            Ok(())
        })
    }
}

/// Adds trusted CA certificates (PEM text, one or more certificates) to the built-in roots.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `pem` is NULL, not UTF-8 or longer than 1 MiB. The PEM itself is checked by `lk_client_new`.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `pem` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_add_ca_pem(
    config: *mut lk_client_config,
    pem: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.extra_ca_certs_pem
                .push(str_arg(pem, "pem", MAX_PEM_LEN)?.to_owned());
            Ok(())
        })
    }
}

/// Sets the `User-Agent` header (default `"licensekit/<version>"`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `user_agent` is NULL, not UTF-8 or longer than 4096 bytes.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `user_agent` is NULL
/// or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_user_agent(
    config: *mut lk_client_config,
    user_agent: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.user_agent = Some(string_arg(user_agent, "user_agent")?);
            Ok(())
        })
    }
}

/// Sets the LicenseSpring License API key and shared key (both needed for the License API v4
/// calls, which are HMAC-signed). Either may be NULL to leave it unchanged. Never logged
/// unmasked.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or a
/// non-NULL key is not UTF-8 or longer than 4096 bytes.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; each key is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_licensespring_keys(
    config: *mut lk_client_config,
    api_key: *const c_char,
    shared_key: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            let api = optional(api_key, "api_key")?;
            let shared = optional(shared_key, "shared_key")?;
            if api.is_some() {
                c.licensespring.api_key = api;
            }
            if shared.is_some() {
                c.licensespring.shared_key = shared;
            }
            Ok(())
        })
    }
}

/// Sets the LicenseSpring Management API key (for `lk_client_management_check`).
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `api_key` is NULL, not UTF-8 or longer than 4096 bytes.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `api_key` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_management_key(
    config: *mut lk_client_config,
    api_key: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.licensespring.management_api_key = Some(string_arg(api_key, "api_key")?);
            Ok(())
        })
    }
}

/// Sets the PEM (SPKI) public key that verifies LicenseSpring response signatures. Required
/// for License API calls while signature verification is on.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live or
/// `pem` is NULL, not UTF-8 or longer than 1 MiB. The key itself is checked by `lk_client_new`.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread; `pem` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_licensespring_public_key(
    config: *mut lk_client_config,
    pem: *const c_char,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.licensespring.public_key_pem = Some(str_arg(pem, "pem", MAX_PEM_LEN)?.to_owned());
            Ok(())
        })
    }
}

/// Turns LicenseSpring response-signature verification on (the default) or off. Off means a
/// forged answer is believed: only for tests against servers without a key.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_verify_signatures(
    config: *mut lk_client_config,
    verify: bool,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.licensespring.verify_signatures = verify;
            Ok(())
        })
    }
}

/// Sets how far a LicenseSpring response `Date` may be from this machine's clock, in seconds
/// (default 900); further off gives `LK_OUTCOME_SIGNATURE_INVALID`.
///
/// Returns `LK_OUTCOME_VALID`, or `LK_OUTCOME_INVALID_ARGUMENT` when `config` is not live.
///
/// # Safety
/// `config` is NULL or a live configuration not used by another thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_client_config_set_max_clock_skew(
    config: *mut lk_client_config,
    seconds: u64,
) -> lk_outcome {
    // SAFETY: forwarded contract.
    unsafe {
        with_config(config, |c| {
            c.licensespring.max_clock_skew = Duration::from_secs(seconds);
            Ok(())
        })
    }
}

/// An optional string argument: NULL is `None`, anything else must be valid.
///
/// # Safety
/// `ptr` is NULL or a NUL-terminated string.
unsafe fn optional(ptr: *const c_char, name: &str) -> Result<Option<String>, ArgError> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { string_arg(ptr, name) }.map(Some)
}
