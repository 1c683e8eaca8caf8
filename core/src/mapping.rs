//! The mapping from a vendor's answer to the unified outcome: a pure function of
//! (family, operation, HTTP status, vendor code), plus the two facts PROTOCOLS.md §5 needs
//! beyond the code (FaxStore's `details` splitting `NOT FOUND`, LicenseSpring's license flags).
//!
//! Precedence, the same for every family: HTTP 429 → `RATE_LIMITED`, HTTP 5xx →
//! `SERVER_ERROR` (the server is not judging whatever the body says); then the vendor code;
//! then, when the body carried no code, the HTTP status.

use crate::{Family, Operation, Outcome};

/// LicenseSpring's verdict flags in a 200 license object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LicenseFlags {
    /// `license_enabled`.
    pub enabled: bool,
    /// `license_active`.
    pub active: bool,
    /// `is_expired`.
    pub expired: bool,
}

/// A vendor's answer, reduced to what decides the outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reply<'a> {
    /// The HTTP status.
    pub http_status: u16,
    /// The raw vendor code (FaxStore `status`, LicenseSpring `code`, frameCAD `code` as text).
    pub vendor_code: Option<&'a str>,
    /// FaxStore `pass` (a `pass:false` answer never maps to `VALID`).
    pub pass: Option<bool>,
    /// FaxStore `details`, which tells the two `NOT FOUND`s apart.
    pub details: Option<&'a str>,
    /// LicenseSpring license flags of a 200 license object.
    pub license: Option<LicenseFlags>,
}

/// The outcome for (family, operation, HTTP status, vendor code).
pub fn map(
    family: Family,
    operation: Operation,
    http_status: u16,
    vendor_code: Option<&str>,
) -> Outcome {
    map_reply(
        family,
        operation,
        &Reply {
            http_status,
            vendor_code,
            ..Reply::default()
        },
    )
}

/// The outcome for a full [`Reply`].
pub fn map_reply(family: Family, operation: Operation, reply: &Reply<'_>) -> Outcome {
    let status = reply.http_status;
    if status == 429 {
        return Outcome::RATE_LIMITED;
    }
    if (500..600).contains(&status) {
        return Outcome::SERVER_ERROR;
    }
    let code = reply.vendor_code.map(str::trim);
    let by_code = match (family, code) {
        (_, None) => None,
        (Family::FaxStore, Some(code)) => Some(faxstore(code, reply.pass, reply.details)),
        (Family::LicenseSpring | Family::LicenseSpringManagement, Some(code)) => {
            Some(licensespring(code))
        }
        (Family::FrameCad, Some(code)) => Some(framecad(operation, code)),
    };
    match by_code {
        // An unknown code on an auth status is still an auth failure; the raw code is kept.
        Some(Outcome::UNKNOWN_VENDOR_CODE) if matches!(status, 401 | 403) => Outcome::AUTH_FAILED,
        // FaxStore signals a malformed request by HTTP 400 whatever its status word says.
        Some(Outcome::UNKNOWN_VENDOR_CODE) if family == Family::FaxStore && status == 400 => {
            Outcome::MISSING_PARAMETER
        }
        Some(outcome) => outcome,
        None => without_code(family, operation, status, reply.license),
    }
}

fn faxstore(status: &str, pass: Option<bool>, details: Option<&str>) -> Outcome {
    let is = |s: &str| status.eq_ignore_ascii_case(s);
    if is("AUTHORISED") || is("OK") {
        // `pass:false` contradicting a success status is not a grant.
        return if pass == Some(false) {
            Outcome::UNKNOWN_VENDOR_CODE
        } else {
            Outcome::VALID
        };
    }
    if is("KEY DISABLED") {
        Outcome::KEY_DISABLED
    } else if is("NOT ACTIVE") {
        Outcome::KEY_INACTIVE
    } else if is("NOT AUTHORISED") {
        Outcome::IP_NOT_AUTHORISED
    } else if is("NOT FOUND") {
        faxstore_not_found(details.unwrap_or(""))
    } else {
        Outcome::UNKNOWN_VENDOR_CODE
    }
}

