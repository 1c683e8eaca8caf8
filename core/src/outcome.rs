//! THE outcome table: every answer a license server can give and every way asking can fail,
//! with stable numbers for C, a category, a retryable flag and a description.
//!
//! This table is the single source of truth: the C header's enum, the Python and Node enums
//! and `docs/outcomes.md` are generated from it, and tests compare them.
//!
//! Numbers are grouped by hundreds (0–99 granted, 1xx refused, 2xx request, 3xx client), are
//! frozen once released, and are never reused.

use serde::{Serialize, Serializer};

/// Which side decided the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The server granted what was asked.
    Granted,
    /// The server judged the request and said no.
    Refused,
    /// The server could not judge the request (bad parameters, auth, rate limit, its own error).
    Request,
    /// We could not ask, or could not trust the answer.
    Client,
}

impl Category {
    /// The lower-case name used in JSON and docs (`"granted"`, `"refused"`, …).
    pub const fn name(self) -> &'static str {
        match self {
            Category::Granted => "granted",
            Category::Refused => "refused",
            Category::Request => "request",
            Category::Client => "client",
        }
    }
}

/// One row of the outcome table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OutcomeInfo {
    /// The contract name, UPPER_SNAKE, the same in every language.
    pub name: &'static str,
    /// The stable number (the C enum value).
    pub number: u32,
    /// Which side decided.
    pub category: Category,
    /// Whether asking again later may give another answer (transport failures, 5xx, 429).
    pub retryable: bool,
    /// One line for humans.
    pub description: &'static str,
}

