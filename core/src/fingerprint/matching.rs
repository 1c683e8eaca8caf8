//! Tolerant matching of a stored component vector against the current one.
//!
//! `score` is the weighted share of comparable components that are unchanged. The verdict
//! separates what identifies the OS installation (machine id, root filesystem) from what
//! identifies the hardware (DMI UUID and serial, physical MACs), so a reinstall on the same
//! box and a cloned image on another box are told apart from a plain change.

use serde::{Deserialize, Serialize};

use super::component::{self, Kind};
use super::{Component, Fingerprint};

/// Default threshold for [`matches()`]: half of the comparable weight, and half of the
/// comparable hardware weight, must be unchanged. A desktop read without root that loses one
/// of its two NICs keeps 0.87 overall and 0.6 of the hardware (docs/fingerprint.md has the
/// worked table).
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// What a stored fingerprint and the current one say together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchVerdict {
    /// The same installation on the same hardware (tolerating changed parts).
    #[serde(rename = "SAME")]
    Same,
    /// The OS id changed but the hardware is the same: a reinstall.
    #[serde(rename = "SAME_REINSTALLED")]
    SameReinstalled,
    /// The OS id is the same but the hardware changed: a cloned image or disk.
    #[serde(rename = "CLONE_SUSPECTED")]
    CloneSuspected,
    /// Another machine.
    #[serde(rename = "DIFFERENT")]
    Different,
}

impl MatchVerdict {
    /// `SAME`, `SAME_REINSTALLED`, `CLONE_SUSPECTED` or `DIFFERENT`.
    pub fn name(self) -> &'static str {
        match self {
            MatchVerdict::Same => "SAME",
            MatchVerdict::SameReinstalled => "SAME_REINSTALLED",
            MatchVerdict::CloneSuspected => "CLONE_SUSPECTED",
            MatchVerdict::Different => "DIFFERENT",
        }
    }
}

/// The result of [`matches()`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The verdict.
    pub verdict: MatchVerdict,
    /// Weighted share (0.0–1.0) of the comparable components that are unchanged.
    pub score: f64,
    /// Names of the components that changed (present in `stored`, different or gone now).
    pub changed: Vec<String>,
}

/// Compares `stored` with `current` using [`DEFAULT_THRESHOLD`].
pub fn matches(stored: &Fingerprint, current: &Fingerprint) -> Match {
    matches_with_threshold(stored, current, DEFAULT_THRESHOLD)
}

#[derive(Default)]
struct Tally {
    kept: f64,
    total: f64,
}

impl Tally {
    fn add(&mut self, weight: f64, kept_share: f64) {
        self.kept += weight * kept_share;
        self.total += weight;
    }
    fn share(&self) -> Option<f64> {
        (self.total > 0.0).then(|| self.kept / self.total)
    }
}

/// Compares `stored` with `current`; `threshold` (0.0–1.0) is the share of comparable weight
/// that must be unchanged. Components are compared by digest, so both vectors must come from
/// the same product. A privileged component (DMI) missing on either side is not compared (the
/// two reads may simply have run as different users); any other component present in
/// `stored` and missing now counts as changed.
pub fn matches_with_threshold(
    stored: &Fingerprint,
    current: &Fingerprint,
    threshold: f64,
) -> Match {
    let (mut all, mut hardware, mut unique_hardware) = (Tally::default(), Tally::default(), false);
    let mut install_same: Option<bool> = None;
    let mut changed = Vec::new();

    let mut names: Vec<&str> = Vec::new();
    for c in &stored.components {
        if !names.contains(&c.name.as_str()) {
            names.push(&c.name);
        }
    }
    for name in names {
        let Some(spec) = component::spec(name) else {
            continue;
        };
        let old = present_digests(&stored.components, name);
        let new = present_digests(&current.components, name);
        if old.is_empty() || spec.weight == 0 || (spec.privileged && new.is_empty()) {
            continue;
        }
        let kept = old.iter().filter(|d| new.contains(d)).count() as f64 / old.len() as f64;
        if kept < 1.0 {
            changed.push(name.to_owned());
        }
        let weight = f64::from(spec.weight);
        all.add(weight, kept);
        match spec.kind {
            Kind::Hardware => {
                hardware.add(weight, kept);
                unique_hardware = true;
            }
            Kind::Generic => hardware.add(weight, kept),
            // The machine id decides for the installation; the root filesystem only when
            // there is no machine id on the stored side.
            Kind::Install if spec.name == component::MACHINE_ID.name || install_same.is_none() => {
                install_same = Some(kept == 1.0);
            }
            Kind::Install | Kind::Info => {}
        }
    }

    let score = all.share().unwrap_or(0.0);
    // Hardware is only known when something unique to one machine was compared: a CPU model
    // alone is shared by thousands of machines.
    let hardware_same = unique_hardware.then(|| hardware.share().unwrap_or(0.0) >= threshold);
    let verdict = match (install_same, hardware_same) {
        (Some(true), Some(false)) => MatchVerdict::CloneSuspected,
        (Some(false), Some(true)) => MatchVerdict::SameReinstalled,
        (Some(true), _) if score >= threshold => MatchVerdict::Same,
        (None, _) if score >= threshold && hardware_same != Some(false) => MatchVerdict::Same,
        _ => MatchVerdict::Different,
    };
    Match {
        verdict,
        score,
        changed,
    }
}

fn present_digests<'a>(components: &'a [Component], name: &str) -> Vec<&'a str> {
    components
        .iter()
        .filter(|c| c.name == name && c.present)
        .map(|c| c.digest.as_str())
        .collect()
}