/// FaxStore answers `NOT FOUND` for an unknown product and for an unknown key alike;
/// `details` says which ("The supplied product…" / "The supplied license key…").
fn faxstore_not_found(details: &str) -> Outcome {
    let details = details.trim().to_ascii_lowercase();
    if details.starts_with("the supplied product") {
        Outcome::PRODUCT_NOT_FOUND
    } else if details.starts_with("the supplied license key") {
        Outcome::KEY_NOT_FOUND
    } else if details.contains("product") && !details.contains("key") {
        Outcome::PRODUCT_NOT_FOUND
    } else {
        Outcome::KEY_NOT_FOUND
    }
}

fn licensespring(code: &str) -> Outcome {
    match code {
        "license_not_found" => Outcome::KEY_NOT_FOUND,
        "unknown_product" | "disabled_product" => Outcome::PRODUCT_NOT_FOUND,
        "license_not_enabled" => Outcome::KEY_DISABLED,
        "license_not_active" => Outcome::KEY_INACTIVE,
        "license_expired" => Outcome::KEY_EXPIRED,
        "device_not_found" => Outcome::NOT_ACTIVATED,
        "blacklisted" => Outcome::DEVICE_BLACKLISTED,
        "license_activated_max_times" => Outcome::ACTIVATION_LIMIT,
        "license_transferred_max_times" => Outcome::TRANSFER_LIMIT,
        "vm_not_allowed" => Outcome::VM_NOT_ALLOWED,
        "trial_expired" => Outcome::TRIAL_EXPIRED,
        "license_not_enough_consumptions" => Outcome::CONSUMPTION_EXHAUSTED,
        "floating_not_available" => Outcome::FLOATING_UNAVAILABLE,
        "product_version_not_supported" => Outcome::VERSION_NOT_SUPPORTED,
        "license_key_required" | "invalid_json" | "validation_error" => Outcome::MISSING_PARAMETER,
        "invalid_api_key" | "revoked_api_key" | "read_only_api_key" | "signature_mismatch"
        | "hmac_required" | "date_header_diff" => Outcome::AUTH_FAILED,
        "internal_error" => Outcome::SERVER_ERROR,
        // `missing_headers`, `missing_parameters`, `missing_hardware_id`, …
        c if c.starts_with("missing_") => Outcome::MISSING_PARAMETER,
        // `authorization_missing_params`, `authorization_invalid_headers`, …
        c if c.starts_with("authorization_") || c.starts_with("oauth_token_") => {
            Outcome::AUTH_FAILED
        }
        // Includes `not_found` (no such API path: a wrong base URL), which the table does not
        // name; the raw code stays in the verdict.
        _ => Outcome::UNKNOWN_VENDOR_CODE,
    }
}

fn framecad(operation: Operation, code: &str) -> Outcome {
    let Ok(code) = code.parse::<i64>() else {
        return Outcome::UNKNOWN_VENDOR_CODE;
    };
    let deactivate = operation == Operation::Deactivate;
    match code {
        0 if deactivate => Outcome::DEACTIVATED,
        0 => Outcome::VALID,
        1 => Outcome::KEY_NOT_FOUND,
        2 => Outcome::RESERVED_BY_OTHER,
        3 => Outcome::ALREADY_ACTIVATED,
        4 => Outcome::KEY_EXPIRED,
        5 => Outcome::KEY_REVOKED,
        6 => Outcome::KEY_INVALID,
        7 => Outcome::NOT_ACTIVATED,
        8 | 10 => Outcome::MISSING_PARAMETER,
        9 if deactivate => Outcome::DEACTIVATED,
        9 => Outcome::NOT_ACTIVATED,
        11 => Outcome::WRONG_PRODUCT,
        12 => Outcome::WRONG_CLIENT,
        13 => Outcome::SERVER_ERROR,
        _ => Outcome::UNKNOWN_VENDOR_CODE,
    }
}

