//! The optional log callback, the only global setting of the library. Records come from
//! licensekit's own modules only: they mask license keys and secrets (all but the last four
//! characters). Records of the HTTP and TLS crates underneath are not forwarded, because they
//! may quote URLs whose query strings carry license keys.

use std::cell::Cell;
use std::ffi::{CString, c_char, c_void};
use std::sync::{PoisonError, RwLock};

use crate::outcome_enum::lk_outcome;

/// Severity of a log record (the lower, the more severe). `LK_LOG_OFF` disables logging.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(non_camel_case_types)]
pub enum lk_log_level {
    /// No record is delivered.
    LK_LOG_OFF = 0,
    /// A call failed.
    LK_LOG_ERROR = 1,
    /// Something was refused or retried (invalid arguments are reported here).
    LK_LOG_WARN = 2,
    /// One line per request.
    LK_LOG_INFO = 3,
    /// Details of requests and answers (keys masked).
    LK_LOG_DEBUG = 4,
    /// Everything.
    LK_LOG_TRACE = 5,
}

/// Receives one log record. `user_data` is the pointer given to `lk_set_log_callback`;
/// `target` names the module (`"licensekit_core::client"`) and `message` is the text, both
/// borrowed for the duration of the call only. It may be called from any thread, including
/// the library's background threads, and concurrently: it must be thread-safe and must not
/// call `lk_set_log_callback`. It may call other licensekit functions; records they raise on
/// that thread while the callback runs are dropped.
#[allow(non_camel_case_types)]
pub type lk_log_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        level: lk_log_level,
        target: *const c_char,
        message: *const c_char,
    ),
>;

#[derive(Clone, Copy)]
struct Sink {
    callback: unsafe extern "C" fn(*mut c_void, lk_log_level, *const c_char, *const c_char),
    user_data: usize,
}

static SINK: RwLock<Option<Sink>> = RwLock::new(None);

thread_local! {
    // True while this thread runs the host's callback.
    static DELIVERING: Cell<bool> = const { Cell::new(false) };
}

struct CallbackLogger {
    // Not zero-sized, so its static has an address of its own for the identity check below.
    _id: u8,
}

static LOGGER: CallbackLogger = CallbackLogger { _id: 0 };

fn level_of(level: log::Level) -> lk_log_level {
    match level {
        log::Level::Error => lk_log_level::LK_LOG_ERROR,
        log::Level::Warn => lk_log_level::LK_LOG_WARN,
        log::Level::Info => lk_log_level::LK_LOG_INFO,
        log::Level::Debug => lk_log_level::LK_LOG_DEBUG,
        log::Level::Trace => lk_log_level::LK_LOG_TRACE,
    }
}

fn filter_of(level: lk_log_level) -> log::LevelFilter {
    match level {
        lk_log_level::LK_LOG_OFF => log::LevelFilter::Off,
        lk_log_level::LK_LOG_ERROR => log::LevelFilter::Error,
        lk_log_level::LK_LOG_WARN => log::LevelFilter::Warn,
        lk_log_level::LK_LOG_INFO => log::LevelFilter::Info,
        lk_log_level::LK_LOG_DEBUG => log::LevelFilter::Debug,
        lk_log_level::LK_LOG_TRACE => log::LevelFilter::Trace,
    }
}

/// A C string from log text; an interior NUL (never produced by licensekit) is replaced.
fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

impl log::Log for CallbackLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        licensekit_core::secret::is_own_log_target(metadata.target())
            && metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) || DELIVERING.with(Cell::get) {
            // A record raised while this thread is inside the callback (the callback called a
            // licensekit function that logs) is dropped: delivering it would recurse.
            return;
        }
        // The read lock is held while the callback runs, so `lk_set_log_callback` returns only
        // once no thread is still inside the previous callback.
        let sink = SINK.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(sink) = *sink {
            let target = c_text(record.target());
            let message = c_text(&record.args().to_string());
            DELIVERING.with(|d| d.set(true));
            // SAFETY: the callback was given by the host with this user_data, and promises
            // thread-safety; the strings live until it returns.
            unsafe {
                (sink.callback)(
                    sink.user_data as *mut c_void,
                    level_of(record.level()),
                    target.as_ptr(),
                    message.as_ptr(),
                )
            };
            DELIVERING.with(|d| d.set(false));
        }
    }

    fn flush(&self) {}
}

/// Sets (or, with a NULL `callback` or `LK_LOG_OFF`, removes) the process-wide log callback:
/// records at `level` or more severe are passed to `callback(user_data, ...)`. License keys,
/// API keys and shared keys appear masked (all but the last 4 characters) in every record.
///
/// Returns `LK_OUTCOME_VALID`; `LK_OUTCOME_INVALID_ARGUMENT` for a level above
/// `LK_LOG_TRACE`; `LK_OUTCOME_INTERNAL_ERROR` when the process already has another Rust
/// logger installed (a Rust host using the `log` crate), which then keeps receiving the
/// records. Any thread may call it. It waits for deliveries in progress on other threads: once
/// it returns, the previous callback is never called again and its `user_data` may be freed.
///
/// # Safety
/// `callback` is NULL or a function of the `lk_log_callback` shape that stays callable, with
/// `user_data`, until it is replaced or removed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lk_set_log_callback(
    level: u32,
    callback: lk_log_callback,
    user_data: *mut c_void,
) -> lk_outcome {
    crate::guard::guard(|| {
        let level = match level {
            0 => lk_log_level::LK_LOG_OFF,
            1 => lk_log_level::LK_LOG_ERROR,
            2 => lk_log_level::LK_LOG_WARN,
            3 => lk_log_level::LK_LOG_INFO,
            4 => lk_log_level::LK_LOG_DEBUG,
            5 => lk_log_level::LK_LOG_TRACE,
            _ => return crate::args::refuse("level", "is not an lk_log_level").into(),
        };
        // `set_logger` succeeds once per process; afterwards our logger is in place or another
        // one is, which is told apart by pointer identity.
        let _ = log::set_logger(&LOGGER);
        if !std::ptr::addr_eq(log::logger(), &LOGGER) {
            return lk_outcome::LK_OUTCOME_INTERNAL_ERROR;
        }
        let sink = callback.map(|callback| Sink {
            callback,
            user_data: user_data as usize,
        });
        let level = if sink.is_none() {
            lk_log_level::LK_LOG_OFF
        } else {
            level
        };
        *SINK.write().unwrap_or_else(PoisonError::into_inner) = sink;
        log::set_max_level(filter_of(level));
        lk_outcome::LK_OUTCOME_VALID
    })
}
