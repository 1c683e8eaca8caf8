//! Fingerprint behaviour on prepared filesystem trees (one test per promise of the issue),
//! plus the real-machine checks: fresh processes and root vs a normal user agree.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use licensekit_core::fingerprint::{
    self, Algorithm, DEFAULT_THRESHOLD, Fingerprint, FingerprintError, MatchVerdict, Reader,
    matches,
};

const PRODUCT: &str = "acme-cad";
const MACHINE_A: &str = "3d1219c7c4c5404aaa1f6d2a48adfda4";
const MACHINE_B: &str = "0123456789abcdef0123456789abcdef";

/// A throw-away filesystem tree under /tmp, readable by every user (the root-vs-user test
/// reads it as `nobody`), removed on drop.
struct Tree {
    dir: PathBuf,
}

impl Tree {
    fn empty() -> Tree {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "licensekit-fp-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        Tree { dir }
    }

    /// A desktop: machine id, root-only DMI identity, world-readable DMI vendor, two physical
    /// NICs, a CPU, an ext4 root known to udev, an OS and a hostname.
    fn desktop(machine_id: &str) -> Tree {
        let t = Tree::empty();
        t.file("etc/machine-id", &format!("{machine_id}\n"));
        t.file_mode(
            "sys/class/dmi/id/product_uuid",
            "4c4c4544-0042-3510-8052-b4c04f4e4d32\n",
            0o400,
        );
        t.file_mode(
            "sys/class/dmi/id/board_serial",
            "/7XJ2K42/CN1296323E0012/\n",
            0o400,
        );
        t.file("sys/class/dmi/id/sys_vendor", "Dell Inc.\n");
        t.file("sys/class/dmi/id/product_name", "Precision 5820 Tower\n");
        t.nic("enp3s0", "00:1b:21:3a:4b:5c", 0, false);
        t.nic("wlp4s0", "a4:c3:f0:12:34:56", 0, false);
        t.nic("lo", "00:00:00:00:00:00", 0, true);
        t.file(
            "proc/cpuinfo",
            "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n\
             model name\t: Intel(R) Xeon(R) W-2145 CPU @ 3.70GHz\nflags\t\t: fpu vme sse2\n\n",
        );
        t.file(
            "proc/self/mountinfo",
            "22 27 0:21 / /proc rw,relatime - proc proc rw\n\
             27 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n",
        );
        t.file("run/udev/data/b8:2", "S:disk/by-uuid/9b6a7c3e-1f2d-4e5a-8b9c-0d1e2f3a4b5c\nE:ID_FS_TYPE=ext4\nE:ID_FS_UUID=9b6a7c3e-1f2d-4e5a-8b9c-0d1e2f3a4b5c\n");
        t.file("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n");
        t.file("proc/sys/kernel/hostname", "workstation-7\n");
        t.file("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        t.file("proc/1/cgroup", "0::/init.scope\n");
        t
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    fn file(&self, rel: &str, content: &str) {
        self.file_mode(rel, content, 0o644);
    }

    fn file_mode(&self, rel: &str, content: &str, mode: u32) {
        let path = self.path(rel);
        mkdirs(path.parent().unwrap());
        let _ = std::fs::remove_file(&path);
        std::fs::write(&path, content).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    fn remove(&self, rel: &str) {
        let path = self.path(rel);
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    /// A NIC the way sysfs shows it: `sys/class/net/NAME` links to the device directory,
    /// under `devices/virtual/net` for software interfaces.
    fn nic(&self, name: &str, mac: &str, assign_type: u8, is_virtual: bool) {
        let device = if is_virtual {
            format!("sys/devices/virtual/net/{name}")
        } else {
            format!(
                "sys/devices/pci0000:00/0000:00:1c.{}/net/{name}",
                name.len()
            )
        };
        self.file(&format!("{device}/address"), &format!("{mac}\n"));
        self.file(
            &format!("{device}/addr_assign_type"),
            &format!("{assign_type}\n"),
        );
        let link = self.path(&format!("sys/class/net/{name}"));
        mkdirs(link.parent().unwrap());
        let _ = std::fs::remove_file(&link);
        symlink(format!("../../../{device}"), link).unwrap();
    }

    fn reader(&self) -> Reader {
        Reader::new(&self.dir)
    }

    fn id(&self) -> String {
        self.reader().hardware_id(PRODUCT)
    }

    fn fp(&self) -> Fingerprint {
        self.reader()
            .fingerprint(PRODUCT, Algorithm::Default)
            .unwrap()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn mkdirs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut d = Some(dir);
    while let Some(p) = d {
        if p == std::env::temp_dir() || !p.starts_with(std::env::temp_dir()) {
            break;
        }
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
        d = p.parent();
    }
}

fn component<'a>(fp: &'a Fingerprint, name: &str) -> &'a fingerprint::Component {
    fp.components.iter().find(|c| c.name == name).unwrap()
}

// ---- the ID -------------------------------------------------------------------------

#[test]
fn the_same_tree_gives_the_same_id() {
    let t = Tree::desktop(MACHINE_A);
    let first = t.id();
    assert_eq!(first, t.id());
    assert_eq!(first, t.fp().id, "hardware_id and fingerprint agree");
    assert_eq!(t.fp(), t.fp(), "the explained vector is stable too");
    let groups: Vec<&str> = first.split('-').collect();
    assert_eq!(groups.len(), 16);
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| matches!(c, '0'..='9' | 'A'..='F')))
    );
}

