//! Opaque handles and the set of live ones. Every handle given to C is registered here on
//! `_new` and removed on `_free`, so a freed-twice handle (or a handle of another type, or a
//! stray pointer) is detected by lookup instead of by reading freed memory.
//!
//! Limit (documented in the header): once freed, an address may be reused by a new handle of
//! the same type; a stale pointer then names that new handle. This is bookkeeping only, not
//! configuration: the library has no other global state except the optional log callback.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::args::{ArgError, refuse};

/// Which type a registered address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    ClientConfig,
    Client,
    Request,
    Verdict,
}

static LIVE: Mutex<Option<HashSet<(usize, Kind)>>> = Mutex::new(None);

fn live() -> MutexGuard<'static, Option<HashSet<(usize, Kind)>>> {
    // A panic while holding this lock cannot leave the set inconsistent (single inserts/removes).
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A Rust type handed to C as an opaque pointer.
pub(crate) trait Handle: Sized {
    /// The kind this type registers as.
    const KIND: Kind;
    /// The name used in error messages (`"client"`).
    const NAME: &'static str;

    /// Moves `self` to the heap, registers it and returns the pointer C receives.
    fn into_raw(self) -> *mut Self {
        let ptr = Box::into_raw(Box::new(self));
        live()
            .get_or_insert_with(HashSet::new)
            .insert((ptr as usize, Self::KIND));
        ptr
    }

    /// The live handle behind `ptr`; NULL, freed or foreign pointers are refused.
    ///
    /// # Safety
    /// A registered pointer stays valid until [`Handle::free_raw`] removes it; callers must not
    /// free a handle while another thread is still using it.
    unsafe fn from_ptr<'a>(ptr: *const Self) -> Result<&'a Self, ArgError> {
        if ptr.is_null() {
            return Err(refuse(Self::NAME, "is NULL"));
        }
        let registered = live()
            .as_ref()
            .is_some_and(|set| set.contains(&(ptr as usize, Self::KIND)));
        if !registered {
            return Err(refuse(Self::NAME, "is not a live handle (freed already?)"));
        }
        // SAFETY: registered, so it came from `into_raw` and has not been freed.
        Ok(unsafe { &*ptr })
    }

    /// [`Handle::from_ptr`] for the setters of builder handles.
    ///
    /// # Safety
    /// As [`Handle::from_ptr`], and no other thread uses the handle during the call.
    unsafe fn from_ptr_mut<'a>(ptr: *mut Self) -> Result<&'a mut Self, ArgError> {
        // SAFETY: forwarded contract; exclusive use is the caller's promise.
        unsafe { Self::from_ptr(ptr) }?;
        Ok(unsafe { &mut *ptr })
    }

    /// Unregisters and drops the handle. NULL is a no-op (`Ok`); a pointer that is not live
    /// is refused without being touched.
    ///
    /// # Safety
    /// As [`Handle::from_ptr`].
    unsafe fn free_raw(ptr: *mut Self) -> Result<(), ArgError> {
        if ptr.is_null() {
            return Ok(());
        }
        let removed = live()
            .as_mut()
            .is_some_and(|set| set.remove(&(ptr as usize, Self::KIND)));
        if !removed {
            return Err(refuse(Self::NAME, "is not a live handle (freed twice?)"));
        }
        // SAFETY: it was registered, so it came from `Box::into_raw`, and it is now removed, so
        // no second free can reach here.
        drop(unsafe { Box::from_raw(ptr) });
        Ok(())
    }
}
