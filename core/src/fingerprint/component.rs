//! Component names, weights and the per-product digests shown in explanations.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::algorithm::hex_lower;

/// One input of the fingerprint, as shown to users and stored for [`super::matches()`]. The raw
/// value never leaves the process: `digest` is a per-product salted hash of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// Stable name (`machine_id`, `dmi_product_uuid`, `dmi_board_serial`, `root_fs_uuid`,
    /// `mac`, `cpu`, `os_name`, `hostname`, `persistent_id`). `mac` appears once per NIC.
    pub name: String,
    /// First 16 lowercase hex digits of `SHA-256("licensekit-v1/component\0" ‖ product ‖ "\0"
    /// ‖ name ‖ "\0" ‖ value)`; empty when the component is missing.
    pub digest: String,
    /// Weight in [`super::matches()`]; 0 = shown, never counted.
    pub weight: u32,
    /// Whether this machine provided a usable value (missing, unreadable or a factory default
    /// all count as not present).
    pub present: bool,
    /// Whether the component feeds the ID (the others only feed tolerant matching).
    #[serde(default)]
    pub in_id: bool,
}

/// What a component says about the machine; drives the [`super::MatchVerdict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Identifies the OS installation: changes on reinstall, copied by cloning an image.
    Install,
    /// Identifies one physical or virtual machine: survives a reinstall, differs on a clone.
    Hardware,
    /// Shared by many machines (CPU model): weak evidence, never decisive alone.
    Generic,
    /// Shown for information; weight 0 unless opted in.
    Info,
}

/// Static description of a component.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub name: &'static str,
    pub weight: u32,
    pub kind: Kind,
    /// Readable only by root on most systems: when absent on either side it is not compared,
    /// so a vector stored as root still matches one read as a normal user.
    pub privileged: bool,
}

pub(crate) const MACHINE_ID: Spec = Spec {
    name: "machine_id",
    weight: 40,
    kind: Kind::Install,
    privileged: false,
};
pub(crate) const PERSISTENT_ID: Spec = Spec {
    name: "persistent_id",
    weight: 40,
    kind: Kind::Install,
    privileged: false,
};
pub(crate) const ROOT_FS_UUID: Spec = Spec {
    name: "root_fs_uuid",
    weight: 10,
    kind: Kind::Install,
    privileged: false,
};
pub(crate) const DMI_PRODUCT_UUID: Spec = Spec {
    name: "dmi_product_uuid",
    weight: 20,
    kind: Kind::Hardware,
    privileged: true,
};
pub(crate) const DMI_BOARD_SERIAL: Spec = Spec {
    name: "dmi_board_serial",
    weight: 10,
    kind: Kind::Hardware,
    privileged: true,
};
pub(crate) const MAC: Spec = Spec {
    name: "mac",
    weight: 20,
    kind: Kind::Hardware,
    privileged: false,
};
pub(crate) const CPU: Spec = Spec {
    name: "cpu",
    weight: 5,
    kind: Kind::Generic,
    privileged: false,
};
pub(crate) const OS_NAME: Spec = Spec {
    name: "os_name",
    weight: 0,
    kind: Kind::Info,
    privileged: false,
};
pub(crate) const HOSTNAME: Spec = Spec {
    name: "hostname",
    weight: 5,
    kind: Kind::Info,
    privileged: false,
};

const ALL: [Spec; 9] = [
    MACHINE_ID,
    PERSISTENT_ID,
    ROOT_FS_UUID,
    DMI_PRODUCT_UUID,
    DMI_BOARD_SERIAL,
    MAC,
    CPU,
    OS_NAME,
    HOSTNAME,
];

/// The spec for a stored component's name (None for names a newer version may add).
pub(crate) fn spec(name: &str) -> Option<Spec> {
    ALL.iter().copied().find(|s| s.name == name)
}

const DIGEST_DOMAIN: &[u8] = b"licensekit-v1/component\0";

/// The salted, truncated digest of one component value (see [`Component::digest`]). Salted by
/// product so two vendors' stored vectors cannot be linked.
pub(crate) fn digest(product: &str, name: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(DIGEST_DOMAIN);
    h.update(product.as_bytes());
    h.update([0u8]);
    h.update(name.as_bytes());
    h.update([0u8]);
    h.update(value.as_bytes());
    let full = h.finalize();
    hex_lower(&full[..8])
}