#[test]
fn the_product_salt_changes_the_id_and_every_digest() {
    let t = Tree::desktop(MACHINE_A);
    let (a, b) = (
        t.reader()
            .fingerprint("vendor-a", Algorithm::Default)
            .unwrap(),
        t.reader()
            .fingerprint("vendor-b", Algorithm::Default)
            .unwrap(),
    );
    assert_ne!(a.id, b.id);
    for (x, y) in a.components.iter().zip(&b.components) {
        if x.present {
            assert_ne!(x.digest, y.digest, "{} is linkable across products", x.name);
        }
    }
}

#[test]
fn adding_docker0_or_veth_interfaces_changes_nothing() {
    let t = Tree::desktop(MACHINE_A);
    let (id, fp) = (t.id(), t.fp());
    // Software interfaces with globally unique-looking MACs: dropped by name and location.
    t.nic("docker0", "00:16:3e:aa:bb:cc", 0, true);
    t.nic("veth9f3c2a1", "00:16:3e:dd:ee:ff", 0, true);
    t.nic("br-4f2a", "00:16:3e:11:22:33", 0, true);
    t.nic("wg0", "00:16:3e:44:55:66", 0, false);
    t.nic("tun0", "00:16:3e:77:88:99", 0, false);
    assert_eq!(t.id(), id);
    assert_eq!(t.fp(), fp, "not even the matching vector sees them");
}

#[test]
fn a_locally_administered_or_rotated_mac_changes_nothing() {
    let t = Tree::desktop(MACHINE_A);
    let fp = t.fp();
    // A new PCI NIC with a locally administered address, and one with a random address.
    t.nic("enp5s0", "02:42:ac:11:00:02", 0, false);
    t.nic("enx001", "00:e0:4c:68:01:02", 1, false);
    assert_eq!(t.fp(), fp);
    // The Wi-Fi NIC's MAC rotates (privacy mode): it drops out, the ID stays.
    t.nic("wlp4s0", "ce:9a:17:55:01:3e", 3, false);
    let rotated = t.fp();
    assert_eq!(rotated.id, fp.id);
    assert_eq!(matches(&fp, &rotated).verdict, MatchVerdict::Same);
}

