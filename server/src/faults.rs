//! Injected faults (WireMock-style): per exact path, a status, a delay, a dropped connection,
//! a corrupted signature or an invalid JSON body, for N requests or until cleared.

use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One fault as posted to `POST /__admin/faults`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fault {
    /// Exact request path (no query string).
    pub path: String,
    /// Answer this HTTP status with the vendor's error body instead of running the endpoint
    /// (absent or 200: the endpoint answers).
    pub status: Option<u16>,
    /// Wait this long before anything else.
    pub delay_ms: u64,
    /// Close the connection without answering.
    pub drop_connection: bool,
    /// Serve a LicenseSpring answer whose signatures do not verify.
    pub corrupt_signature: bool,
    /// Serve a truncated, unparsable body.
    pub invalid_json: bool,
    /// How many requests the fault applies to; 0 = until cleared.
    pub times: u64,
    /// Raw body for an injected status (default: the vendor's error body).
    pub body: Option<String>,
}

#[derive(Debug)]
struct Armed {
    fault: Fault,
    used: u64,
}

/// The armed faults, first added first matched.
#[derive(Debug, Default)]
pub struct Faults {
    armed: Mutex<Vec<Armed>>,
    // Mirrors `armed.len()` so the common no-fault path takes no lock.
    count: AtomicUsize,
}

impl Fault {
    /// Checks the fault makes sense.
    pub fn validate(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("\"path\" must be an exact request path starting with \"/\"".into());
        }
        if self.path.starts_with("/__admin") {
            return Err("faults cannot target the admin API".into());
        }
        if let Some(status) = self.status
            && !(100..=599).contains(&status)
        {
            return Err(format!("\"status\" {status} is not an HTTP status"));
        }
        if self.delay_ms > 600_000 {
            return Err("\"delay_ms\" is above 600000 (10 minutes)".into());
        }
        Ok(())
    }
}

impl Faults {
    /// Arms a fault.
    pub fn add(&self, fault: Fault) {
        let mut armed = self.lock();
        armed.push(Armed { fault, used: 0 });
        self.count.store(armed.len(), Ordering::Release);
    }

    /// Disarms every fault.
    pub fn clear(&self) {
        let mut armed = self.lock();
        armed.clear();
        self.count.store(0, Ordering::Release);
    }

    /// The armed faults with how often each fired.
    pub fn list(&self) -> Vec<(Fault, u64)> {
        self.lock()
            .iter()
            .map(|a| (a.fault.clone(), a.used))
            .collect()
    }

    /// The fault for a request to `path`, counting it as used.
    pub fn take(&self, path: &str) -> Option<Fault> {
        let mut armed = self.lock();
        let index = armed.iter().position(|a| a.fault.path == path)?;
        let entry = &mut armed[index];
        entry.used += 1;
        let fault = entry.fault.clone();
        if fault.times != 0 && entry.used >= fault.times {
            armed.remove(index);
            self.count.store(armed.len(), Ordering::Release);
        }
        Some(fault)
    }

    /// Whether no fault is armed (checked without the lock on every request).
    pub fn is_empty(&self) -> bool {
        self.count.load(Ordering::Acquire) == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Armed>> {
        self.armed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_fires_its_number_of_times_then_disarms() {
        let faults = Faults::default();
        faults.add(Fault {
            path: "/x".into(),
            times: 2,
            ..Fault::default()
        });
        assert!(faults.take("/y").is_none());
        assert!(faults.take("/x").is_some());
        assert!(faults.take("/x").is_some());
        assert!(faults.take("/x").is_none());
        faults.add(Fault {
            path: "/x".into(),
            times: 0,
            ..Fault::default()
        });
        for _ in 0..10 {
            assert!(faults.take("/x").is_some());
        }
        faults.clear();
        assert!(faults.is_empty());
    }
}
