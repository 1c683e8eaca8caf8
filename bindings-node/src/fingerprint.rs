//! `hardwareId()`, `fingerprint()`, `matchFingerprints()` and `environment()`: the core's
//! fingerprint module as plain JS objects. Every answer is cached by the core, so these are
//! synchronous.

use licensekit_core::fingerprint::{self as core, Algorithm, FingerprintError};
use napi::Status;
use napi_derive::napi;

use crate::options::invalid;

/// Which machine ID, for which product.
#[napi(object)]
#[derive(Debug, Default)]
pub struct HardwareIdOptions {
    /// The product the ID is for: IDs are salted per product, so two vendors' IDs for one
    /// machine cannot be linked. Default `''`.
    pub product: Option<String>,
    /// `'licensekit-v1'` (default) or `'licensespring-compat'` (what LicenseSpring's own SDKs
    /// send on Linux, so migrated activations keep matching).
    #[napi(ts_type = "'licensekit-v1' | 'licensespring-compat'")]
    pub algorithm: Option<String>,
}

/// One input of a fingerprint. The raw value never leaves the process: `digest` is a salted
/// per-product hash of it.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Component {
    /// `machine_id`, `dmi_product_uuid`, `dmi_board_serial`, `root_fs_uuid`, `mac`, `cpu`,
    /// `os_name`, `hostname` or `persistent_id`; `mac` appears once per network card.
    pub name: String,
    /// 16 lowercase hex digits; empty when the component is missing.
    pub digest: String,
    /// Weight in `matchFingerprints`; 0 = shown, never counted.
    pub weight: u32,
    /// Whether this machine provided a usable value.
    pub present: bool,
    /// Whether the component feeds the ID (the others only feed tolerant matching).
    pub in_id: bool,
}

/// A machine ID with the components that explain it. Store it (`JSON.stringify`) next to an
/// activation and pass it to `matchFingerprints` later.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// The ID, as `hardwareId()` returns it for the same product and algorithm.
    pub id: String,
    /// `'licensekit-v1'` or `'licensespring-compat'`.
    #[napi(ts_type = "'licensekit-v1' | 'licensespring-compat'")]
    pub algorithm: String,
    /// Every component this platform knows, present or not, in a stable order.
    pub components: Vec<Component>,
}

/// What a stored fingerprint and the current one say together.
#[napi(object)]
#[derive(Debug)]
pub struct FingerprintMatch {
    /// `'SAME'`, `'SAME_REINSTALLED'` (new OS, same hardware), `'CLONE_SUSPECTED'` (same OS,
    /// other hardware) or `'DIFFERENT'`.
    #[napi(ts_type = "'SAME' | 'SAME_REINSTALLED' | 'CLONE_SUSPECTED' | 'DIFFERENT'")]
    pub verdict: String,
    /// Weighted share (0 to 1) of the comparable components that are unchanged.
    pub score: f64,
    /// Names of the components that changed.
    pub changed: Vec<String>,
}

/// What this process appears to run in, with the evidence. licensekit never refuses anything
/// because of it; the application decides.
#[napi(object)]
#[derive(Debug)]
pub struct Environment {
    /// A hypervisor is present.
    pub vm: bool,
    /// A container runtime is present.
    pub container: bool,
    /// Windows Subsystem for Linux.
    pub wsl: bool,
    /// Each observation, e.g. `'dmi sys_vendor=QEMU'`, `'file /.dockerenv'`.
    pub evidence: Vec<String>,
}

fn fingerprint_error(err: FingerprintError) -> napi::Error {
    match err {
        FingerprintError::UnknownAlgorithm(_) | FingerprintError::InvalidStored(_) => {
            invalid(err.to_string())
        }
        FingerprintError::NoMachineId | FingerprintError::PersistentId(_) => {
            napi::Error::new(Status::GenericFailure, err.to_string())
        }
    }
}

fn algorithm(name: Option<&str>) -> napi::Result<Algorithm> {
    name.map_or(Ok(Algorithm::Default), |n| {
        Algorithm::from_name(n).map_err(fingerprint_error)
    })
}

impl From<&core::Fingerprint> for Fingerprint {
    fn from(f: &core::Fingerprint) -> Self {
        Fingerprint {
            id: f.id.clone(),
            algorithm: f.algorithm.name().to_owned(),
            components: f
                .components
                .iter()
                .map(|c| Component {
                    name: c.name.clone(),
                    digest: c.digest.clone(),
                    weight: c.weight,
                    present: c.present,
                    in_id: c.in_id,
                })
                .collect(),
        }
    }
}

impl Fingerprint {
    fn to_core(&self, name: &str) -> napi::Result<core::Fingerprint> {
        Ok(core::Fingerprint {
            id: self.id.clone(),
            algorithm: Algorithm::from_name(&self.algorithm)
                .map_err(|e| invalid(format!("{name}.algorithm: {e}")))?,
            components: self
                .components
                .iter()
                .map(|c| core::Component {
                    name: c.name.clone(),
                    digest: c.digest.clone(),
                    weight: c.weight,
                    present: c.present,
                    in_id: c.in_id,
                })
                .collect(),
        })
    }
}

/// This machine's ID for a product (`A53F-0CBC-…`), computed once per product and process and
/// then served from a cache: reads files and `cpuid` only, spawns nothing, never fails.
#[napi]
pub fn hardware_id(options: Option<HardwareIdOptions>) -> napi::Result<String> {
    let options = options.unwrap_or_default();
    let product = options.product.as_deref().unwrap_or("");
    match algorithm(options.algorithm.as_deref())? {
        Algorithm::Default => Ok(core::hardware_id(product)),
        other => core::fingerprint(product, other)
            .map(|f| f.id)
            .map_err(fingerprint_error),
    }
}

/// This machine's ID for a product with the components that explain it (digests only).
#[napi]
pub fn fingerprint(options: Option<HardwareIdOptions>) -> napi::Result<Fingerprint> {
    let options = options.unwrap_or_default();
    let product = options.product.as_deref().unwrap_or("");
    let algorithm = algorithm(options.algorithm.as_deref())?;
    core::fingerprint(product, algorithm)
        .map(|f| Fingerprint::from(&f))
        .map_err(fingerprint_error)
}

/// Compares a stored fingerprint with the current one, tolerating changed parts.
#[napi]
pub fn match_fingerprints(
    stored: Fingerprint,
    current: Fingerprint,
) -> napi::Result<FingerprintMatch> {
    let m = core::matches(&stored.to_core("stored")?, &current.to_core("current")?);
    Ok(FingerprintMatch {
        verdict: m.verdict.name().to_owned(),
        score: m.score,
        changed: m.changed,
    })
}

/// VM, container and WSL evidence for this process (computed once).
#[napi]
pub fn environment() -> Environment {
    let e = core::environment();
    Environment {
        vm: e.vm,
        container: e.container,
        wsl: e.wsl,
        evidence: e.evidence,
    }
}