#[test]
fn hostname_and_os_build_changes_do_not_change_the_id() {
    let t = Tree::desktop(MACHINE_A);
    let id = t.id();
    t.file("proc/sys/kernel/hostname", "renamed-box\n");
    t.file(
        "etc/os-release",
        "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\n",
    );
    t.file("proc/sys/kernel/osrelease", "6.12.0-1-amd64\n");
    assert_eq!(t.id(), id);
    let with_host = t
        .reader()
        .with_hostname(true)
        .fingerprint(PRODUCT, Algorithm::Default)
        .unwrap();
    assert_eq!(with_host.id, id);
    assert!(component(&with_host, "hostname").present && !component(&with_host, "hostname").in_id);
}

#[test]
fn removing_one_nic_keeps_matches_above_the_threshold() {
    let t = Tree::desktop(MACHINE_A);
    let stored = t.fp();
    t.remove("sys/class/net/wlp4s0");
    let current = t.fp();
    assert_eq!(current.id, stored.id);
    let m = matches(&stored, &current);
    assert!(m.score > DEFAULT_THRESHOLD, "score {}", m.score);
    assert_eq!(m.verdict, MatchVerdict::Same);
    assert_eq!(m.changed, vec!["mac".to_owned()]);
}

#[test]
fn a_different_machine_id_gives_a_different_id() {
    assert_ne!(Tree::desktop(MACHINE_A).id(), Tree::desktop(MACHINE_B).id());
}

#[test]
fn the_dbus_machine_id_is_used_when_etc_has_none() {
    let t = Tree::desktop(MACHINE_A);
    let id = t.id();
    t.remove("etc/machine-id");
    t.file("var/lib/dbus/machine-id", &format!("{MACHINE_A}\n"));
    assert_eq!(t.id(), id);
}

#[test]
fn no_machine_id_and_no_dmi_still_yields_an_id_and_names_the_missing_components() {
    let t = Tree::desktop(MACHINE_A);
    t.remove("etc/machine-id");
    t.remove("sys/class/dmi");
    let fp = t.fp();
    assert_eq!(fp.id.len(), 79);
    assert_eq!(fp.id, t.id());
    assert_eq!(
        fp.missing(),
        vec!["machine_id", "dmi_product_uuid", "dmi_board_serial"]
    );
    assert_eq!(
        fp.id_components(),
        vec!["root_fs_uuid"],
        "the next anchor of the chain"
    );
    // Without a root filesystem UUID either, the physical MACs carry it.
    t.remove("run/udev");
    let fp = t.fp();
    assert_eq!(fp.id_components(), vec!["mac"]);
    assert!(fp.missing().contains(&"root_fs_uuid"));
    // A bare tree still gives an ID and says everything is missing.
    let bare = Tree::empty().fp();
    assert_eq!(bare.id.len(), 79);
    assert_eq!(
        bare.missing(),
        vec![
            "machine_id",
            "dmi_product_uuid",
            "dmi_board_serial",
            "root_fs_uuid",
            "mac",
            "cpu",
            "os_name"
        ]
    );
}

#[test]
fn an_empty_or_uninitialized_machine_id_counts_as_missing() {
    let without = Tree::desktop(MACHINE_A);
    without.remove("etc/machine-id");
    let expected = without.id();
    for content in [
        "",
        "\n",
        "uninitialized\n",
        "00000000000000000000000000000000\n",
    ] {
        let t = Tree::desktop(MACHINE_A);
        t.file("etc/machine-id", content);
        let fp = t.fp();
        assert!(
            !component(&fp, "machine_id").present,
            "{content:?} was taken as a machine id"
        );
        assert_eq!(fp.id, expected, "{content:?}");
    }
    // The peers' bug: two hosts with an empty machine-id share one ID. Here they do not.
    let (h1, h2) = (Tree::desktop(MACHINE_A), Tree::desktop(MACHINE_A));
    h1.file("etc/machine-id", "");
    h2.file("etc/machine-id", "");
    h2.file(
        "run/udev/data/b8:2",
        "E:ID_FS_UUID=5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\n",
    );
    assert_ne!(h1.id(), h2.id());
}

