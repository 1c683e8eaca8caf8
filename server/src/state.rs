//! The live state behind one mutex (so every check-then-update is atomic and concurrent
//! activations cannot oversell seats), and its `--state` file, rewritten atomically
//! (temp file + rename) after every change.

use crate::fixture::{self, Fixture};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Which state an answer was computed from: the store, and its generation, bumped under the lock
/// by every change (activation, deactivation, consumption, floating slot, admin reset or
/// fixture load). Something derived from the state and tagged with its `Version` is current
/// exactly while the store's version is still the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// Tells stores apart (tests run several servers in one process).
    pub store: u64,
    /// Changes counted so far.
    pub generation: u64,
}

/// The fixture the server started with, the live state, and where it persists.
#[derive(Debug)]
pub struct Store {
    initial: Mutex<Fixture>,
    live: Mutex<Fixture>,
    path: Option<PathBuf>,
    id: u64,
    /// Only changed while `live` is locked, so reading it under the lock is exact.
    generation: AtomicU64,
}

impl Store {
    /// A store serving `initial`, or the state in `path` when that file exists. A state file
    /// that exists but does not load is an error (never silently replaced).
    pub fn open(initial: Fixture, path: Option<PathBuf>) -> Result<Store, String> {
        let live = match &path {
            Some(p) if p.exists() => fixture::load_file(p).map_err(|e| {
                format!("{e} (the --state file is torn or corrupt; fix or delete it to start from the fixture)")
            })?,
            _ => initial.clone(),
        };
        let store = Store {
            initial: Mutex::new(initial),
            live: Mutex::new(live),
            path,
            id: NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed),
            generation: AtomicU64::new(0),
        };
        store.persist(&store.lock())?;
        Ok(store)
    }

    fn lock(&self) -> MutexGuard<'_, Fixture> {
        // A panic while holding the lock cannot leave half-applied bookkeeping behind (every
        // update validates first, then mutates), so a poisoned lock is still usable.
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the live state; when it reports a change, the state file is rewritten
    /// before the lock is released.
    pub fn update<R>(&self, f: impl FnOnce(&mut Fixture) -> (R, bool)) -> R {
        self.update_at(|live, _| f(live))
    }

    /// Like [`Store::update`], and `f` also learns the version of the state it sees. A change
    /// (`f` reporting `true`) starts a new version before the lock is released.
    pub fn update_at<R>(&self, f: impl FnOnce(&mut Fixture, Version) -> (R, bool)) -> R {
        let mut live = self.lock();
        let version = Version {
            store: self.id,
            generation: self.generation.load(Ordering::Relaxed),
        };
        let (result, changed) = f(&mut live, version);
        if changed {
            self.generation.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = self.persist(&live) {
                eprintln!("licensekit-server: {e}");
            }
        }
        result
    }

    /// Runs `f` on the live state without changing it.
    pub fn read<R>(&self, f: impl FnOnce(&Fixture) -> R) -> R {
        f(&self.lock())
    }

    /// A copy of the live state.
    pub fn snapshot(&self) -> Fixture {
        self.lock().clone()
    }

    /// Back to the fixture the server started with.
    pub fn reset(&self) {
        let initial = self
            .initial
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        self.replace(initial);
    }

    /// Serves `fixture` from now on (also what a later reset returns to).
    pub fn load(&self, fixture: Fixture) {
        *self.initial.lock().unwrap_or_else(PoisonError::into_inner) = fixture.clone();
        self.replace(fixture);
    }

    fn replace(&self, fixture: Fixture) {
        self.update(|live| {
            *live = fixture;
            ((), true)
        })
    }

    /// Writes the state file (if any) now.
    pub fn flush(&self) -> Result<(), String> {
        self.persist(&self.lock())
    }

    fn persist(&self, live: &Fixture) -> Result<(), String> {
        match &self.path {
            Some(path) => write_atomically(path, live),
            None => Ok(()),
        }
    }
}

static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(0);

fn write_atomically(path: &Path, state: &Fixture) -> Result<(), String> {
    let mut bytes =
        serde_json::to_vec_pretty(state).map_err(|e| format!("cannot encode state: {e}"))?;
    bytes.push(b'\n');
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| format!("{}: cannot write the state file: {e}", path.display()))
}
