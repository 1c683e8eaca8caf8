//! CPU vendor, brand, family and model, from `cpuid` on x86-64 (no file, no sysinfo refresh)
//! or from `/proc/cpuinfo` elsewhere and for prepared trees. Both give the same canonical text
//! `vendor|brand|family|model`.

use std::path::Path;

/// What the CPU says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CpuInfo {
    /// `vendor|brand|family|model`, or None when nothing was found.
    pub canonical: Option<String>,
    /// The hypervisor-present bit (CPUID.1:ECX[31], or the `hypervisor` cpuinfo flag).
    pub hypervisor: bool,
}

fn canonical(vendor: &str, brand: &str, family: &str, model: &str) -> Option<String> {
    if vendor.is_empty() && brand.is_empty() {
        return None;
    }
    Some(format!("{vendor}|{brand}|{family}|{model}"))
}

/// Parses the first processor block of a `/proc/cpuinfo` text (x86 and ARM field names).
pub(crate) fn from_cpuinfo(text: &str) -> CpuInfo {
    let block = text.split("\n\n").next().unwrap_or("");
    let field = |key: &str| {
        block.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim() == key).then(|| v.trim().to_owned())
        })
    };
    let (vendor, brand, family, model) = match field("vendor_id") {
        Some(vendor) => (
            vendor,
            field("model name").unwrap_or_default(),
            field("cpu family").unwrap_or_default(),
            field("model").unwrap_or_default(),
        ),
        None => (
            field("CPU implementer").unwrap_or_default(),
            field("CPU part").unwrap_or_default(),
            field("CPU architecture").unwrap_or_default(),
            field("CPU variant").unwrap_or_default(),
        ),
    };
    let flags = field("flags").unwrap_or_default();
    CpuInfo {
        canonical: canonical(&vendor, &brand, &family, &model),
        hypervisor: flags.split_whitespace().any(|f| f == "hypervisor"),
    }
}

/// The CPU of the machine this process runs on.
pub(crate) fn system(root: &Path) -> CpuInfo {
    #[cfg(target_arch = "x86_64")]
    {
        let _ = root;
        from_cpuid()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        super::reader::read_to_string(&root.join("proc/cpuinfo"))
            .map(|t| from_cpuinfo(&t))
            .unwrap_or_default()
    }
}

/// Reads vendor, brand, family/model and the hypervisor bit with `cpuid` (about ten leaves).
#[cfg(target_arch = "x86_64")]
pub(crate) fn from_cpuid() -> CpuInfo {
    use std::arch::x86_64::__cpuid;

    fn text(regs: &[u32]) -> String {
        let bytes: Vec<u8> = regs.iter().flat_map(|r| r.to_le_bytes()).collect();
        String::from_utf8_lossy(&bytes)
            .trim_matches(char::from(0))
            .trim()
            .to_owned()
    }
    // `cpuid` is always available on x86-64.
    let leaf0 = __cpuid(0);
    let vendor = text(&[leaf0.ebx, leaf0.edx, leaf0.ecx]);
    let (mut family, mut model, mut hypervisor) = (0u32, 0u32, false);
    if leaf0.eax >= 1 {
        let leaf1 = __cpuid(1);
        let sig = leaf1.eax;
        // Same arithmetic as the kernel's x86_family()/x86_model(), so the text equals the
        // "cpu family"/"model" lines of /proc/cpuinfo.
        family = (sig >> 8) & 0xf;
        if family == 0xf {
            family += (sig >> 20) & 0xff;
        }
        model = (sig >> 4) & 0xf;
        if family >= 0x6 {
            model += ((sig >> 16) & 0xf) << 4;
        }
        hypervisor = leaf1.ecx & (1 << 31) != 0;
    }
    let brand = if __cpuid(0x8000_0000).eax >= 0x8000_0004 {
        let regs: Vec<u32> = (0x8000_0002u32..=0x8000_0004)
            .flat_map(|leaf| {
                let r = __cpuid(leaf);
                [r.eax, r.ebx, r.ecx, r.edx]
            })
            .collect();
        text(&regs)
    } else {
        String::new()
    };
    CpuInfo {
        canonical: canonical(&vendor, &brand, &family.to_string(), &model.to_string()),
        hypervisor,
    }
}

/// The hypervisor's CPUID signature (`KVMKVMKVM`, `VMwareVMware`, `Microsoft Hv`, …) when the
/// hypervisor bit is set; only the environment report needs it (each `cpuid` in a VM is a
/// trap costing microseconds).
#[cfg(target_arch = "x86_64")]
pub(crate) fn hypervisor_vendor(info: &CpuInfo) -> Option<String> {
    if !info.hypervisor {
        return None;
    }
    let r = std::arch::x86_64::__cpuid(0x4000_0000);
    let bytes: Vec<u8> = [r.ebx, r.ecx, r.edx]
        .iter()
        .flat_map(|r| r.to_le_bytes())
        .collect();
    let sig = String::from_utf8_lossy(&bytes)
        .trim_matches(char::from(0))
        .trim()
        .to_owned();
    (!sig.is_empty()).then_some(sig)
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) fn hypervisor_vendor(_info: &CpuInfo) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpuinfo_gives_vendor_brand_family_model() {
        let text = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n\
                    model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\nflags\t\t: fpu hypervisor\n\n\
                    processor\t: 1\nvendor_id\t: Other\n";
        let info = from_cpuinfo(text);
        assert_eq!(
            info.canonical.as_deref(),
            Some("GenuineIntel|Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz|6|85")
        );
        assert!(info.hypervisor);
    }

    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    #[test]
    fn cpuid_and_proc_cpuinfo_agree_on_this_machine() {
        let from_file = from_cpuinfo(&std::fs::read_to_string("/proc/cpuinfo").unwrap());
        let from_cpu = from_cpuid();
        assert_eq!(from_cpu.canonical, from_file.canonical);
        assert_eq!(from_cpu.hypervisor, from_file.hypervisor);
    }
}
