//! Which API family and which of its operations a verdict answers.

use serde::{Serialize, Serializer};

/// The license-server API family a call went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// FaxStore license system (FAXES / Weblutions).
    FaxStore,
    /// LicenseSpring License API v4 (HMAC-signed requests, signed responses).
    LicenseSpring,
    /// LicenseSpring Management API (API-key auth).
    LicenseSpringManagement,
    /// frameCAD Licensing API v1.
    FrameCad,
}

impl Family {
    /// Every family.
    pub const ALL: &'static [Family] = &[
        Family::FaxStore,
        Family::LicenseSpring,
        Family::LicenseSpringManagement,
        Family::FrameCad,
    ];

    /// The stable lower-case name (`"faxstore"`, `"licensespring"`,
    /// `"licensespring-management"`, `"framecad"`).
    pub const fn name(self) -> &'static str {
        match self {
            Family::FaxStore => "faxstore",
            Family::LicenseSpring => "licensespring",
            Family::LicenseSpringManagement => "licensespring-management",
            Family::FrameCad => "framecad",
        }
    }

    /// The family with this name, if any.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The operations this family offers.
    pub const fn operations(self) -> &'static [Operation] {
        match self {
            Family::FaxStore => &[
                Operation::Check,
                Operation::CheckMultiple,
                Operation::CheckV1,
            ],
            Family::LicenseSpring => {
                &[Operation::Activate, Operation::Check, Operation::Deactivate]
            }
            Family::LicenseSpringManagement => &[Operation::Check],
            Family::FrameCad => &[
                Operation::Activate,
                Operation::Validate,
                Operation::Check,
                Operation::Status,
                Operation::Deactivate,
            ],
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Family {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The operation a call performed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// Ask whether the license is valid (no bookkeeping on frameCAD).
    Check,
    /// FaxStore: check a key against several products at once.
    CheckMultiple,
    /// FaxStore: the legacy v1 `checkitem` endpoint.
    CheckV1,
    /// Take a seat for this device.
    Activate,
    /// frameCAD: validate an activation (touches `updated_at`).
    Validate,
    /// frameCAD: check and record a last-seen time.
    Status,
    /// Free this device's seat.
    Deactivate,
}

impl Operation {
    /// Every operation.
    pub const ALL: &'static [Operation] = &[
        Operation::Check,
        Operation::CheckMultiple,
        Operation::CheckV1,
        Operation::Activate,
        Operation::Validate,
        Operation::Status,
        Operation::Deactivate,
    ];

    /// The stable snake_case name (`"check"`, `"check_multiple"`, `"check_v1"`, `"activate"`,
    /// `"validate"`, `"status"`, `"deactivate"`).
    pub const fn name(self) -> &'static str {
        match self {
            Operation::Check => "check",
            Operation::CheckMultiple => "check_multiple",
            Operation::CheckV1 => "check_v1",
            Operation::Activate => "activate",
            Operation::Validate => "validate",
            Operation::Status => "status",
            Operation::Deactivate => "deactivate",
        }
    }

    /// The operation with this name, if any.
    pub fn from_name(name: &str) -> Option<Operation> {
        Operation::ALL.iter().copied().find(|o| o.name() == name)
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &f in Family::ALL {
            assert_eq!(Family::from_name(f.name()), Some(f));
        }
        for &o in Operation::ALL {
            assert_eq!(Operation::from_name(o.name()), Some(o));
        }
        assert_eq!(Family::from_name("nope"), None);
    }
}