#[test]
fn a_factory_default_dmi_uuid_is_ignored() {
    for uuid in [
        "03000200-0400-0500-0006-000700080009",
        "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    ] {
        let t = Tree::desktop(MACHINE_A);
        t.remove("etc/machine-id");
        // World-readable, so a real UUID would become the anchor.
        t.file("sys/class/dmi/id/product_uuid", &format!("{uuid}\n"));
        t.file("sys/class/dmi/id/board_serial", "To be filled by O.E.M.\n");
        let fp = t.fp();
        assert!(!component(&fp, "dmi_product_uuid").present, "{uuid}");
        assert!(!component(&fp, "dmi_board_serial").present);
        assert_eq!(fp.id_components(), vec!["root_fs_uuid"]);
    }
    // Contrast: a real, world-readable UUID is used when there is no machine id.
    let t = Tree::desktop(MACHINE_A);
    t.remove("etc/machine-id");
    t.file(
        "sys/class/dmi/id/product_uuid",
        "4c4c4544-0042-3510-8052-b4c04f4e4d32\n",
    );
    assert_eq!(t.fp().id_components(), vec!["dmi_product_uuid"]);
}

#[test]
fn root_only_dmi_values_feed_matching_but_never_the_id() {
    let t = Tree::desktop(MACHINE_A);
    let as_root = t.fp();
    assert!(
        component(&as_root, "dmi_product_uuid").present,
        "root reads the 0400 file"
    );
    assert!(!component(&as_root, "dmi_product_uuid").in_id);
    // What a normal user sees: the files exist but cannot be read.
    t.remove("sys/class/dmi/id/product_uuid");
    t.remove("sys/class/dmi/id/board_serial");
    let as_user = t.fp();
    assert_eq!(as_user.id, as_root.id);
    for (stored, current) in [(&as_root, &as_user), (&as_user, &as_root)] {
        let m = matches(stored, current);
        assert_eq!(
            (m.verdict, m.score, m.changed.len()),
            (MatchVerdict::Same, 1.0, 0)
        );
    }
}

#[test]
fn the_root_filesystem_uuid_comes_from_udev_or_the_by_uuid_links() {
    let udev = Tree::desktop(MACHINE_A);
    let from_udev = component(&udev.fp(), "root_fs_uuid").clone();
    assert!(from_udev.present);
    // No udev database, only the /dev/disk/by-uuid links (and sysfs naming the device).
    let links = Tree::desktop(MACHINE_A);
    links.remove("run/udev");
    links.file(
        "sys/dev/block/8:2/uevent",
        "MAJOR=8\nMINOR=2\nDEVNAME=sda2\nDEVTYPE=partition\n",
    );
    mkdirs(&links.path("dev/disk/by-uuid"));
    symlink(
        "../../sda1",
        links.path("dev/disk/by-uuid/0a1b2c3d-0000-4000-8000-000000000001"),
    )
    .unwrap();
    symlink(
        "../../sda2",
        links.path("dev/disk/by-uuid/9B6A7C3E-1F2D-4E5A-8B9C-0D1E2F3A4B5C"),
    )
    .unwrap();
    assert_eq!(
        component(&links.fp(), "root_fs_uuid"),
        &from_udev,
        "same UUID, same digest"
    );
    // A container's overlay root is not a disk of this machine.
    links.file(
        "proc/self/mountinfo",
        "500 400 0:52 / / rw - overlay overlay rw\n",
    );
    assert!(!component(&links.fp(), "root_fs_uuid").present);
}

// ---- licensespring-compat -----------------------------------------------------------

#[test]
fn licensespring_compat_is_the_lowercase_sha256_of_the_trimmed_machine_id() {
    let t = Tree::desktop(MACHINE_A);
    t.file("etc/machine-id", &format!("  {MACHINE_A}\n"));
    let fp = t
        .reader()
        .fingerprint("any-product", Algorithm::LicenseSpringCompat)
        .unwrap();
    // printf %s 3d1219c7c4c5404aaa1f6d2a48adfda4 | sha256sum
    assert_eq!(
        fp.id,
        "0035969ec53f6e7f0fb40f08cc9ed4783aa99c2000cf1ebe4187c10dd0d8370f"
    );
    assert_eq!(fp.algorithm.name(), "licensespring-compat");
    assert_eq!(fp.id_components(), vec!["machine_id"]);
    let unsalted = t
        .reader()
        .fingerprint("other-product", Algorithm::LicenseSpringCompat)
        .unwrap();
    assert_eq!(
        unsalted.id, fp.id,
        "compat IDs are unsalted, like LicenseSpring's"
    );
}

