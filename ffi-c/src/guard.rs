//! The one panic guard every exported function runs its body in: a Rust panic becomes
//! `LK_OUTCOME_INTERNAL_ERROR` (or a documented neutral value) instead of unwinding into C.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::outcome_enum::lk_outcome;

thread_local! {
    // How many guards this thread is inside; the panic hook stays quiet while it is > 0, so a
    // caught panic prints nothing on the host's stderr, while panics elsewhere in a Rust host
    // still reach that host's own hook.
    static GUARD_DEPTH: Cell<u32> = const { Cell::new(0) };
}

static INSTALL_HOOK: Once = Once::new();

fn install_quiet_hook() {
    INSTALL_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARD_DEPTH.with(Cell::get) > 0 {
                // Only the location: a panic payload could quote an argument (a key).
                let location = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_else(|| "unknown location".to_owned());
                log::error!(target: "licensekit::ffi", "internal error (panic at {location}); please report it");
            } else {
                previous(info);
            }
        }));
    });
}

struct Depth;

impl Depth {
    fn enter() -> Depth {
        GUARD_DEPTH.with(|d| d.set(d.get() + 1));
        Depth
    }
}

impl Drop for Depth {
    fn drop(&mut self) {
        GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs `body`, returning `on_panic` if it panics. Every exported function goes through here.
pub(crate) fn guard_or<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    install_quiet_hook();
    let _depth = Depth::enter();
    // The FFI layer holds no state that a panic could leave half-updated in a way a later call
    // would observe: handles are either fully built and registered or not at all.
    panic::catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// [`guard_or`] for functions returning an outcome: a panic is `LK_OUTCOME_INTERNAL_ERROR`.
pub(crate) fn guard(body: impl FnOnce() -> lk_outcome) -> lk_outcome {
    guard_or(lk_outcome::LK_OUTCOME_INTERNAL_ERROR, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_guard_becomes_internal_error() {
        let outcome = guard(|| panic!("boom"));
        assert_eq!(outcome, lk_outcome::LK_OUTCOME_INTERNAL_ERROR);
        assert_eq!(GUARD_DEPTH.with(Cell::get), 0);
    }

    #[test]
    fn a_normal_return_passes_through() {
        assert_eq!(guard_or(7, || 3), 3);
    }
}
