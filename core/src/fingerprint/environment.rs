//! VM, container and WSL detection, reported as evidence for the application to weigh — the
//! library never refuses anything because of it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::cpu::CpuInfo;
use super::reader::read_small;

/// What this process appears to run in, with the evidence for each verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Environment {
    /// A hypervisor is present (cpuid bit, hypervisor signature or DMI vendor strings).
    pub vm: bool,
    /// A container runtime is present (`/.dockerenv`, `/run/.containerenv`, cgroup or mount
    /// markers).
    pub container: bool,
    /// Windows Subsystem for Linux.
    pub wsl: bool,
    /// Each observation, e.g. `"dmi sys_vendor=QEMU"`, `"file /.dockerenv"`.
    pub evidence: Vec<String>,
}

/// DMI attributes that name the virtual hardware's maker, and the makers that mean a VM.
const DMI_FIELDS: [&str; 5] = [
    "sys_vendor",
    "product_name",
    "bios_vendor",
    "board_vendor",
    "chassis_vendor",
];
const VM_VENDORS: [&str; 16] = [
    "qemu",
    "kvm",
    "vmware",
    "virtualbox",
    "innotek",
    "xen",
    "hyper-v",
    "virtual machine",
    "parallels",
    "bochs",
    "bhyve",
    "amazon ec2",
    "google compute engine",
    "openstack",
    "cloud hypervisor",
    "firecracker",
];
/// Words in a cgroup path that only container runtimes write.
const CGROUP_MARKERS: [&str; 9] = [
    "docker",
    "kubepods",
    "containerd",
    "libpod",
    "podman",
    "lxc",
    "crio",
    "garden",
    "/ecs/",
];

/// Collects the evidence under `root`. `cpu` carries the hypervisor bit; `mountinfo` is the
/// text of `proc/self/mountinfo` (already read for the root filesystem).
/// `system` says `root` is this machine, so `cpuid` may be asked for the hypervisor's name.
pub(crate) fn detect(
    root: &Path,
    system: bool,
    cpu: &CpuInfo,
    mountinfo: Option<&str>,
) -> Environment {
    let mut env = Environment::default();
    if cpu.hypervisor {
        env.vm = true;
        env.evidence.push("cpuid hypervisor bit".to_owned());
    }
    if system && let Some(sig) = super::cpu::hypervisor_vendor(cpu) {
        env.vm = true;
        env.evidence.push(format!("cpuid hypervisor vendor={sig}"));
    }
    for field in DMI_FIELDS {
        let Some(value) = read_small(&root.join(super::dmi::DIR).join(field)) else {
            continue;
        };
        let value = value.trim();
        let lower = value.to_ascii_lowercase();
        if VM_VENDORS.iter().any(|v| lower.contains(v)) {
            env.vm = true;
            env.evidence.push(format!("dmi {field}={value}"));
        }
    }

    for (file, label) in [
        (".dockerenv", "/.dockerenv"),
        ("run/.containerenv", "/run/.containerenv"),
    ] {
        if root.join(file).exists() {
            env.container = true;
            env.evidence.push(format!("file {label}"));
        }
    }
    if let Some(kind) = read_small(&root.join("run/systemd/container")) {
        env.container = true;
        env.evidence
            .push(format!("/run/systemd/container={}", kind.trim()));
    }
    for file in ["proc/1/cgroup", "proc/self/cgroup"] {
        let Some(text) = read_small(&root.join(file)) else {
            continue;
        };
        if let Some(marker) = CGROUP_MARKERS.iter().find(|m| text.contains(*m)) {
            env.container = true;
            env.evidence
                .push(format!("/{file} mentions {}", marker.trim_matches('/')));
        }
    }
    if let Some(mount) = mountinfo.and_then(super::rootfs::root_mount)
        && matches!(mount.fstype.as_str(), "overlay" | "aufs" | "fuse-overlayfs")
    {
        env.container = true;
        env.evidence
            .push(format!("root filesystem is {}", mount.fstype));
    }

    if let Some(release) = read_small(&root.join("proc/sys/kernel/osrelease")) {
        let lower = release.to_ascii_lowercase();
        if lower.contains("microsoft") || lower.contains("wsl") {
            env.wsl = true;
            env.evidence
                .push(format!("kernel osrelease={}", release.trim()));
        }
    }
    if root.join("proc/sys/fs/binfmt_misc/WSLInterop").exists() {
        env.wsl = true;
        env.evidence.push("binfmt WSLInterop".to_owned());
    }
    env
}
