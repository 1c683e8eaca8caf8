//! The root filesystem's UUID, found without reading the block device (which needs root):
//! `/proc/self/mountinfo` gives the device of `/`, udev's world-readable database or the
//! `/dev/disk/by-uuid` links give its UUID.

use std::path::Path;

use super::reader::read_small;

/// The mount of `/` as `/proc/self/mountinfo` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RootMount {
    pub major: u32,
    pub minor: u32,
    pub fstype: String,
    pub source: String,
}

/// The last mount of `/` in a mountinfo text (later mounts hide earlier ones).
pub(crate) fn root_mount(mountinfo: &str) -> Option<RootMount> {
    let mut found = None;
    for line in mountinfo.lines() {
        let mut fields = line.split(' ');
        let (Some(_id), Some(_parent), Some(dev), Some(_root), Some(mount_point)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        if mount_point != "/" {
            continue;
        }
        let mut rest = fields.skip_while(|f| *f != "-").skip(1);
        let (Some(fstype), Some(source)) = (rest.next(), rest.next()) else {
            continue;
        };
        let Some((major, minor)) = dev.split_once(':') else {
            continue;
        };
        let (Ok(major), Ok(minor)) = (major.parse(), minor.parse()) else {
            continue;
        };
        found = Some(RootMount {
            major,
            minor,
            fstype: fstype.to_owned(),
            source: source.to_owned(),
        });
    }
    found
}

/// Filesystems that are not a disk of this machine: their "UUID" would be the host's or none.
/// (An empty type means "known to be on a block device".)
fn is_disk_backed(fstype: &str) -> bool {
    !matches!(
        fstype,
        "overlay"
            | "tmpfs"
            | "rootfs"
            | "ramfs"
            | "aufs"
            | "fuse-overlayfs"
            | "9p"
            | "virtiofs"
            | "nfs"
            | "nfs4"
            | "cifs"
            | "smb3"
            | "squashfs"
            | "zfs"
    )
}

/// The device of `/` on this machine from one `stat("/")` (sub-microsecond, where reading
/// mountinfo costs tens of microseconds). None for anonymous devices (overlay, tmpfs, btrfs,
/// zfs), which need mountinfo to say what they are.
#[cfg(unix)]
pub(crate) fn system_root_device() -> Option<RootMount> {
    use std::os::unix::fs::MetadataExt;
    let dev = std::fs::metadata("/").ok()?.dev();
    // glibc's gnu_dev_major/gnu_dev_minor.
    let major = (((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff)) as u32;
    let minor = ((dev & 0xff) | ((dev >> 12) & !0xff)) as u32;
    (major != 0).then(|| RootMount {
        major,
        minor,
        fstype: String::new(),
        source: String::new(),
    })
}

#[cfg(not(unix))]
pub(crate) fn system_root_device() -> Option<RootMount> {
    None
}

/// The UUID of the filesystem on `mount` (the mount of `/` under `root`), lowercase, if it
/// can be found without privileges: udev's database first, then the `/dev/disk/by-uuid`
/// links.
pub(crate) fn root_fs_uuid(root: &Path, mount: &RootMount) -> Option<String> {
    if !is_disk_backed(&mount.fstype) {
        return None;
    }
    if mount.major != 0
        && let Some(db) =
            read_small(&root.join(format!("run/udev/data/b{}:{}", mount.major, mount.minor)))
        && let Some(uuid) = db.lines().find_map(|l| l.strip_prefix("E:ID_FS_UUID="))
        && !uuid.trim().is_empty()
    {
        return Some(uuid.trim().to_ascii_lowercase());
    }
    let links = std::fs::read_dir(root.join("dev/disk/by-uuid")).ok()?;
    // The kernel name of the device (`vda1`, `dm-0`), from sysfs or from the mount source.
    let devname = read_small(&root.join(format!(
        "sys/dev/block/{}:{}/uevent",
        mount.major, mount.minor
    )))
    .and_then(|u| {
        u.lines()
            .find_map(|l| l.strip_prefix("DEVNAME=").map(str::to_owned))
    })
    .or_else(|| {
        let source = root.join(mount.source.trim_start_matches('/'));
        let target = std::fs::read_link(&source).unwrap_or(source);
        target.file_name().map(|n| n.to_string_lossy().into_owned())
    })?;
    for link in links.flatten() {
        let Ok(target) = std::fs::read_link(link.path()) else {
            continue;
        };
        if target.file_name().is_some_and(|n| n == devname.as_str()) {
            return Some(link.file_name().to_string_lossy().to_ascii_lowercase());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_mount_of_root_wins() {
        let text = "22 27 0:21 / /proc rw - proc proc rw\n\
                    27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n\
                    99 27 0:50 / / rw shared:1 - overlay overlay rw,lowerdir=/x\n";
        let m = root_mount(text).unwrap();
        assert_eq!((m.major, m.minor, m.fstype.as_str()), (0, 50, "overlay"));
        let first = root_mount(&text.lines().take(2).collect::<Vec<_>>().join("\n")).unwrap();
        assert_eq!(
            (first.major, first.minor, first.source.as_str()),
            (254, 0, "/dev/vda")
        );
    }
}