#[test]
fn licensespring_compat_without_a_machine_id_is_an_error() {
    let t = Tree::desktop(MACHINE_A);
    t.file("etc/machine-id", "uninitialized\n");
    assert_eq!(
        t.reader()
            .fingerprint(PRODUCT, Algorithm::LicenseSpringCompat),
        Err(FingerprintError::NoMachineId)
    );
    assert_eq!(
        Algorithm::from_name("licensespring-compat"),
        Ok(Algorithm::LicenseSpringCompat)
    );
    assert!(matches!(
        Algorithm::from_name("crc32"),
        Err(FingerprintError::UnknownAlgorithm(_))
    ));
}

// ---- environment --------------------------------------------------------------------

#[test]
fn a_plain_desktop_shows_no_vm_container_or_wsl() {
    let env = Tree::desktop(MACHINE_A).reader().environment();
    assert_eq!(
        (env.vm, env.container, env.wsl),
        (false, false, false),
        "{:?}",
        env.evidence
    );
    assert!(env.evidence.is_empty());
}

#[test]
fn container_markers_are_detected() {
    type Prepare = dyn Fn(&Tree);
    let cases: [(&str, &Prepare, &str); 5] = [
        (
            "dockerenv",
            &|t| t.file(".dockerenv", ""),
            "file /.dockerenv",
        ),
        (
            "podman",
            &|t| t.file("run/.containerenv", "engine=\"podman-4.3\"\n"),
            "file /run/.containerenv",
        ),
        (
            "cgroup",
            &|t| t.file("proc/1/cgroup", "0::/system.slice/docker-4f1c.scope\n"),
            "/proc/1/cgroup mentions docker",
        ),
        (
            "kubernetes",
            &|t| t.file("proc/self/cgroup", "0::/kubepods/besteffort/pod1/abc\n"),
            "/proc/self/cgroup mentions kubepods",
        ),
        (
            "overlay",
            &|t| {
                t.file(
                    "proc/self/mountinfo",
                    "500 400 0:52 / / rw - overlay overlay rw,lowerdir=/l\n",
                )
            },
            "root filesystem is overlay",
        ),
    ];
    for (label, prepare, evidence) in cases {
        let t = Tree::desktop(MACHINE_A);
        prepare(&t);
        let env = t.reader().environment();
        assert!(env.container && !env.vm && !env.wsl, "{label}: {env:?}");
        assert!(
            env.evidence.iter().any(|e| e == evidence),
            "{label}: {:?}",
            env.evidence
        );
    }
}

#[test]
fn vm_markers_are_detected() {
    let t = Tree::desktop(MACHINE_A);
    t.file("sys/class/dmi/id/sys_vendor", "QEMU\n");
    t.file(
        "sys/class/dmi/id/product_name",
        "Standard PC (Q35 + ICH9, 2009)\n",
    );
    let env = t.reader().environment();
    assert!(env.vm && !env.container);
    assert_eq!(env.evidence, vec!["dmi sys_vendor=QEMU".to_owned()]);

    let t = Tree::desktop(MACHINE_A);
    t.file("sys/class/dmi/id/sys_vendor", "Microsoft Corporation\n");
    t.file("sys/class/dmi/id/product_name", "Virtual Machine\n");
    t.file(
        "proc/cpuinfo",
        "vendor_id\t: GenuineIntel\nmodel name\t: Xeon\nflags\t\t: fpu hypervisor\n",
    );
    let env = t.reader().environment();
    assert!(env.vm);
    assert_eq!(
        env.evidence,
        vec!["cpuid hypervisor bit", "dmi product_name=Virtual Machine"]
    );

    for vendor in ["VMware, Inc.", "innotek GmbH", "Xen", "Amazon EC2"] {
        let t = Tree::desktop(MACHINE_A);
        t.file("sys/class/dmi/id/sys_vendor", &format!("{vendor}\n"));
        assert!(t.reader().environment().vm, "{vendor}");
    }
}

