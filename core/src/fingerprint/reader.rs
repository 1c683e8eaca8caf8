//! [`Reader`]: reads every component from one filesystem root, each source at most once.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::component::{self, Component, Spec};
use super::cpu::{self, CpuInfo};
use super::environment::{self, Environment};
use super::{Algorithm, Fingerprint, FingerprintError};
use super::{algorithm, dmi, machine_id, net, os, persistent, platform, rootfs};

/// Reads the fingerprint components of one machine from a filesystem root: `/` for this
/// machine ([`Reader::system`]), or a prepared tree with `etc/`, `sys/`, `proc/`, `run/` and
/// `dev/` for tests and diagnosis. Each source is read once, when first needed, and kept for
/// the life of the reader; nothing is spawned, nothing touches the network, nothing needs root.
/// `Debug` shows the configuration only, never a value read.
pub struct Reader {
    root: PathBuf,
    system: bool,
    persistent_id: Option<PathBuf>,
    hostname: bool,
    machine_id: OnceLock<Option<String>>,
    dmi: OnceLock<Dmi>,
    mountinfo: OnceLock<Option<String>>,
    root_fs_uuid: OnceLock<Option<String>>,
    macs: OnceLock<Vec<String>>,
    cpu: OnceLock<CpuInfo>,
    persistent: OnceLock<Option<String>>,
    os_name: OnceLock<Option<String>>,
    hostname_value: OnceLock<Option<String>>,
    anchor: OnceLock<Anchor>,
    environment: OnceLock<Environment>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("root", &self.root)
            .field("system", &self.system)
            .field("persistent_id", &self.persistent_id)
            .field("hostname", &self.hostname)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Dmi {
    product_uuid: Option<String>,
    product_uuid_public: bool,
    board_serial: Option<String>,
}

/// The components that feed the ID: exactly one source, the first present of the chain.
struct Anchor {
    name: Option<&'static str>,
    value_hash: [u8; 32],
}

/// Name of the environment variable that opts [`Reader::system`] into the persistent id.
pub const PERSISTENT_ID_ENV: &str = "LICENSEKIT_PERSISTENT_ID";

impl Reader {
    /// A reader over the tree at `root` (`"/"` reads this machine, with `cpuid` and the
    /// native OS sources; any other root reads only files, including `proc/cpuinfo`).
    pub fn new(root: impl Into<PathBuf>) -> Reader {
        let root = root.into();
        let system = root == Path::new("/");
        Reader {
            root,
            system,
            persistent_id: None,
            hostname: false,
            machine_id: OnceLock::new(),
            dmi: OnceLock::new(),
            mountinfo: OnceLock::new(),
            root_fs_uuid: OnceLock::new(),
            macs: OnceLock::new(),
            cpu: OnceLock::new(),
            persistent: OnceLock::new(),
            os_name: OnceLock::new(),
            hostname_value: OnceLock::new(),
            anchor: OnceLock::new(),
            environment: OnceLock::new(),
        }
    }

    /// This machine. Opted into the persistent id at its default location when the
    /// environment variable `LICENSEKIT_PERSISTENT_ID` is `1`.
    pub fn system() -> Reader {
        let reader = Reader::new("/");
        if std::env::var_os(PERSISTENT_ID_ENV).is_some_and(|v| v == "1")
            && let Some(path) = persistent::default_path()
        {
            return reader.with_persistent_id(path);
        }
        reader
    }

    /// Opts in to the persistent random id stored at `path`, used (and created on first use)
    /// only when the machine has no OS machine id and no hardware anchor.
    pub fn with_persistent_id(mut self, path: impl Into<PathBuf>) -> Reader {
        self.persistent_id = Some(path.into());
        self
    }

    /// Adds the hostname to the matching vector (never to the ID). Off by default: renaming a
    /// machine is not a different machine.
    pub fn with_hostname(mut self, include: bool) -> Reader {
        self.hostname = include;
        self
    }

    /// The filesystem root this reader reads.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The default-algorithm ID for `product`. Reads only the sources the ID needs (usually
    /// just the machine id). Never fails: with no source at all the ID is still computed
    /// (see [`Fingerprint::missing`] through [`Reader::fingerprint`]).
    pub fn hardware_id(&self, product: &str) -> String {
        let anchor = self.anchor();
        let inputs: Vec<(&str, [u8; 32])> = anchor
            .name
            .map(|n| (n, anchor.value_hash))
            .into_iter()
            .collect();
        algorithm::default_id(product, &inputs)
    }

