//! The named ID algorithms and the ID text format.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::FingerprintError;

/// How the ID is computed from the components.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Algorithm {
    /// `licensekit-v1`: SHA-256 over a per-product salt and the ID components, shown as 16
    /// groups of 4 upper-case hex digits. See docs/fingerprint.md for the exact input.
    #[default]
    #[serde(rename = "licensekit-v1")]
    Default,
    /// `licensespring-compat`: lowercase hex SHA-256 of the trimmed OS machine id, unsalted —
    /// what LicenseSpring's own SDKs send on Linux, so migrated activations keep matching.
    #[serde(rename = "licensespring-compat")]
    LicenseSpringCompat,
}

impl Algorithm {
    /// Every algorithm, in documentation order.
    pub const ALL: [Algorithm; 2] = [Algorithm::Default, Algorithm::LicenseSpringCompat];

    /// The stable name used on the command line, in JSON and in the bindings.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Default => "licensekit-v1",
            Algorithm::LicenseSpringCompat => "licensespring-compat",
        }
    }

    /// Parses a name given by [`Algorithm::name`] (`default` is accepted for `licensekit-v1`).
    pub fn from_name(name: &str) -> Result<Algorithm, FingerprintError> {
        match name {
            "licensekit-v1" | "default" => Ok(Algorithm::Default),
            "licensespring-compat" => Ok(Algorithm::LicenseSpringCompat),
            other => Err(FingerprintError::UnknownAlgorithm(other.to_owned())),
        }
    }
}

impl std::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Domain separation: a licensekit-v1 ID can never equal any other SHA-256 we compute.
const ID_DOMAIN: &[u8] = b"licensekit-v1/id\0";

/// The licensekit-v1 ID: `SHA-256("licensekit-v1/id\0" ‖ product ‖ "\0" ‖ for each ID
/// component in order: name ‖ "=" ‖ SHA-256(value) ‖ "\n")`, formatted as `XXXX-XXXX-…`.
pub(crate) fn default_id(product: &str, id_inputs: &[(&str, [u8; 32])]) -> String {
    let mut h = Sha256::new();
    h.update(ID_DOMAIN);
    h.update(product.as_bytes());
    h.update([0u8]);
    for (name, value_hash) in id_inputs {
        h.update(name.as_bytes());
        h.update(b"=");
        h.update(value_hash);
        h.update(b"\n");
    }
    format_grouped(&h.finalize().into())
}

/// The licensespring-compat ID: lowercase hex of SHA-256 of the trimmed machine id.
pub(crate) fn licensespring_id(trimmed_machine_id: &str) -> String {
    hex_lower(&Sha256::digest(trimmed_machine_id.as_bytes()))
}

/// `A53F-0CBC-…`: 64 upper-case hex digits in 16 groups of 4.
fn format_grouped(hash: &[u8; 32]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(79);
    for (i, pair) in hash.chunks(2).enumerate() {
        if i > 0 {
            out.push('-');
        }
        for b in pair {
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Lowercase hex of any bytes.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_sixteen_groups_of_four_uppercase_hex_digits() {
        let id = default_id("p", &[("machine_id", [7u8; 32])]);
        let groups: Vec<&str> = id.split('-').collect();
        assert_eq!(groups.len(), 16);
        assert!(groups.iter().all(|g| {
            g.len() == 4
                && g.chars()
                    .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
        }));
    }

    #[test]
    fn names_round_trip() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.name()), Ok(a));
        }
        assert!(matches!(
            Algorithm::from_name("md5"),
            Err(FingerprintError::UnknownAlgorithm(_))
        ));
    }
}