#[test]
fn wsl_is_detected() {
    let t = Tree::desktop(MACHINE_A);
    t.file(
        "proc/sys/kernel/osrelease",
        "5.15.133.1-microsoft-standard-WSL2\n",
    );
    let env = t.reader().environment();
    assert!(env.wsl);
    assert_eq!(
        env.evidence,
        vec!["kernel osrelease=5.15.133.1-microsoft-standard-WSL2"]
    );
}

// ---- tolerant matching --------------------------------------------------------------

#[test]
fn the_unchanged_machine_matches_as_same() {
    let t = Tree::desktop(MACHINE_A);
    let m = matches(&t.fp(), &t.fp());
    assert_eq!(
        (m.verdict, m.score, m.changed.len()),
        (MatchVerdict::Same, 1.0, 0)
    );
}

#[test]
fn a_reinstall_on_the_same_hardware_matches_as_same_reinstalled() {
    let stored = Tree::desktop(MACHINE_A).fp();
    let t = Tree::desktop(MACHINE_B);
    t.file(
        "run/udev/data/b8:2",
        "E:ID_FS_UUID=5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\n",
    );
    let m = matches(&stored, &t.fp());
    assert_eq!(m.verdict, MatchVerdict::SameReinstalled);
    assert_eq!(m.changed, vec!["machine_id", "root_fs_uuid"]);
}

#[test]
fn a_cloned_image_on_other_hardware_matches_as_clone_suspected() {
    let stored = Tree::desktop(MACHINE_A).fp();
    // Same disk image (machine id, filesystem UUID, OS), another box.
    let t = Tree::desktop(MACHINE_A);
    t.file_mode(
        "sys/class/dmi/id/product_uuid",
        "8d2f0e4a-6b1c-4f3e-9a7d-2c5b8e1f0a3d\n",
        0o400,
    );
    t.file_mode(
        "sys/class/dmi/id/board_serial",
        "/9QK3M21/CN7016355B0044/\n",
        0o400,
    );
    t.remove("sys/class/net/enp3s0");
    t.remove("sys/class/net/wlp4s0");
    t.nic("eno1", "3c:ec:ef:01:02:03", 0, false);
    let m = matches(&stored, &t.fp());
    assert_eq!(m.verdict, MatchVerdict::CloneSuspected);
    assert_eq!(
        m.changed,
        vec!["dmi_product_uuid", "dmi_board_serial", "mac"]
    );
}

#[test]
fn another_machine_matches_as_different() {
    let stored = Tree::desktop(MACHINE_A).fp();
    let t = Tree::desktop(MACHINE_B);
    t.file_mode(
        "sys/class/dmi/id/product_uuid",
        "8d2f0e4a-6b1c-4f3e-9a7d-2c5b8e1f0a3d\n",
        0o400,
    );
    t.remove("sys/class/dmi/id/board_serial");
    t.remove("sys/class/net/enp3s0");
    t.remove("sys/class/net/wlp4s0");
    t.file(
        "run/udev/data/b8:2",
        "E:ID_FS_UUID=5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\n",
    );
    t.nic("eno1", "3c:ec:ef:01:02:03", 0, false);
    let m = matches(&stored, &t.fp());
    assert_eq!(m.verdict, MatchVerdict::Different);
    assert!(m.score < DEFAULT_THRESHOLD, "score {}", m.score);
}