fn without_code(
    family: Family,
    operation: Operation,
    status: u16,
    license: Option<LicenseFlags>,
) -> Outcome {
    match status {
        200..=299 => match family {
            Family::LicenseSpring | Family::LicenseSpringManagement => {
                if operation == Operation::Deactivate {
                    Outcome::DEACTIVATED
                } else {
                    match license {
                        Some(f) if !f.enabled => Outcome::KEY_DISABLED,
                        Some(f) if !f.active => Outcome::KEY_INACTIVE,
                        Some(f) if f.expired => Outcome::KEY_EXPIRED,
                        Some(_) => Outcome::VALID,
                        // A 200 without a license object cannot be trusted as a grant.
                        None => Outcome::INVALID_RESPONSE,
                    }
                }
            }
            // FaxStore and frameCAD always put their verdict in the body.
            Family::FaxStore | Family::FrameCad => Outcome::INVALID_RESPONSE,
        },
        400 | 422 => Outcome::MISSING_PARAMETER,
        401 | 403 => Outcome::AUTH_FAILED,
        _ => Outcome::UNKNOWN_VENDOR_CODE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Family::*;
    use Operation::*;
    use Outcome as O;

    fn fax(status: u16, code: &str, pass: bool, details: &str) -> Outcome {
        map_reply(
            FaxStore,
            Check,
            &Reply {
                http_status: status,
                vendor_code: Some(code),
                pass: Some(pass),
                details: Some(details),
                license: None,
            },
        )
    }

    #[test]
    fn faxstore_statuses_map_per_the_table() {
        assert_eq!(
            fax(200, "AUTHORISED", true, "Authorisation completed"),
            O::VALID
        );
        assert_eq!(
            map_reply(
                FaxStore,
                CheckV1,
                &Reply {
                    http_status: 200,
                    vendor_code: Some("OK"),
                    pass: Some(true),
                    ..Reply::default()
                }
            ),
            O::VALID
        );
        assert_eq!(fax(200, "KEY DISABLED", false, ""), O::KEY_DISABLED);
        assert_eq!(fax(200, "NOT ACTIVE", false, ""), O::KEY_INACTIVE);
        assert_eq!(fax(200, "NOT AUTHORISED", false, ""), O::IP_NOT_AUTHORISED);
        assert_eq!(fax(200, "SOMETHING NEW", false, ""), O::UNKNOWN_VENDOR_CODE);
    }

    #[test]
    fn faxstore_not_found_is_split_by_details() {
        assert_eq!(
            fax(
                200,
                "NOT FOUND",
                false,
                "The supplied product was not found"
            ),
            O::PRODUCT_NOT_FOUND
        );
        assert_eq!(
            fax(
                200,
                "NOT FOUND",
                false,
                "The supplied license key was not found"
            ),
            O::KEY_NOT_FOUND
        );
        assert_eq!(
            fax(200, "NOT FOUND", false, "Product deleted"),
            O::PRODUCT_NOT_FOUND
        );
        assert_eq!(fax(200, "NOT FOUND", false, ""), O::KEY_NOT_FOUND);
    }

    #[test]
    fn faxstore_http_400_is_a_malformed_request_whatever_the_word() {
        assert_eq!(fax(400, "BAD REQUEST", false, ""), O::MISSING_PARAMETER);
        assert_eq!(fax(400, "ERROR", false, ""), O::MISSING_PARAMETER);
        assert_eq!(fax(409, "ERROR", false, ""), O::UNKNOWN_VENDOR_CODE);
    }

    #[test]
    fn faxstore_pass_false_is_never_valid() {
        assert_eq!(fax(200, "AUTHORISED", false, ""), O::UNKNOWN_VENDOR_CODE);
    }

    #[test]
    fn faxstore_without_a_status_falls_back_on_http() {
        assert_eq!(map(FaxStore, Check, 400, None), O::MISSING_PARAMETER);
        assert_eq!(map(FaxStore, Check, 401, None), O::AUTH_FAILED);
        assert_eq!(map(FaxStore, Check, 403, None), O::AUTH_FAILED);
        assert_eq!(map(FaxStore, CheckV1, 404, None), O::UNKNOWN_VENDOR_CODE);
        assert_eq!(map(FaxStore, Check, 200, None), O::INVALID_RESPONSE);
    }

    #[test]
    fn licensespring_codes_map_per_the_table_for_both_apis() {
        let rows: &[(&str, Outcome)] = &[
            ("license_not_found", O::KEY_NOT_FOUND),
            ("unknown_product", O::PRODUCT_NOT_FOUND),
            ("disabled_product", O::PRODUCT_NOT_FOUND),
            ("license_not_enabled", O::KEY_DISABLED),
            ("license_not_active", O::KEY_INACTIVE),
            ("license_expired", O::KEY_EXPIRED),
            ("device_not_found", O::NOT_ACTIVATED),
            ("blacklisted", O::DEVICE_BLACKLISTED),
            ("license_activated_max_times", O::ACTIVATION_LIMIT),
            ("license_transferred_max_times", O::TRANSFER_LIMIT),
            ("vm_not_allowed", O::VM_NOT_ALLOWED),
            ("trial_expired", O::TRIAL_EXPIRED),
            ("license_not_enough_consumptions", O::CONSUMPTION_EXHAUSTED),
            ("floating_not_available", O::FLOATING_UNAVAILABLE),
            ("product_version_not_supported", O::VERSION_NOT_SUPPORTED),
            ("missing_headers", O::MISSING_PARAMETER),
            ("missing_parameters", O::MISSING_PARAMETER),
            ("missing_hardware_id", O::MISSING_PARAMETER),
            ("license_key_required", O::MISSING_PARAMETER),
            ("invalid_json", O::MISSING_PARAMETER),
            ("validation_error", O::MISSING_PARAMETER),
            ("invalid_api_key", O::AUTH_FAILED),
            ("revoked_api_key", O::AUTH_FAILED),
            ("read_only_api_key", O::AUTH_FAILED),
            ("hmac_required", O::AUTH_FAILED),
            ("authorization_missing_params", O::AUTH_FAILED),
            ("authorization_invalid_headers", O::AUTH_FAILED),
            ("date_header_diff", O::AUTH_FAILED),
            ("oauth_token_expired", O::AUTH_FAILED),
            ("oauth_token_malformed", O::AUTH_FAILED),
            ("not_found", O::UNKNOWN_VENDOR_CODE),
            ("brand_new_code", O::UNKNOWN_VENDOR_CODE),
        ];
        for family in [LicenseSpring, LicenseSpringManagement] {
            for &(code, expected) in rows {
                for op in [Activate, Check, Deactivate] {
                    assert_eq!(
                        map(family, op, 400, Some(code)),
                        expected,
                        "{family} {op} {code}"
                    );
                }
            }
            assert_eq!(
                map(family, Check, 401, Some("signature_mismatch")),
                O::AUTH_FAILED
            );
            assert_eq!(
                map(family, Check, 500, Some("internal_error")),
                O::SERVER_ERROR
            );
            assert_eq!(
                map(family, Check, 400, Some("internal_error")),
                O::SERVER_ERROR
            );
            assert_eq!(map(family, Check, 403, None), O::AUTH_FAILED);
            assert_eq!(map(family, Check, 401, Some("weird")), O::AUTH_FAILED);
            assert_eq!(map(family, Check, 418, None), O::UNKNOWN_VENDOR_CODE);
        }
    }

    fn ls_ok(op: Operation, enabled: bool, active: bool, expired: bool) -> Outcome {
        map_reply(
            LicenseSpring,
            op,
            &Reply {
                http_status: 200,
                license: Some(LicenseFlags {
                    enabled,
                    active,
                    expired,
                }),
                ..Reply::default()
            },
        )
    }

    #[test]
    fn licensespring_license_object_flags_decide_a_200() {
        for op in [Activate, Check] {
            assert_eq!(ls_ok(op, true, true, false), O::VALID);
            assert_eq!(ls_ok(op, false, true, false), O::KEY_DISABLED);
            assert_eq!(ls_ok(op, true, false, false), O::KEY_INACTIVE);
            assert_eq!(ls_ok(op, true, true, true), O::KEY_EXPIRED);
        }
        assert_eq!(map(LicenseSpring, Deactivate, 200, None), O::DEACTIVATED);
        assert_eq!(map(LicenseSpring, Check, 200, None), O::INVALID_RESPONSE);
    }

    #[test]
    fn framecad_codes_map_per_the_table() {
        let rows: &[(&str, Outcome)] = &[
            ("1", O::KEY_NOT_FOUND),
            ("2", O::RESERVED_BY_OTHER),
            ("3", O::ALREADY_ACTIVATED),
            ("4", O::KEY_EXPIRED),
            ("5", O::KEY_REVOKED),
            ("6", O::KEY_INVALID),
            ("7", O::NOT_ACTIVATED),
            ("8", O::MISSING_PARAMETER),
            ("10", O::MISSING_PARAMETER),
            ("11", O::WRONG_PRODUCT),
            ("12", O::WRONG_CLIENT),
            ("13", O::SERVER_ERROR),
            ("14", O::UNKNOWN_VENDOR_CODE),
            ("-1", O::UNKNOWN_VENDOR_CODE),
            ("ok", O::UNKNOWN_VENDOR_CODE),
        ];
        for &op in Family::FrameCad.operations() {
            for &(code, expected) in rows {
                assert_eq!(map(FrameCad, op, 200, Some(code)), expected, "{op} {code}");
            }
        }
    }

    #[test]
    fn framecad_nine_is_success_only_for_deactivate_and_zero_too() {
        assert_eq!(map(FrameCad, Deactivate, 200, Some("9")), O::DEACTIVATED);
        assert_eq!(map(FrameCad, Deactivate, 200, Some("0")), O::DEACTIVATED);
        for op in [Activate, Validate, Check, Status] {
            assert_eq!(map(FrameCad, op, 200, Some("9")), O::NOT_ACTIVATED);
            assert_eq!(map(FrameCad, op, 200, Some("0")), O::VALID);
        }
    }

    #[test]
    fn framecad_reads_the_code_not_the_http_status() {
        assert_eq!(map(FrameCad, Activate, 404, Some("1")), O::KEY_NOT_FOUND);
        assert_eq!(
            map(FrameCad, Activate, 409, Some("3")),
            O::ALREADY_ACTIVATED
        );
        assert_eq!(map(FrameCad, Validate, 403, Some("7")), O::NOT_ACTIVATED);
        assert_eq!(
            map(FrameCad, Activate, 422, Some("8")),
            O::MISSING_PARAMETER
        );
        assert_eq!(map(FrameCad, Activate, 200, None), O::INVALID_RESPONSE);
    }

    #[test]
    fn rate_limits_and_server_errors_win_over_any_body_in_every_family() {
        for &family in Family::ALL {
            for &op in family.operations() {
                assert_eq!(map(family, op, 429, None), O::RATE_LIMITED);
                assert_eq!(map(family, op, 429, Some("0")), O::RATE_LIMITED);
                for status in [500, 502, 503, 504] {
                    assert_eq!(map(family, op, status, None), O::SERVER_ERROR);
                    assert_eq!(map(family, op, status, Some("AUTHORISED")), O::SERVER_ERROR);
                }
            }
        }
    }
}
