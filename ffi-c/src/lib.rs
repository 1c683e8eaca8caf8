//! C ABI for licensekit: liblicensekit and include/licensekit.h (being built).
