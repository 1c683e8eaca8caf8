//! DMI/SMBIOS identity values from `/sys/class/dmi/id`, minus the factory defaults that many
//! boards ship with and that therefore identify nothing.

/// Directory of the DMI attributes, relative to the filesystem root.
pub(crate) const DIR: &str = "sys/class/dmi/id";

/// Values seen on real boards that are placeholders, compared case-insensitively after
/// trimming.
const PLACEHOLDERS: [&str; 18] = [
    "03000200-0400-0500-0006-000700080009",
    "to be filled by o.e.m.",
    "default string",
    "not specified",
    "not applicable",
    "system serial number",
    "base board serial number",
    "chassis serial number",
    "none",
    "n/a",
    "na",
    "oem",
    "o.e.m.",
    "0",
    "0123456789",
    "123456789",
    "1234567890",
    "serial",
];

/// Returns the trimmed value unless it is a factory default (an entry of the list, or a
/// value made only of `0`, `F`, `X`, spaces and dashes, which covers the all-zero and all-F
/// UUIDs).
pub(crate) fn identity(raw: &str) -> Option<&str> {
    let v = raw.trim();
    if v.is_empty() || PLACEHOLDERS.iter().any(|p| v.eq_ignore_ascii_case(p)) {
        return None;
    }
    let filler = v
        .bytes()
        .all(|b| matches!(b, b'0' | b'f' | b'F' | b'x' | b'X' | b'-' | b' '));
    let uniform = {
        let mut digits = v.bytes().filter(|b| *b != b'-' && *b != b' ');
        let first = digits.next();
        first.is_some()
            && digits.all(|b| Some(b.to_ascii_lowercase()) == first.map(|f| f.to_ascii_lowercase()))
    };
    if filler && uniform {
        return None;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::identity;

    #[test]
    fn factory_defaults_are_not_identity() {
        for raw in [
            "03000200-0400-0500-0006-000700080009\n",
            "00000000-0000-0000-0000-000000000000",
            "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            "To be filled by O.E.M.",
            "Default string",
            "",
        ] {
            assert_eq!(identity(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn real_values_pass() {
        assert_eq!(
            identity("4c4c4544-0042-3510-8052-b4c04f4e4d32\n"),
            Some("4c4c4544-0042-3510-8052-b4c04f4e4d32")
        );
        assert_eq!(identity("PF2X0ABC"), Some("PF2X0ABC"));
    }
}
