//! MAC addresses of physical NICs only, read from sysfs (no full network refresh).
//!
//! A NIC counts when it is not virtual by name or by sysfs location, its address is the
//! permanent one, and that address is a globally unique (not locally administered, not
//! multicast, not all-zero) 48-bit MAC. That keeps VPN, Docker, bridge and veth adapters and
//! rotated (randomised) MACs out, so they cannot change anything.

use std::path::Path;

/// Directory of the network interfaces, relative to the filesystem root.
pub(crate) const DIR: &str = "sys/class/net";

/// Name prefixes of software interfaces (containers, bridges, VPNs, tunnels, overlays).
const VIRTUAL_PREFIXES: [&str; 30] = [
    "docker",
    "veth",
    "br-",
    "virbr",
    "vmnet",
    "vboxnet",
    "tun",
    "tap",
    "wg",
    "zt",
    "tailscale",
    "ts",
    "utun",
    "lxc",
    "lxdbr",
    "cni",
    "flannel",
    "cali",
    "vxlan",
    "kube",
    "podman",
    "ifb",
    "dummy",
    "nordlynx",
    "ppp",
    "gre",
    "sit",
    "ip6tnl",
    "ham",
    "cilium",
];

/// Whether an interface name is a software interface that must never count.
pub(crate) fn is_virtual_name(name: &str) -> bool {
    name == "lo" || VIRTUAL_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Parses `aa:bb:cc:dd:ee:ff` and returns it normalised (lowercase) if it is a globally
/// unique unicast address: locally administered (bit 0x02 of the first octet; what VPNs,
/// containers and MAC randomisation use), multicast and all-zero addresses are refused.
pub(crate) fn usable_mac(raw: &str) -> Option<String> {
    let v = raw.trim();
    let mut bytes = [0u8; 6];
    let mut n = 0;
    for part in v.split(':') {
        if n == 6 || part.len() != 2 {
            return None;
        }
        bytes[n] = u8::from_str_radix(part, 16).ok()?;
        n += 1;
    }
    if n != 6 || bytes == [0; 6] || bytes[0] & 0x03 != 0 {
        return None;
    }
    Some(v.to_ascii_lowercase())
}

/// How the kernel says the current address came to be (`addr_assign_type`).
enum Assign {
    /// 0: the permanent (burnt-in) address.
    Permanent,
    /// 3: set by user space; the permanent one may still be readable.
    Set,
    /// 1 random, 2 stolen (bonds), or unknown: not identity.
    Other,
}

fn assign_type(dir: &Path) -> Assign {
    match super::reader::read_small(&dir.join("addr_assign_type"))
        .as_deref()
        .map(str::trim)
    {
        Some("0") | None => Assign::Permanent,
        Some("3") => Assign::Set,
        Some(_) => Assign::Other,
    }
}

/// The usable MACs of physical NICs under `root`, sorted and de-duplicated. `system` allows
/// asking the kernel for the permanent address of an interface whose address was changed
/// (only meaningful when `root` is the real `/`).
pub(crate) fn physical_macs(root: &Path, system: bool) -> Vec<String> {
    let dir = root.join(DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut macs = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_virtual_name(name) {
            continue;
        }
        let path = entry.path();
        // Interfaces without a device behind them live under /sys/devices/virtual/net.
        if let Ok(target) = std::fs::read_link(&path)
            && target.to_string_lossy().contains("devices/virtual/")
        {
            continue;
        }
        let address = match assign_type(&path) {
            Assign::Permanent => super::reader::read_small(&path.join("address")),
            Assign::Set if system => permanent_address(name),
            _ => None,
        };
        if let Some(mac) = address.as_deref().and_then(usable_mac) {
            macs.push(mac);
        }
    }
    macs.sort();
    macs.dedup();
    macs
}

/// The burnt-in address via the `ETHTOOL_GPERMADDR` ioctl (unprivileged, no network traffic).
#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
fn permanent_address(name: &str) -> Option<String> {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::raw::{c_int, c_ulong, c_void};

    unsafe extern "C" {
        fn socket(domain: c_int, ty: c_int, protocol: c_int) -> c_int;
        fn ioctl(fd: c_int, request: c_ulong, ...) -> c_int;
    }
    const AF_INET: c_int = 2;
    const SOCK_DGRAM: c_int = 2;
    const SOCK_CLOEXEC: c_int = 0o2000000;
    const SIOCETHTOOL: c_ulong = 0x8946;
    const ETHTOOL_GPERMADDR: u32 = 0x20;

    #[repr(C)]
    struct PermAddr {
        cmd: u32,
        size: u32,
        data: [u8; 32],
    }
    #[repr(C)]
    struct IfReq {
        name: [u8; 16],
        data: *mut c_void,
        _pad: [u8; 16],
    }

    if name.len() >= 16 {
        return None;
    }
    let mut perm = PermAddr {
        cmd: ETHTOOL_GPERMADDR,
        size: 32,
        data: [0; 32],
    };
    let mut req = IfReq {
        name: [0; 16],
        data: (&raw mut perm).cast(),
        _pad: [0; 16],
    };
    req.name[..name.len()].copy_from_slice(name.as_bytes());
    // SAFETY: plain syscalls; `req` and `perm` outlive the ioctl and have the kernel's layout
    // (struct ifreq with ifr_data, struct ethtool_perm_addr with room for 32 bytes).
    let fd = unsafe { socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` is a fresh descriptor we own; OwnedFd closes it on every path.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    use std::os::fd::AsRawFd;
    // SAFETY: see above.
    let rc = unsafe { ioctl(fd.as_raw_fd(), SIOCETHTOOL, &raw mut req) };
    if rc < 0 || perm.size != 6 {
        return None;
    }
    let d = &perm.data;
    Some(format!(
        "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
        d[0], d[1], d[2], d[3], d[4], d[5]
    ))
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
fn permanent_address(_name: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locally_administered_multicast_and_zero_macs_are_refused() {
        assert_eq!(usable_mac("02:42:ac:11:00:02"), None);
        assert_eq!(usable_mac("01:00:5e:00:00:01"), None);
        assert_eq!(usable_mac("00:00:00:00:00:00"), None);
        assert_eq!(usable_mac("garbage"), None);
        assert_eq!(
            usable_mac("00:1B:21:3a:4b:5c\n").as_deref(),
            Some("00:1b:21:3a:4b:5c")
        );
    }

    #[test]
    fn software_interface_names_are_virtual() {
        for n in [
            "lo", "docker0", "veth1a2b", "br-123", "virbr0", "vmnet8", "tun0", "tap3", "wg0",
        ] {
            assert!(is_virtual_name(n), "{n}");
        }
        for n in ["eth0", "enp3s0", "wlp2s0", "eno1"] {
            assert!(!is_virtual_name(n), "{n}");
        }
    }

    #[test]
    fn the_permanent_address_ioctl_agrees_with_sysfs_for_an_unchanged_nic() {
        // Every real, non-virtual NIC whose address was never changed must report the same
        // permanent address through the ioctl as through sysfs.
        let (mut candidates, mut compared) = (0, 0);
        for entry in std::fs::read_dir("/sys/class/net").unwrap().flatten() {
            let name = entry.file_name().into_string().unwrap();
            let target = std::fs::read_link(entry.path()).unwrap_or_default();
            let kind =
                std::fs::read_to_string(entry.path().join("addr_assign_type")).unwrap_or_default();
            if target.to_string_lossy().contains("devices/virtual/") || kind.trim() != "0" {
                continue;
            }
            candidates += 1;
            let sysfs = std::fs::read_to_string(entry.path().join("address")).unwrap();
            if let Some(perm) = permanent_address(&name) {
                assert_eq!(perm, sysfs.trim().to_ascii_lowercase(), "{name}");
                compared += 1;
            }
        }
        assert_eq!(compared, candidates, "the ioctl failed for some NIC");
    }
}