    /// The ID and the explained component vector for `product`.
    pub fn fingerprint(
        &self,
        product: &str,
        algorithm: Algorithm,
    ) -> Result<Fingerprint, FingerprintError> {
        let id = match algorithm {
            Algorithm::Default => self.hardware_id(product),
            Algorithm::LicenseSpringCompat => {
                algorithm::licensespring_id(self.machine_id().ok_or(FingerprintError::NoMachineId)?)
            }
        };
        Ok(Fingerprint {
            id,
            algorithm,
            components: self.components(product, algorithm),
        })
    }

    /// VM, container and WSL evidence for this root.
    pub fn environment(&self) -> Environment {
        self.environment
            .get_or_init(|| {
                environment::detect(&self.root, self.system, self.cpu(), self.mountinfo())
            })
            .clone()
    }

    fn components(&self, product: &str, algorithm: Algorithm) -> Vec<Component> {
        let anchor = match algorithm {
            Algorithm::Default => self.anchor().name,
            Algorithm::LicenseSpringCompat => Some(component::MACHINE_ID.name),
        };
        let make = |spec: Spec, value: Option<&str>| Component {
            name: spec.name.to_owned(),
            digest: value
                .map(|v| component::digest(product, spec.name, v))
                .unwrap_or_default(),
            weight: spec.weight,
            present: value.is_some(),
            in_id: value.is_some() && anchor == Some(spec.name),
        };
        let dmi = self.dmi();
        let mut out = vec![make(component::MACHINE_ID, self.machine_id())];
        if self.persistent_id.is_some() {
            // Read (or created) only when the ID needed it; otherwise shown as not used.
            let value = if anchor == Some(component::PERSISTENT_ID.name) {
                self.persistent()
            } else {
                None
            };
            out.push(make(component::PERSISTENT_ID, value));
        }
        out.push(make(
            component::DMI_PRODUCT_UUID,
            dmi.product_uuid.as_deref(),
        ));
        out.push(make(
            component::DMI_BOARD_SERIAL,
            dmi.board_serial.as_deref(),
        ));
        out.push(make(component::ROOT_FS_UUID, self.root_fs_uuid()));
        let macs = self.macs();
        if macs.is_empty() {
            out.push(make(component::MAC, None));
        }
        let mut mac_components: Vec<Component> =
            macs.iter().map(|m| make(component::MAC, Some(m))).collect();
        if anchor == Some(component::MAC.name) {
            mac_components.iter_mut().for_each(|c| c.in_id = true);
        }
        // Sorted by digest so the order says nothing about the interfaces.
        mac_components.sort_by(|a, b| a.digest.cmp(&b.digest));
        out.extend(mac_components);
        out.push(make(component::CPU, self.cpu().canonical.as_deref()));
        out.push(make(
            component::OS_NAME,
            self.os_name
                .get_or_init(|| os::os_name(&self.root))
                .as_deref(),
        ));
        if self.hostname {
            out.push(make(
                component::HOSTNAME,
                self.hostname_value
                    .get_or_init(|| os::hostname(&self.root))
                    .as_deref(),
            ));
        }
        out
    }

    /// The ID chain: the OS machine id; without one, the first of a world-readable DMI
    /// product UUID, the root filesystem UUID, the physical MACs, the opted-in persistent id,
    /// the CPU. Nothing readable only by root is ever part of it.
    fn anchor(&self) -> &Anchor {
        self.anchor.get_or_init(|| {
            let hash = |v: &str| -> [u8; 32] { Sha256::digest(v.as_bytes()).into() };
            let pick = |name: &'static str, v: &str| Anchor {
                name: Some(name),
                value_hash: hash(v),
            };
            if let Some(id) = self.machine_id() {
                return pick(component::MACHINE_ID.name, id);
            }
            let dmi = self.dmi();
            if dmi.product_uuid_public
                && let Some(uuid) = &dmi.product_uuid
            {
                return pick(component::DMI_PRODUCT_UUID.name, uuid);
            }
            if let Some(uuid) = self.root_fs_uuid() {
                return pick(component::ROOT_FS_UUID.name, uuid);
            }
            let macs = self.macs();
            if !macs.is_empty() {
                return pick(component::MAC.name, &macs.join(","));
            }
            if let Some(id) = self.persistent() {
                return pick(component::PERSISTENT_ID.name, id);
            }
            if let Some(cpu) = &self.cpu().canonical {
                return pick(component::CPU.name, cpu);
            }
            Anchor {
                name: None,
                value_hash: [0; 32],
            }
        })
    }