#[test]
fn a_stored_vector_survives_a_json_round_trip() {
    let fp = Tree::desktop(MACHINE_A).fp();
    let back = Fingerprint::from_json(&fp.to_json()).unwrap();
    assert_eq!(back, fp);
    assert!(fp.to_json().contains("\"algorithm\":\"licensekit-v1\""));
    assert!(
        !fp.to_json().contains(MACHINE_A),
        "raw values never leave the process"
    );
    let tree = Tree::desktop(MACHINE_A);
    let reader = tree.reader();
    assert!(
        reader
            .fingerprint(PRODUCT, Algorithm::Default)
            .unwrap()
            .missing()
            .is_empty()
    );
    assert!(
        !format!("{reader:?}").contains(MACHINE_A),
        "not even through Debug"
    );
    assert!(matches!(
        Fingerprint::from_json("{"),
        Err(FingerprintError::InvalidStored(_))
    ));
}

// ---- persistent id ------------------------------------------------------------------

fn container_without_identity() -> Tree {
    let t = Tree::empty();
    t.file("etc/machine-id", "");
    t.file(".dockerenv", "");
    t.nic("eth0", "02:42:ac:11:00:02", 0, true);
    t.file(
        "proc/self/mountinfo",
        "500 400 0:52 / / rw - overlay overlay rw\n",
    );
    t
}

#[test]
fn the_persistent_id_is_created_once_and_reused_when_there_is_no_machine_id() {
    let t = container_without_identity();
    let store = t.path("home/user/.local/share/licensekit/machine-id");
    assert_eq!(
        t.fp().id_components(),
        Vec::<&str>::new(),
        "nothing identifies this container"
    );
    let first = t
        .reader()
        .with_persistent_id(&store)
        .fingerprint(PRODUCT, Algorithm::Default)
        .unwrap();
    assert_eq!(first.id_components(), vec!["persistent_id"]);
    let saved = std::fs::read_to_string(&store).unwrap();
    assert_eq!(saved.len(), 33, "32 hex digits and a newline: {saved:?}");
    assert_eq!(
        t.reader().with_persistent_id(&store).hardware_id(PRODUCT),
        first.id
    );
    assert_eq!(
        std::fs::read_to_string(&store).unwrap(),
        saved,
        "never rewritten"
    );
    assert_ne!(
        first.id,
        t.id(),
        "the persistent id is what makes this container unique"
    );
}

#[test]
fn concurrent_first_uses_agree_on_one_persistent_id() {
    let t = container_without_identity();
    let store = t.path("state/machine-id");
    let ids: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| t.reader().with_persistent_id(&store).hardware_id(PRODUCT)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    let leftovers = std::fs::read_dir(t.path("state")).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary files left behind");
}

#[test]
fn the_persistent_id_never_overwrites_a_file_it_does_not_understand() {
    let t = container_without_identity();
    let store = t.path("state/machine-id");
    t.file("state/machine-id", "something else\n");
    let fp = t
        .reader()
        .with_persistent_id(&store)
        .fingerprint(PRODUCT, Algorithm::Default)
        .unwrap();
    assert!(!fp.id_components().contains(&"persistent_id"));
    assert_eq!(std::fs::read_to_string(&store).unwrap(), "something else\n");
}

#[test]
fn the_persistent_id_is_not_used_or_created_when_a_machine_id_exists() {
    let t = Tree::desktop(MACHINE_A);
    let store = t.path("state/machine-id");
    let fp = t
        .reader()
        .with_persistent_id(&store)
        .fingerprint(PRODUCT, Algorithm::Default)
        .unwrap();
    assert_eq!(fp.id, t.id());
    assert!(!store.exists());
}

// ---- this machine, this process and fresh processes ---------------------------------

#[test]
fn the_cached_process_wide_id_equals_a_fresh_read() {
    let cached = fingerprint::hardware_id(PRODUCT);
    assert_eq!(cached, fingerprint::hardware_id(PRODUCT));
    assert_eq!(cached, Reader::system().hardware_id(PRODUCT));
    assert_eq!(
        cached,
        fingerprint::fingerprint(PRODUCT, Algorithm::Default)
            .unwrap()
            .id
    );
    assert_ne!(cached, fingerprint::hardware_id("another-product"));
    assert_eq!(
        cached,
        fingerprint::hardware_id(PRODUCT),
        "after another product was asked"
    );
}

