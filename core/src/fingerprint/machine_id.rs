//! The OS machine id (`/etc/machine-id`, then `/var/lib/dbus/machine-id`), with the traps that
//! make peers hand one ID to many hosts.

/// Where the machine id lives, in the order systemd and D-Bus consult them.
pub(crate) const PATHS: [&str; 2] = ["etc/machine-id", "var/lib/dbus/machine-id"];

/// Returns the trimmed machine id if it identifies a machine. Empty (what Ubuntu base images
/// ship), `uninitialized` (systemd's first-boot marker), all-zero and anything that is not 32
/// hex digits count as missing: hashing them would give one shared ID to every such host.
pub(crate) fn validate(raw: &str) -> Option<&str> {
    let trimmed = raw.trim();
    let is_hex32 = trimmed.len() == 32 && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_hex32 || trimmed.bytes().all(|b| b == b'0') {
        return None;
    }
    Some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn placeholders_are_not_machine_ids() {
        for raw in [
            "",
            "\n",
            "uninitialized\n",
            "00000000000000000000000000000000\n",
            "abc",
        ] {
            assert_eq!(validate(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn a_real_machine_id_is_trimmed() {
        assert_eq!(
            validate(" 3d1219c7c4c5404aaa1f6d2a48adfda4\n"),
            Some("3d1219c7c4c5404aaa1f6d2a48adfda4")
        );
    }
}
