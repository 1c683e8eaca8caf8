//! OS name and hostname: shown in explanations, never part of the ID (they change on upgrades
//! and renames, which are not a different machine).

use std::path::Path;

use super::reader::read_small;

/// `NAME` from os-release (`/etc/os-release`, then `/usr/lib/os-release`) — the distribution,
/// without its version, so an OS update does not change it.
pub(crate) fn os_name(root: &Path) -> Option<String> {
    let text = read_small(&root.join("etc/os-release"))
        .or_else(|| read_small(&root.join("usr/lib/os-release")))?;
    let value = text.lines().find_map(|l| l.strip_prefix("NAME="))?;
    let value = value.trim().trim_matches('"').trim_matches('\'').trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The kernel's hostname (`/proc/sys/kernel/hostname`, then `/etc/hostname`).
pub(crate) fn hostname(root: &Path) -> Option<String> {
    let text = read_small(&root.join("proc/sys/kernel/hostname"))
        .or_else(|| read_small(&root.join("etc/hostname")))?;
    let value = text.trim();
    (!value.is_empty()).then(|| value.to_owned())
}
