//! The opt-in persistent random id for machines without any OS machine id (minimal
//! containers): 128 random bits stored once per user, created atomically, never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::FingerprintError;
use super::machine_id;

/// The documented per-user location: `$XDG_DATA_HOME/licensekit/machine-id`, or
/// `$HOME/.local/share/licensekit/machine-id` when `XDG_DATA_HOME` is unset or not absolute
/// (on Windows `%LOCALAPPDATA%\licensekit\machine-id`). None when no home is known.
pub fn default_path() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| {
        let p = PathBuf::from(v);
        p.is_absolute().then_some(p)
    };
    if cfg!(windows) {
        return std::env::var_os("LOCALAPPDATA")
            .and_then(absolute)
            .map(|d| d.join("licensekit").join("machine-id"));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|h| h.join(".local").join("share"))
        })?;
    Some(data.join("licensekit").join("machine-id"))
}

/// Reads the id at `path`, creating it first if the file does not exist. An existing file is
/// never replaced: if it holds something that is not an id, that is an error, not a reason to
/// write a new one (another product may already be bound to it).
pub(crate) fn read_or_create(path: &Path) -> Result<String, FingerprintError> {
    let err = |what: &str, e: std::io::Error| {
        FingerprintError::PersistentId(format!("{what} {}: {e}", path.display()))
    };
    match read_existing(path) {
        Ok(Some(id)) => return Ok(id),
        Ok(None) => {}
        Err(e) => return Err(e),
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir).map_err(|e| err("cannot create the directory of", e))?;
    let id = random_id();
    // Write a complete temporary file, then hard-link it into place: the link fails if the
    // file appeared meanwhile (no overwrite) and readers never see a half-written id.
    let tmp = dir.join(format!(
        ".machine-id.{}.{}.tmp",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let write = |p: &Path| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)?;
        f.write_all(format!("{id}\n").as_bytes())?;
        f.sync_all()
    };
    write(&tmp).map_err(|e| err("cannot write a temporary file next to", e))?;
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(id),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_existing(path)?
            .ok_or_else(|| FingerprintError::PersistentId(format!("{} vanished", path.display()))),
        // Filesystems without hard links: exclusive create still never overwrites.
        Err(_) => match write(path) {
            Ok(()) => Ok(id),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_existing(path)?
                .ok_or_else(|| {
                    FingerprintError::PersistentId(format!("{} vanished", path.display()))
                }),
            Err(e) => Err(err("cannot create", e)),
        },
    }
}

fn read_existing(path: &Path) -> Result<Option<String>, FingerprintError> {
    match std::fs::read_to_string(path) {
        Ok(text) => match machine_id::validate(&text) {
            Some(id) => Ok(Some(id.to_owned())),
            None => Err(FingerprintError::PersistentId(format!(
                "{} exists but does not hold a 32-hex-digit id; refusing to overwrite it",
                path.display()
            ))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(FingerprintError::PersistentId(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// 128 random bits as 32 lowercase hex digits (same shape as a systemd machine id).
fn random_id() -> String {
    use sha2::{Digest, Sha256};
    use std::hash::{BuildHasher, Hasher};

    let mut seed = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut seed))
        .is_ok();
    let mut h = Sha256::new();
    h.update(seed);
    if !from_os {
        // No /dev/urandom (Windows): std's hash keys are seeded from the OS generator.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.write_u32(std::process::id());
        h.update(hasher.finish().to_le_bytes());
        let mut hasher2 = std::collections::hash_map::RandomState::new().build_hasher();
        hasher2.write_u64(hasher.finish());
        h.update(hasher2.finish().to_le_bytes());
    }
    super::algorithm::hex_lower(&h.finalize()[..16])
}
