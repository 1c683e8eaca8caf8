//! The `Outcome` enum and the outcome table, as JS sees them.
//!
//! napi needs the variants spelled out to generate `index.d.ts`, so they are listed once below;
//! the macro proves at compile time that the list is exactly the core's (`From` is an
//! exhaustive match in both directions and every number is asserted against the core's), and
//! `tests/node/outcome.test.mjs` compares the result with `licensekit outcomes --json`.

use licensekit_core::outcome::{Category as CoreCategory, OutcomeInfo as CoreInfo, TABLE};
use napi_derive::napi;

macro_rules! outcomes {
    ($($name:ident = $number:literal),* $(,)?) => {
        /// The unified outcome of every operation of every family: the same names and numbers as
        /// the C enum (`LK_OUTCOME_<NAME>`) and Python's `Outcome.<NAME>`. 0–99 granted,
        /// 1xx refused by the server, 2xx the server could not judge, 3xx we could not ask.
        /// The full table with descriptions: `outcomeTable()` or docs/outcomes.md.
        #[napi]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Debug, PartialEq, Eq)]
        pub enum Outcome {
            $($name = $number,)*
        }

        impl From<licensekit_core::Outcome> for Outcome {
            fn from(outcome: licensekit_core::Outcome) -> Self {
                match outcome {
                    $(licensekit_core::Outcome::$name => Outcome::$name,)*
                }
            }
        }

        impl From<Outcome> for licensekit_core::Outcome {
            fn from(outcome: Outcome) -> Self {
                match outcome {
                    $(Outcome::$name => licensekit_core::Outcome::$name,)*
                }
            }
        }

        // The numbers napi puts into JS must be the core's; a mismatch fails the build.
        const _: () = {
            $(assert!(licensekit_core::Outcome::$name as u32 == $number);)*
        };
    };
}

outcomes! {
    VALID = 0,
    DEACTIVATED = 1,
    KEY_NOT_FOUND = 100,
    PRODUCT_NOT_FOUND = 101,
    KEY_DISABLED = 102,
    KEY_INACTIVE = 103,
    KEY_REVOKED = 104,
    KEY_EXPIRED = 105,
    KEY_INVALID = 106,
    IP_NOT_AUTHORISED = 107,
    NOT_ACTIVATED = 108,
    DEVICE_BLACKLISTED = 109,
    ACTIVATION_LIMIT = 110,
    RESERVED_BY_OTHER = 111,
    ALREADY_ACTIVATED = 112,
    TRANSFER_LIMIT = 113,
    VM_NOT_ALLOWED = 114,
    TRIAL_EXPIRED = 115,
    WRONG_PRODUCT = 116,
    WRONG_CLIENT = 117,
    CONSUMPTION_EXHAUSTED = 118,
    FLOATING_UNAVAILABLE = 119,
    VERSION_NOT_SUPPORTED = 120,
    MISSING_PARAMETER = 200,
    AUTH_FAILED = 201,
    RATE_LIMITED = 202,
    SERVER_ERROR = 203,
    UNKNOWN_VENDOR_CODE = 204,
    NETWORK_ERROR = 300,
    TIMEOUT = 301,
    TLS_ERROR = 302,
    INVALID_RESPONSE = 303,
    SIGNATURE_INVALID = 304,
    INVALID_ARGUMENT = 305,
    INTERNAL_ERROR = 306,
}

/// Which side decided an outcome.
#[napi(string_enum = "lowercase")]
#[derive(Debug, PartialEq, Eq)]
pub enum Category {
    /// The server granted what was asked.
    Granted,
    /// The server judged the request and said no.
    Refused,
    /// The server could not judge the request (parameters, credentials, rate limit, its own error).
    Request,
    /// We could not ask, or could not trust the answer (network, timeout, TLS, signature).
    Client,
}

impl From<CoreCategory> for Category {
    fn from(category: CoreCategory) -> Self {
        match category {
            CoreCategory::Granted => Category::Granted,
            CoreCategory::Refused => Category::Refused,
            CoreCategory::Request => Category::Request,
            CoreCategory::Client => Category::Client,
        }
    }
}

/// One row of the outcome table.
#[napi(object)]
#[derive(Debug)]
pub struct OutcomeInfo {
    /// The contract name, UPPER_SNAKE, the same in every language (`"KEY_NOT_FOUND"`).
    pub name: String,
    /// The stable number (`Outcome.KEY_NOT_FOUND === 100`).
    pub number: u32,
    /// Which side decided.
    pub category: Category,
    /// Whether asking again later may give another answer (transport failures, 5xx, 429).
    pub retryable: bool,
    /// One line for humans.
    pub description: String,
}

impl From<&CoreInfo> for OutcomeInfo {
    fn from(row: &CoreInfo) -> Self {
        OutcomeInfo {
            name: row.name.to_owned(),
            number: row.number,
            category: row.category.into(),
            retryable: row.retryable,
            description: row.description.to_owned(),
        }
    }
}

/// Every outcome in table order (by number), with its category, retryability and description.
#[napi]
pub fn outcome_table() -> Vec<OutcomeInfo> {
    TABLE.iter().map(OutcomeInfo::from).collect()
}

/// The table row of one outcome (`outcomeInfo(Outcome.TIMEOUT).retryable === true`).
#[napi]
pub fn outcome_info(outcome: Outcome) -> OutcomeInfo {
    licensekit_core::Outcome::from(outcome).info().into()
}