#[test]
fn concurrent_callers_always_get_their_own_products_id() {
    let expected: Vec<String> = (0..4)
        .map(|i| Reader::system().hardware_id(&format!("product-{i}")))
        .collect();
    std::thread::scope(|s| {
        for t in 0..4 {
            let expected = &expected;
            s.spawn(move || {
                for n in 0..2000 {
                    let i = (t + n) % 4;
                    assert_eq!(
                        fingerprint::hardware_id(&format!("product-{i}")),
                        expected[i]
                    );
                }
            });
        }
    });
}

/// The `licensekit` binary of this checkout, rebuilt once per test run so it is never stale.
fn cli() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // target/<profile>/deps/fingerprint-<hash> → target/<profile>/licensekit, built with
        // the same profile as this test.
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().unwrap().parent().unwrap().to_path_buf();
        let mut build = Command::new(option_env!("CARGO").unwrap_or("cargo"));
        build.args(["build", "-q", "-p", "licensekit-cli", "--manifest-path"]);
        build.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"));
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        assert!(build.status().unwrap().success(), "building the CLI failed");
        profile_dir.join("licensekit")
    })
}

fn hwid(args: &[&str], as_nobody: bool) -> String {
    let mut cmd = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cli());
        c
    } else {
        Command::new(cli())
    };
    let out = cmd
        .arg("hwid")
        .args(args)
        .env_remove("LICENSEKIT_PERSISTENT_ID")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
}

#[test]
fn two_fresh_processes_give_the_same_id_as_this_one() {
    let first = hwid(&["--product", PRODUCT], false);
    let second = hwid(&["--product", PRODUCT], false);
    assert_eq!(first, second);
    assert_eq!(first.trim(), fingerprint::hardware_id(PRODUCT));
}

#[test]
fn the_id_read_as_root_equals_the_id_read_as_a_normal_user() {
    assert!(
        running_as_root(),
        "this test switches to uid 65534 and must start as root"
    );
    // A prepared machine whose DMI identity only root can read.
    let t = Tree::desktop(MACHINE_A);
    let root_arg = t.dir.to_str().unwrap();
    let args = [
        "--product",
        PRODUCT,
        "--explain",
        "--json",
        "--root",
        root_arg,
    ];
    let as_root: serde_json::Value = serde_json::from_str(&hwid(&args, false)).unwrap();
    let as_user: serde_json::Value = serde_json::from_str(&hwid(&args, true)).unwrap();
    let dmi_present = |v: &serde_json::Value| {
        v["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "dmi_product_uuid")
            .unwrap()["present"]
            .as_bool()
            .unwrap()
    };
    assert!(
        dmi_present(&as_root) && !dmi_present(&as_user),
        "the two runs really saw different files"
    );
    assert_eq!(as_root["id"], as_user["id"]);
    // And this machine itself.
    assert_eq!(
        hwid(&["--product", PRODUCT], false),
        hwid(&["--product", PRODUCT], true)
    );
}

#[test]
fn the_cli_never_prints_raw_component_values() {
    let t = Tree::desktop(MACHINE_A);
    let root_arg = t.dir.to_str().unwrap();
    for extra in [&[][..], &["--json"][..]] {
        let mut args = vec!["--explain", "--hostname", "--root", root_arg];
        args.extend_from_slice(extra);
        let out = hwid(&args, false);
        for raw in [
            MACHINE_A,
            "4c4c4544",
            "00:1b:21",
            "9b6a7c3e",
            "Xeon",
            "workstation-7",
            "Debian",
        ] {
            assert!(!out.contains(raw), "{raw} printed in {out}");
        }
        assert!(
            out.contains("machine_id") && out.contains("weight"),
            "{out}"
        );
    }
}
