//! Finished LicenseSpring check answers (body and `LicenseSignature` header), remembered per
//! worker thread so a client polling one license is answered without rendering, allocating or
//! hashing the object again.
//!
//! An answer is reused only when everything it was made from is unchanged: the same store at
//! the same state generation (every change bumps it, see [`Version`]), the same license, device,
//! key or user name and `include_expired_features`, and a clock still inside the answer's
//! [`TimeWindow`] (so `is_expired` and feature expiry are never stale, whichever way the clock
//! moves). Lookups happen under the state lock, so the version compared is the state the
//! request's decision saw.

use crate::license_object::TimeWindow;
use crate::state::Version;
use axum::body::Bytes;
use axum::http::HeaderValue;
use std::cell::RefCell;
use time::OffsetDateTime;

/// What an answer depends on besides the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    /// Store and state generation.
    pub version: Version,
    /// Signer that signed the answer.
    pub signer: u64,
    /// Position of the license in the state.
    pub license: usize,
    /// The device asked about (part of the v1 signature).
    pub hardware_id: &'a str,
    /// License key or user name as the v1 signature uses it.
    pub who: &'a str,
    /// Whether expired features were asked for.
    pub include_expired_features: bool,
}

/// A finished answer.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The exact body bytes.
    pub body: Bytes,
    /// Its `LicenseSignature` header.
    pub signature: HeaderValue,
}

struct Entry {
    version: Version,
    signer: u64,
    license: usize,
    hardware_id: String,
    who: String,
    include_expired_features: bool,
    window: TimeWindow,
    answer: Answer,
}

impl Entry {
    fn matches(&self, key: &Key<'_>, now: OffsetDateTime) -> bool {
        self.version == key.version
            && self.signer == key.signer
            && self.license == key.license
            && self.include_expired_features == key.include_expired_features
            && self.hardware_id == key.hardware_id
            && self.who == key.who
            && self.window.contains(now)
    }
}

/// Answers remembered per thread: a few pollers per worker is the common load.
const SLOTS: usize = 4;

#[derive(Default)]
struct Memo {
    slots: [Option<Entry>; SLOTS],
    next: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The remembered answer for `key` at `now`, if any.
pub fn lookup(key: &Key<'_>, now: OffsetDateTime) -> Option<Answer> {
    MEMO.with_borrow(|memo| {
        memo.slots
            .iter()
            .flatten()
            .find(|e| e.matches(key, now))
            .map(|e| e.answer.clone())
    })
}

/// Remembers `answer` for `key` while the clock stays in `window`.
pub fn remember(key: &Key<'_>, window: TimeWindow, answer: Answer) {
    MEMO.with_borrow_mut(|memo| {
        let next = memo.next;
        memo.next = (next + 1) % SLOTS;
        memo.slots[next] = Some(Entry {
            version: key.version,
            signer: key.signer,
            license: key.license,
            hardware_id: key.hardware_id.to_string(),
            who: key.who.to_string(),
            include_expired_features: key.include_expired_features,
            window,
            answer,
        });
    });
}