    fn machine_id(&self) -> Option<&str> {
        self.machine_id
            .get_or_init(|| {
                if self.system
                    && let Some(id) = platform::os_machine_id()
                {
                    return Some(id);
                }
                machine_id::PATHS.iter().find_map(|p| {
                    let text = read_world_readable(&self.root.join(p))?;
                    machine_id::validate(&text).map(str::to_owned)
                })
            })
            .as_deref()
    }

    fn dmi(&self) -> &Dmi {
        self.dmi.get_or_init(|| {
            let dir = self.root.join(dmi::DIR);
            let (uuid, public) = read_with_visibility(&dir.join("product_uuid")).unzip();
            let identity = |v: Option<String>| v.and_then(|v| dmi::identity(&v).map(str::to_owned));
            let product_uuid = identity(uuid).map(|u| u.to_ascii_lowercase());
            Dmi {
                product_uuid_public: product_uuid.is_some() && public == Some(true),
                product_uuid,
                board_serial: identity(read_small(&dir.join("board_serial"))),
            }
        })
    }

    fn mountinfo(&self) -> Option<&str> {
        self.mountinfo
            .get_or_init(|| read_to_string(&self.root.join("proc/self/mountinfo")))
            .as_deref()
    }

    fn root_fs_uuid(&self) -> Option<&str> {
        self.root_fs_uuid
            .get_or_init(|| {
                // This machine: one stat("/"); mountinfo only for anonymous devices.
                let device = if self.system {
                    rootfs::system_root_device()
                } else {
                    None
                };
                let mount = device.or_else(|| rootfs::root_mount(self.mountinfo()?))?;
                rootfs::root_fs_uuid(&self.root, &mount)
            })
            .as_deref()
    }

    fn macs(&self) -> &[String] {
        self.macs
            .get_or_init(|| net::physical_macs(&self.root, self.system))
    }

    fn cpu(&self) -> &CpuInfo {
        self.cpu.get_or_init(|| {
            if self.system {
                cpu::system(&self.root)
            } else {
                read_to_string(&self.root.join("proc/cpuinfo"))
                    .map(|t| cpu::from_cpuinfo(&t))
                    .unwrap_or_default()
            }
        })
    }

    fn persistent(&self) -> Option<&str> {
        self.persistent
            .get_or_init(|| {
                let path = self.persistent_id.as_ref()?;
                persistent::read_or_create(path).ok()
            })
            .as_deref()
    }
}

/// Reads a small file (sysfs attribute, machine id) with one open and one or two reads:
/// cheaper than `read_to_string`, which also stats the file.
pub(crate) fn read_small(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    read_small_from(&mut file, None)
}

/// Reads up to 4 KiB. `known_len` (a regular file's size from a stat already made) lets the
/// common case stop after one read instead of reading again to see the end of the file;
/// sysfs and procfs sizes are not trusted for anything else, so a wrong size costs nothing.
fn read_small_from(file: &mut std::fs::File, known_len: Option<u64>) -> Option<String> {
    let mut buf = [0u8; 4096];
    let mut len = 0;
    loop {
        match file.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => {
                len += n;
                if len == buf.len() || known_len == Some(len as u64) {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    String::from_utf8(buf[..len].to_vec()).ok()
}

/// Like [`read_small`], but only when every user may read the file: a value that root can
/// read and a normal user cannot must not make their IDs differ.
pub(crate) fn read_world_readable(path: &Path) -> Option<String> {
    read_with_visibility(path).and_then(|(text, public)| public.then_some(text))
}

/// Reads a small file and says whether every user may read it (one open, one fstat).
fn read_with_visibility(path: &Path) -> Option<(String, bool)> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    #[cfg(unix)]
    let public = {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o004 != 0
    };
    #[cfg(not(unix))]
    let public = true;
    Some((read_small_from(&mut file, Some(meta.len()))?, public))
}

/// Reads a whole text file that may be large (mountinfo, cpuinfo).
pub(crate) fn read_to_string(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}
