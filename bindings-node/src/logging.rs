//! Log events of the core (`log` crate records: attempts, retries) delivered to a JS callback.
//!
//! Only licensekit's own records are forwarded; the core masks every key in them. Records are queued to the JS thread
//! (a ThreadsafeFunction); the callback never keeps the process alive.

use std::sync::{Once, RwLock};

use licensekit_core::secret::is_own_log_target;
use napi::Status;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

/// One log record of the core.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct LogEvent {
    /// `'error'`, `'warn'`, `'info'`, `'debug'` or `'trace'`.
    pub level: String,
    /// Where it came from (`'licensekit_core::client'`).
    pub target: String,
    /// The text, with every key masked.
    pub message: String,
}

/// A JS callback called with one `LogEvent`; weak, so it never keeps the event loop alive.
type Callback = ThreadsafeFunction<LogEvent, (), LogEvent, Status, false, true>;

static SINK: RwLock<Option<Callback>> = RwLock::new(None);
static INSTALL: Once = Once::new();

struct Forwarder;

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        is_own_log_target(metadata.target()) && SINK.read().map(|s| s.is_some()).unwrap_or(false)
    }

    fn log(&self, record: &log::Record<'_>) {
        if !is_own_log_target(record.target()) {
            return;
        }
        let Ok(sink) = SINK.read() else { return };
        if let Some(callback) = sink.as_ref() {
            let event = LogEvent {
                level: record.level().as_str().to_ascii_lowercase(),
                target: record.target().to_owned(),
                message: record.args().to_string(),
            };
            // NonBlocking: a log line must never stall a license check.
            callback.call(event, ThreadsafeFunctionCallMode::NonBlocking);
        }
    }

    fn flush(&self) {}
}

fn level_filter(level: Option<&str>) -> napi::Result<log::LevelFilter> {
    match level.unwrap_or("info") {
        "error" => Ok(log::LevelFilter::Error),
        "warn" => Ok(log::LevelFilter::Warn),
        "info" => Ok(log::LevelFilter::Info),
        "debug" => Ok(log::LevelFilter::Debug),
        "trace" => Ok(log::LevelFilter::Trace),
        other => Err(crate::options::invalid(format!(
            "level must be 'error', 'warn', 'info', 'debug' or 'trace', got '{other}'"
        ))),
    }
}

/// Sends the core's log events at `level` (default `'info'`) and above to `callback`, or stops
/// sending them when `callback` is null. Events arrive on the JS thread, asynchronously.
#[napi(
    ts_args_type = "callback: ((event: LogEvent) => void) | null, level?: 'error' | 'warn' | 'info' | 'debug' | 'trace'"
)]
pub fn set_logger(callback: Option<Callback>, level: Option<String>) -> napi::Result<()> {
    let filter = level_filter(level.as_deref())?;
    INSTALL.call_once(|| {
        // Fails only when the host process installed another `log` logger first; then there is
        // nothing to forward to, and the callback simply receives nothing.
        let _ = log::set_logger(&Forwarder);
    });
    let enabled = callback.is_some();
    *SINK
        .write()
        .map_err(|_| napi::Error::from_reason("logger lock poisoned"))? = callback;
    log::set_max_level(if enabled {
        filter
    } else {
        log::LevelFilter::Off
    });
    Ok(())
}
