//! The process-wide cache behind [`super::hardware_id`] and [`super::fingerprint`].
//!
//! The machine is read once per process (one [`Reader`]); IDs are cached per (product,
//! algorithm). The most recent `hardware_id` answer sits behind one atomic pointer, so the
//! common case — an app asking for its own product's ID again and again — is a pointer load,
//! a string compare and a copy, without a lock.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::{Algorithm, Environment, Fingerprint, FingerprintError, Reader};

/// At most this many products are cached; beyond that IDs are computed on each call (still
/// from the cached machine reads), so a caller looping over arbitrary product names cannot
/// grow memory without bound.
const MAX_PRODUCTS: usize = 256;

struct IdEntry {
    product: Box<str>,
    id: Box<str>,
}

static READER: OnceLock<Reader> = OnceLock::new();
static PERSISTENT: OnceLock<PathBuf> = OnceLock::new();
static LAST_ID: AtomicPtr<IdEntry> = AtomicPtr::new(std::ptr::null_mut());
static IDS: Mutex<Vec<&'static IdEntry>> = Mutex::new(Vec::new());
#[allow(clippy::type_complexity)]
static VECTORS: OnceLock<Mutex<HashMap<(Box<str>, Algorithm), Arc<Fingerprint>>>> = OnceLock::new();

pub(crate) fn reader() -> &'static Reader {
    READER.get_or_init(|| match PERSISTENT.get() {
        Some(path) => Reader::system().with_persistent_id(path.clone()),
        None => Reader::system(),
    })
}

pub(crate) fn enable_persistent_id(path: PathBuf) -> Result<(), FingerprintError> {
    if READER.get().is_some() || PERSISTENT.set(path).is_err() {
        return Err(FingerprintError::PersistentId(
            "enable it before the first hardware ID is computed in this process".to_owned(),
        ));
    }
    Ok(())
}

pub(crate) fn hardware_id(product: &str) -> String {
    let last = LAST_ID.load(Ordering::Acquire);
    // SAFETY: LAST_ID only ever holds null or a leaked, never-freed, immutable &'static IdEntry.
    if let Some(entry) = unsafe { last.as_ref() }
        && *entry.product == *product
    {
        return entry.id.to_string();
    }
    let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
    let entry = match ids.iter().find(|e| *e.product == *product) {
        Some(entry) => *entry,
        None => {
            let id = reader().hardware_id(product);
            if ids.len() >= MAX_PRODUCTS {
                return id;
            }
            // Leaked on purpose: entries live for the process (bounded by MAX_PRODUCTS), which
            // is what lets the fast path read them without a lock or a reference count.
            let entry: &'static IdEntry = Box::leak(Box::new(IdEntry {
                product: product.into(),
                id: id.into_boxed_str(),
            }));
            ids.push(entry);
            entry
        }
    };
    LAST_ID.store(std::ptr::from_ref(entry).cast_mut(), Ordering::Release);
    entry.id.to_string()
}

pub(crate) fn fingerprint(
    product: &str,
    algorithm: Algorithm,
) -> Result<Fingerprint, FingerprintError> {
    let map = VECTORS.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (Box::<str>::from(product), algorithm);
    if let Some(fp) = map.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Fingerprint::clone(fp));
    }
    // Computed outside the lock: reading the machine must not block other products' hits.
    let fp = reader().fingerprint(product, algorithm)?;
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() < MAX_PRODUCTS {
        map.insert(key, Arc::new(fp.clone()));
    }
    Ok(fp)
}

pub(crate) fn environment() -> Environment {
    reader().environment()
}