macro_rules! outcomes {
    ($( $(#[$doc:meta])* $variant:ident = $num:literal, $cat:ident, $retry:literal, $desc:literal; )*) => {
        /// The unified outcome of every operation of every family.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        #[allow(non_camel_case_types)]
        pub enum Outcome {
            $( $(#[$doc])* #[doc = $desc] $variant = $num, )*
        }

        /// Every outcome in table order (by number).
        pub const TABLE: &[OutcomeInfo] = &[
            $( OutcomeInfo {
                name: stringify!($variant),
                number: $num,
                category: Category::$cat,
                retryable: $retry,
                description: $desc,
            }, )*
        ];

        impl Outcome {
            /// Every outcome, in table order.
            pub const ALL: &'static [Outcome] = &[ $( Outcome::$variant, )* ];

            /// This outcome's row in the table.
            pub const fn info(self) -> &'static OutcomeInfo {
                let mut i = 0;
                while i < TABLE.len() {
                    if TABLE[i].number == self as u32 {
                        return &TABLE[i];
                    }
                    i += 1;
                }
                // Every variant has a row by construction of the macro.
                unreachable!()
            }

            /// The outcome with this stable number, if any.
            pub const fn from_number(number: u32) -> Option<Outcome> {
                match number {
                    $( $num => Some(Outcome::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

outcomes! {
    VALID = 0, Granted, false, "The license is valid for this product (and device).";
    DEACTIVATED = 1, Granted, false, "The device was deactivated and its seat freed.";

    KEY_NOT_FOUND = 100, Refused, false, "The license key (or user) is not known to the server.";
    PRODUCT_NOT_FOUND = 101, Refused, false, "The product is unknown, deleted or disabled on the server.";
    KEY_DISABLED = 102, Refused, false, "The license was disabled by the vendor.";
    KEY_INACTIVE = 103, Refused, false, "The license is marked inactive.";
    KEY_REVOKED = 104, Refused, false, "The license was revoked.";
    KEY_EXPIRED = 105, Refused, false, "The license's validity period has passed.";
    KEY_INVALID = 106, Refused, false, "The license key is malformed or does not match this machine.";
    IP_NOT_AUTHORISED = 107, Refused, false, "The request's IP address is not the one registered on the license.";
    NOT_ACTIVATED = 108, Refused, false, "This device has not activated the license (or was deactivated).";
    DEVICE_BLACKLISTED = 109, Refused, false, "This device is blacklisted for the license.";
    ACTIVATION_LIMIT = 110, Refused, false, "Every seat of the license is taken.";
    RESERVED_BY_OTHER = 111, Refused, false, "The license is reserved by another client.";
    ALREADY_ACTIVATED = 112, Refused, false, "This client already holds an activation of the license.";
    TRANSFER_LIMIT = 113, Refused, false, "The license was transferred the maximum number of times.";
    VM_NOT_ALLOWED = 114, Refused, false, "The license may not be activated in a virtual machine.";
    TRIAL_EXPIRED = 115, Refused, false, "The trial period for this device is over.";
    WRONG_PRODUCT = 116, Refused, false, "The license belongs to another product.";
    WRONG_CLIENT = 117, Refused, false, "The license belongs to another client, or the client is unknown.";
    CONSUMPTION_EXHAUSTED = 118, Refused, false, "The license has no consumptions left.";
    FLOATING_UNAVAILABLE = 119, Refused, false, "No floating slot is free.";
    VERSION_NOT_SUPPORTED = 120, Refused, false, "The license does not allow this application version.";

    MISSING_PARAMETER = 200, Request, false, "A required parameter was missing or malformed.";
    AUTH_FAILED = 201, Request, false, "The server rejected the API credentials or the request signature.";
    RATE_LIMITED = 202, Request, true, "The server asked us to slow down (HTTP 429).";
    SERVER_ERROR = 203, Request, true, "The server failed (HTTP 5xx or a server-side error code).";
    UNKNOWN_VENDOR_CODE = 204, Request, false, "The server answered with a code licensekit does not know; the raw code is kept.";

    NETWORK_ERROR = 300, Client, true, "The server could not be reached (connection refused, reset or DNS failure).";
    TIMEOUT = 301, Client, true, "The server did not answer in time.";
    TLS_ERROR = 302, Client, false, "The TLS handshake failed (certificate or protocol).";
    INVALID_RESPONSE = 303, Client, false, "The server's answer could not be understood.";
    SIGNATURE_INVALID = 304, Client, false, "The server's answer failed its signature or freshness check.";
    INVALID_ARGUMENT = 305, Client, false, "An argument given to licensekit was missing, malformed or too long.";
    INTERNAL_ERROR = 306, Client, false, "licensekit failed internally; please report it.";
}

impl Outcome {
    /// The contract name (`"KEY_NOT_FOUND"`).
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    /// The stable number (the C enum value).
    pub const fn number(self) -> u32 {
        self as u32
    }

    /// Which side decided.
    pub const fn category(self) -> Category {
        self.info().category
    }

    /// Whether asking again later may give another answer.
    pub const fn retryable(self) -> bool {
        self.info().retryable
    }

    /// One line for humans.
    pub const fn description(self) -> &'static str {
        self.info().description
    }

    /// True for the `granted` group (`VALID`, `DEACTIVATED`).
    pub const fn is_granted(self) -> bool {
        matches!(self.category(), Category::Granted)
    }

    /// The outcome with this contract name, if any.
    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.iter().copied().find(|o| o.name() == name)
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The table as JSON: `[{"name", "number", "category", "retryable", "description"}, …]`.
/// `licensekit outcomes --json` prints this; the bindings' tests compare against it.
pub fn table_json() -> String {
    serde_json::to_string_pretty(TABLE).expect("the outcome table always serialises")
}

/// The table as the Markdown page committed at `docs/outcomes.md`.
pub fn table_markdown() -> String {
    let mut out = String::from(
        "# Outcomes\n\n\
         <!-- Generated from core/src/outcome.rs by `licensekit outcomes --markdown`; do not edit. -->\n\n\
         Every operation of every family returns exactly one of these outcomes. Numbers are \
         stable (the C enum values); names are the same in C (`LK_OUTCOME_<NAME>`), Python \
         (`Outcome.<NAME>`) and Node (`Outcome.<NAME>`).\n\n\
         | number | name | category | retryable | description |\n\
         |---:|---|---|---|---|\n",
    );
    for row in TABLE {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            row.number,
            row.name,
            row.category.name(),
            if row.retryable { "yes" } else { "no" },
            row.description
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_unique_and_grouped_by_hundreds() {
        let mut seen = std::collections::HashSet::new();
        for row in TABLE {
            assert!(
                seen.insert(row.number),
                "{} reuses {}",
                row.name,
                row.number
            );
            let expected = match row.number / 100 {
                0 => Category::Granted,
                1 => Category::Refused,
                2 => Category::Request,
                3 => Category::Client,
                _ => panic!("{} is outside 0..400", row.name),
            };
            assert_eq!(row.category, expected, "{}", row.name);
        }
    }

    #[test]
    fn every_variant_round_trips_through_number_and_name() {
        for &o in Outcome::ALL {
            assert_eq!(Outcome::from_number(o.number()), Some(o));
            assert_eq!(Outcome::from_name(o.name()), Some(o));
            assert_eq!(o.info().number, o.number());
        }
        assert_eq!(Outcome::ALL.len(), TABLE.len());
        assert_eq!(Outcome::from_number(99), None);
    }

    #[test]
    fn valid_is_zero_and_contract_names_are_present() {
        assert_eq!(Outcome::VALID.number(), 0);
        let names: Vec<_> = TABLE.iter().map(|r| r.name).collect();
        for name in [
            "VALID",
            "DEACTIVATED",
            "KEY_NOT_FOUND",
            "PRODUCT_NOT_FOUND",
            "KEY_DISABLED",
            "KEY_INACTIVE",
            "KEY_REVOKED",
            "KEY_EXPIRED",
            "KEY_INVALID",
            "IP_NOT_AUTHORISED",
            "NOT_ACTIVATED",
            "DEVICE_BLACKLISTED",
            "ACTIVATION_LIMIT",
            "RESERVED_BY_OTHER",
            "ALREADY_ACTIVATED",
            "TRANSFER_LIMIT",
            "VM_NOT_ALLOWED",
            "TRIAL_EXPIRED",
            "WRONG_PRODUCT",
            "WRONG_CLIENT",
            "CONSUMPTION_EXHAUSTED",
            "FLOATING_UNAVAILABLE",
            "VERSION_NOT_SUPPORTED",
            "MISSING_PARAMETER",
            "AUTH_FAILED",
            "RATE_LIMITED",
            "SERVER_ERROR",
            "UNKNOWN_VENDOR_CODE",
            "NETWORK_ERROR",
            "TIMEOUT",
            "TLS_ERROR",
            "INVALID_RESPONSE",
            "SIGNATURE_INVALID",
            "INVALID_ARGUMENT",
            "INTERNAL_ERROR",
        ] {
            assert!(names.contains(&name), "{name} missing from the table");
        }
        assert_eq!(names.len(), 35);
    }

    #[test]
    fn only_transient_failures_are_retryable() {
        let retryable: Vec<_> = Outcome::ALL
            .iter()
            .filter(|o| o.retryable())
            .map(|o| o.name())
            .collect();
        assert_eq!(
            retryable,
            ["RATE_LIMITED", "SERVER_ERROR", "NETWORK_ERROR", "TIMEOUT"]
        );
    }
}
