//! LicenseSpring License API v4 and Management API over real HTTP: every error code, signed
//! and JavaScript-compact bodies, bookkeeping.
mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use common::{LsAuth, Server, client, hmac_b64, http_date, ls_auth, ls_request, status_json};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use serde_json::{Value, json};
use sha2::Sha256;

fn code(response: (u16, Value)) -> (u16, String) {
    (
        response.0,
        response.1["code"].as_str().unwrap_or("<none>").to_string(),
    )
}

fn activate_body(key: &str, hwid: &str) -> Value {
    json!({"product": "TP", "license_key": key, "hardware_id": hwid})
}

#[test]
fn the_published_hmac_test_vector_matches_the_helper_the_tests_sign_with() {
    assert_eq!(
        hmac_b64(
            "kw4qSnpSwXzgiv5yxYpZZmFEd9QAeiKTQ6OuyMja",
            "Tue, 07 Jun 2011 20:51:35 GMT"
        ),
        "UDysfR6MndUZReo07Y9r+vErn8vSxrnQ5ulit18iJ/Q="
    );
}

#[test]
fn every_license_outcome_code_is_reachable_from_the_demo_fixture() {
    let s = Server::start();
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        (
            "activate",
            activate_body("LS-VALID-0001", "new-hwid"),
            200,
            "",
        ),
        ("check", json!(["LS-VALID-0001", "demo-hwid-0001"]), 200, ""),
        (
            "check",
            json!(["LS-VALID-0001", "never-activated"]),
            400,
            "device_not_found",
        ),
        (
            "activate",
            activate_body("LS-FULL-0001", "other"),
            400,
            "license_activated_max_times",
        ),
        (
            "activate",
            activate_body("LS-UNKNOWN-0001", "h"),
            400,
            "license_not_found",
        ),
        (
            "activate",
            json!({"product": "NOPE", "license_key": "LS-VALID-0001", "hardware_id": "h"}),
            400,
            "unknown_product",
        ),
        (
            "activate",
            json!({"product": "DP", "license_key": "LS-DISABLED-PRODUCT-0001", "hardware_id": "h"}),
            400,
            "disabled_product",
        ),
        (
            "activate",
            activate_body("LS-DISABLED-0001", "h"),
            400,
            "license_not_enabled",
        ),
        (
            "check",
            json!(["LS-INACTIVE-0001", "demo-hwid-0001"]),
            400,
            "license_not_active",
        ),
        (
            "check",
            json!(["LS-EXPIRED-0001", "demo-hwid-0001"]),
            400,
            "license_expired",
        ),
        (
            "activate",
            activate_body("LS-TRIAL-EXPIRED-0001", "h"),
            400,
            "trial_expired",
        ),
        (
            "activate",
            activate_body("LS-BLACKLISTED-0001", "blacklisted-hwid-0001"),
            400,
            "blacklisted",
        ),
        (
            "activate",
            activate_body("LS-TRANSFERRED-0001", "new"),
            400,
            "license_transferred_max_times",
        ),
        (
            "activate",
            json!({"product": "TP", "license_key": "LS-NO-VM-0001", "hardware_id": "h", "is_vm": true}),
            400,
            "vm_not_allowed",
        ),
        (
            "activate",
            json!({"product": "TP", "license_key": "LS-NO-VM-0001", "hardware_id": "h", "is_vm": false}),
            200,
            "",
        ),
        (
            "check",
            json!(["LS-CONSUMED-0001", "demo-hwid-0001"]),
            400,
            "license_not_enough_consumptions",
        ),
        (
            "check",
            json!(["LS-CONSUMPTION-0001", "demo-hwid-0001"]),
            200,
            "",
        ),
        (
            "activate",
            activate_body("LS-FLOATING-FULL-0001", "h"),
            400,
            "floating_not_available",
        ),
        (
            "check",
            json!(["LS-FLOATING-0001", "demo-hwid-0001"]),
            200,
            "",
        ),
        (
            "activate",
            json!({"product": "VP", "license_key": "LS-VERSIONED-0001", "hardware_id": "h", "app_ver": "1.9.9"}),
            400,
            "product_version_not_supported",
        ),
        (
            "activate",
            json!({"product": "VP", "license_key": "LS-VERSIONED-0001", "hardware_id": "h", "app_ver": "2.0.1"}),
            200,
            "",
        ),
        (
            "activate",
            activate_body("LS-INTERNAL-ERROR-0001", "h"),
            500,
            "internal_error",
        ),
        (
            "activate",
            activate_body("LS-SUBSCRIPTION-0001", "h"),
            200,
            "",
        ),
        (
            "activate",
            activate_body("LS-TIME-LIMITED-0001", "h"),
            200,
            "",
        ),
        ("activate", activate_body("LS-UNLIMITED-0001", "h"), 200, ""),
    ];
    for (op, input, status, expected) in cases {
        let got = match op {
            "activate" => s.ls_activate(input.clone()),
            _ => s.ls_check(input[0].as_str().unwrap(), input[1].as_str().unwrap()),
        };
        let got = code(got);
        assert_eq!(got.0, status, "{op} {input}: {got:?}");
        if !expected.is_empty() {
            assert_eq!(got.1, expected, "{op} {input}");
        }
    }
}

#[test]
fn licenses_marked_status_in_body_answer_200_with_the_flag() {
    let s = Server::start();
    for (key, field, value) in [
        ("LS-FLAG-DISABLED-0001", "license_enabled", false),
        ("LS-FLAG-INACTIVE-0001", "license_active", false),
        ("LS-FLAG-EXPIRED-0001", "is_expired", true),
    ] {
        let (status, body) = s.ls_check(key, "demo-hwid-0001");
        assert_eq!((status, body[field].as_bool()), (200, Some(value)), "{key}");
    }
}

#[test]
fn authentication_failures_have_their_own_codes() {
    let s = Server::start();
    let c = client();
    let path =
        "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001";
    let date = http_date(0);
    let sig = hmac_b64("test-shared-key", &date);
    let with = |auth: Option<String>, date: Option<String>| {
        let r = ls_request(
            &c,
            &s.url,
            "GET",
            path,
            None,
            &LsAuth {
                date,
                authorization: auth,
            },
        )
        .send()
        .unwrap();
        code(status_json(r))
    };
    let h = |s: &str| Some(s.to_string());
    let d = Some(date.clone());
    assert_eq!(with(None, d.clone()), (400, "missing_headers".into()));
    assert_eq!(
        with(
            h(&format!(
                "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{sig}\",apikey=\"test-api-key\""
            )),
            None
        ),
        (400, "missing_headers".into())
    );
    assert_eq!(
        with(
            h("algorithm=\"hmac-sha256\",headers=\"date\",apikey=\"test-api-key\""),
            d.clone()
        ),
        (400, "authorization_missing_params".into())
    );
    assert_eq!(
        with(h("garbage"), d.clone()),
        (400, "authorization_invalid_headers".into())
    );
    assert_eq!(
        with(
            h(&format!(
                "algorithm=\"hmac-sha256\",headers=\"x-date\",signature=\"{sig}\",apikey=\"test-api-key\""
            )),
            d.clone()
        ),
        (400, "authorization_invalid_headers".into())
    );
    assert_eq!(
        with(
            h(&format!(
                "algorithm=\"hmac-sha1\",headers=\"date\",signature=\"{sig}\",apikey=\"test-api-key\""
            )),
            d.clone()
        ),
        (400, "hmac_required".into())
    );
    for (key, expected) in [
        ("nope", "invalid_api_key"),
        ("revoked-api-key", "revoked_api_key"),
    ] {
        assert_eq!(
            with(
                h(&format!(
                    "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{sig}\",apikey=\"{key}\""
                )),
                d.clone()
            ),
            (400, expected.into())
        );
    }
    let wrong = hmac_b64("another-key", &date);
    assert_eq!(
        with(
            h(&format!(
                "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{wrong}\",apikey=\"test-api-key\""
            )),
            d.clone()
        ),
        (401, "signature_mismatch".into())
    );
    let old = http_date(-16 * 60);
    let old_sig = hmac_b64("test-shared-key", &old);
    assert_eq!(
        with(
            h(&format!(
                "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{old_sig}\",apikey=\"test-api-key\""
            )),
            Some(old)
        ),
        (400, "date_header_diff".into())
    );
    // Case-insensitive names and ", " separators are accepted; a read-only key may check.
    let ok = with(
        h(&format!(
            "Algorithm=\"hmac-sha256\", Headers=\"date\", Signature=\"{sig}\", apiKey=\"read-only-api-key\""
        )),
        d.clone(),
    );
    assert_eq!(ok.0, 200);
    assert_eq!(with(h("Bearer test-bearer-token"), d.clone()).0, 200);
    assert_eq!(
        with(h("Bearer expired-bearer-token"), d.clone()),
        (400, "oauth_token_expired".into())
    );
    assert_eq!(
        with(h("Bearer whatever"), d.clone()),
        (400, "oauth_token_malformed".into())
    );
    // The read-only key may not activate.
    let r = ls_request(
        &c,
        &s.url,
        "POST",
        "/api/v4/activate_license",
        Some(activate_body("LS-VALID-0001", "x")),
        &ls_auth("read-only-api-key", "test-shared-key"),
    )
    .send()
    .unwrap();
    assert_eq!(code(status_json(r)), (400, "read_only_api_key".into()));
}

#[test]
fn malformed_and_incomplete_requests_get_schema_codes() {
    let s = Server::start();
    let c = client();
    let auth = ls_auth("test-api-key", "test-shared-key");
    let post = |body: &str| {
        let mut r = c
            .post(format!("{}/api/v4/activate_license", s.url))
            .header("content-type", "application/json")
            .body(body.to_string());
        r = r
            .header("Date", auth.date.clone().unwrap())
            .header("Authorization", auth.authorization.clone().unwrap());
        code(status_json(r.send().unwrap()))
    };
    assert_eq!(post("{not json"), (400, "invalid_json".into()));
    assert_eq!(post("[1,2]"), (400, "validation_error".into()));
    assert_eq!(
        post(r#"{"product": 5, "hardware_id": "h", "license_key": "k"}"#),
        (400, "validation_error".into())
    );
    assert_eq!(
        post(
            r#"{"product": "TP", "hardware_id": "h", "license_key": "LS-VALID-0001", "is_vm": "maybe"}"#
        ),
        (400, "validation_error".into())
    );
    assert_eq!(
        post(r#"{"hardware_id": "h", "license_key": "k"}"#),
        (400, "missing_parameters".into())
    );
    assert_eq!(
        post(r#"{"product": "TP", "license_key": "k"}"#),
        (400, "missing_hardware_id".into())
    );
    assert_eq!(
        post(r#"{"product": "TP", "hardware_id": "h"}"#),
        (400, "license_key_required".into())
    );
    let r = s.ls("GET", "/api/v4/no_such_endpoint", None);
    assert_eq!(code(status_json(r)), (404, "not_found".into()));
}

#[test]
fn authentication_is_answered_before_body_and_parameter_errors() {
    let s = Server::start();
    let c = client();
    let wrong = ls_auth("test-api-key", "another-shared-key");
    let post = |body: &str, auth: Option<&LsAuth>| {
        let mut r = c
            .post(format!("{}/api/v4/activate_license", s.url))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(auth) = auth {
            r = r
                .header("Date", auth.date.clone().unwrap())
                .header("Authorization", auth.authorization.clone().unwrap());
        }
        code(status_json(r.send().unwrap()))
    };
    assert_eq!(post("{not json", None), (400, "missing_headers".into()));
    assert_eq!(
        post("{not json", Some(&wrong)),
        (401, "signature_mismatch".into())
    );
    assert_eq!(
        post(r#"{"product": "TP"}"#, Some(&wrong)),
        (401, "signature_mismatch".into())
    );
    // The same request with a bad query parameter on check: auth still comes first.
    let r = ls_request(
        &c,
        &s.url,
        "GET",
        "/api/v4/check_license?product=TP",
        None,
        &wrong,
    )
    .send()
    .unwrap();
    assert_eq!(code(status_json(r)), (401, "signature_mismatch".into()));
}

#[test]
fn seats_are_counted_and_reactivation_uses_no_new_seat() {
    let s = Server::start();
    // LS-VALID-0001: 3 seats, demo-hwid-0001 holds one.
    assert_eq!(
        s.ls_activate(activate_body("LS-VALID-0001", "demo-hwid-0001"))
            .0,
        200
    );
    assert_eq!(
        s.ls_activate(activate_body("LS-VALID-0001", "b")).1["times_activated"],
        2
    );
    assert_eq!(
        s.ls_activate(activate_body("LS-VALID-0001", "c")).1["times_activated"],
        3
    );
    assert_eq!(
        code(s.ls_activate(activate_body("LS-VALID-0001", "d"))),
        (400, "license_activated_max_times".into())
    );
    assert_eq!(s.ls_activate(activate_body("LS-VALID-0001", "c")).0, 200);
    // Deactivating frees a seat.
    let r = s.ls(
        "POST",
        "/api/v4/deactivate_license",
        Some(activate_body("LS-VALID-0001", "b")),
    );
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().unwrap(), "license_deactivated");
    assert_eq!(
        code(s.ls_check("LS-VALID-0001", "b")),
        (400, "device_not_found".into())
    );
    let again = s.ls(
        "POST",
        "/api/v4/deactivate_license",
        Some(activate_body("LS-VALID-0001", "b")),
    );
    assert_eq!(code(status_json(again)), (400, "device_not_found".into()));
    assert_eq!(s.ls_activate(activate_body("LS-VALID-0001", "d")).0, 200);
}

#[test]
fn sixty_four_concurrent_activations_of_a_three_seat_license_yield_exactly_three() {
    let s = Server::start();
    s.admin(
        "/__admin/fixture",
        json!({"licensespring": {
        "api_key": "test-api-key", "shared_key": "test-shared-key",
        "products": [{"id": 1, "short_code": "TP"}],
        "licenses": [{"product": "TP", "license_key": "RACE-0001", "max_activations": 3}]}}),
    );
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(64));
    let url = s.url.clone();
    let handles: Vec<_> = (0..64)
        .map(|i| {
            let (barrier, url) = (barrier.clone(), url.clone());
            std::thread::spawn(move || {
                let c = client();
                let req = ls_request(
                    &c,
                    &url,
                    "POST",
                    "/api/v4/activate_license",
                    Some(activate_body("RACE-0001", &format!("hw-{i}"))),
                    &ls_auth("test-api-key", "test-shared-key"),
                );
                barrier.wait();
                code(status_json(req.send().unwrap()))
            })
        })
        .collect();
    let results: Vec<(u16, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = results.iter().filter(|r| r.0 == 200).count();
    let full = results
        .iter()
        .filter(|r| r.1 == "license_activated_max_times")
        .count();
    assert_eq!((ok, full), (3, 61), "{results:?}");
    assert_eq!(
        s.state()["licensespring"]["licenses"][0]["devices"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn responses_are_signed_with_the_published_key_over_the_exact_body() {
    let s = Server::start();
    let public = rsa::RsaPublicKey::from_public_key_pem(&s.public_key()).unwrap();
    let verifier = VerifyingKey::<Sha256>::new(public);
    let r = s.ls(
        "GET",
        "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001",
        None,
    );
    let header = r.headers()["LicenseSignature"]
        .to_str()
        .unwrap()
        .to_string();
    let body = r.bytes().unwrap();
    let sig = B64.decode(header).unwrap();
    verifier
        .verify(&body, &Signature::try_from(sig.as_slice()).unwrap())
        .expect("v2 header signature");
    let object: Value = serde_json::from_slice(&body).unwrap();
    let v1 = B64
        .decode(object["license_signature"].as_str().unwrap())
        .unwrap();
    let payload = "demo-hwid-0001#ls-valid-0001#";
    verifier
        .verify(
            payload.as_bytes(),
            &Signature::try_from(v1.as_slice()).unwrap(),
        )
        .expect("v1 body signature");
    // User-based: the username up to '|' and the validity period.
    let r = s.ls_activate(json!({"product": "UP", "username": "demo-user@example.com", "password": "demo-password", "hardware_id": "HW-X"}));
    assert_eq!(r.0, 200, "{}", r.1);
    let v1 = B64
        .decode(r.1["license_signature"].as_str().unwrap())
        .unwrap();
    verifier
        .verify(
            b"hw-x#demo-user@example.com#",
            &Signature::try_from(v1.as_slice()).unwrap(),
        )
        .expect("user v1");
    let r = s.ls_activate(json!({"product": "UP", "username": "demo-user@example.com", "password": "wrong", "hardware_id": "HW-Y"}));
    assert_eq!(code(r), (400, "license_not_found".into()));
    let r = s.ls_activate(activate_body("LS-TIME-LIMITED-0001", "hw"));
    let v1 = B64
        .decode(r.1["license_signature"].as_str().unwrap())
        .unwrap();
    verifier
        .verify(
            b"hw#ls-time-limited-0001#2099-12-31t00:00:00.000z",
            &Signature::try_from(v1.as_slice()).unwrap(),
        )
        .expect("validity in v1");
    // Deactivation text is signed too.
    let r = s.ls(
        "POST",
        "/api/v4/deactivate_license",
        Some(activate_body("LS-VALID-0001", "demo-hwid-0001")),
    );
    let sig = B64
        .decode(r.headers()["LicenseSignature"].to_str().unwrap())
        .unwrap();
    verifier
        .verify(
            b"license_deactivated",
            &Signature::try_from(sig.as_slice()).unwrap(),
        )
        .unwrap();
}

/// `JSON.stringify(JSON.parse(body))` run by Node itself (the machine has Node 20; the
/// official Node SDK verifies signatures over exactly this).
fn javascript_roundtrip(body: &str) -> String {
    use std::io::Write;
    let script = "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify(JSON.parse(s))))";
    let mut node = std::process::Command::new("node")
        .args(["-e", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node (Node 20) runs the JavaScript side of this check");
    node.stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// What `JSON.stringify(JSON.parse(body))` needs to reproduce `body` byte for byte.
fn assert_js_compact(body: &str) {
    let value: Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        javascript_roundtrip(body),
        body,
        "JavaScript re-serialises the body differently"
    );
    assert!(
        !body.contains("\\/") && !body.contains("\\u00"),
        "escapes JavaScript would not write"
    );
    fn walk(v: &Value) {
        match v {
            Value::Number(n) => match n.as_i64().map(|i| i.unsigned_abs()).or(n.as_u64()) {
                Some(i) => assert!(i < (1 << 53), "integer {n} is above 2^53"),
                // A float must be non-integral (JavaScript prints 1.0 as 1) and plain decimal.
                None => {
                    let text = n.to_string();
                    assert!(
                        n.as_f64().unwrap().fract() != 0.0 && !text.contains(['e', 'E']),
                        "float {text}"
                    );
                }
            },
            Value::Array(a) => a.iter().for_each(walk),
            Value::Object(o) => {
                for (k, v) in o {
                    assert!(
                        k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit()),
                        "digit-only key {k}"
                    );
                    walk(v);
                }
            }
            _ => {}
        }
    }
    walk(&value);
}

#[test]
fn bodies_are_compact_json_that_javascript_reproduces_and_fixture_floats_are_normalised() {
    let s = Server::start();
    s.admin("/__admin/fixture", json!({"licensespring": {
        "api_key": "test-api-key", "shared_key": "test-shared-key",
        "products": [{"short_code": "TP", "name": "Ünïcode / Pröduct", "metadata": {"ratio": 1.0, "half": 0.5}}],
        "licenses": [{"product": "TP", "license_key": "K-1", "devices": ["h"], "metadata": {"n": 2.0, "list": [3.0]},
                      "features": [{"code": "f", "name": "ü/ß"}]}]}}));
    let r = s.ls(
        "GET",
        "/api/v4/check_license?product=TP&license_key=K-1&hardware_id=h",
        None,
    );
    let body = r.text().unwrap();
    assert_js_compact(&body);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["metadata"], json!({"list": [3], "n": 2}));
    assert_eq!(
        v["product_details"]["metadata"],
        json!({"half": 0.5, "ratio": 1})
    );
    assert!(body.contains("Ünïcode / Pröduct"));
    for bad in [
        json!({"n": 9007199254740993u64}),
        json!({"7": "digit key"}),
        json!({"tiny": 1e-9}),
    ] {
        let fixture =
            json!({"licensespring": {"products": [{"short_code": "TP", "metadata": bad}]}});
        let r = s.post("/__admin/fixture").json(&fixture).send().unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }
    // Every demo body is compact too.
    let r = s.ls(
        "GET",
        "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001",
        None,
    );
    assert_eq!(r.status(), 400); // the fixture was replaced
    s.admin(
        "/__admin/fixture",
        serde_json::from_str(&std::fs::read_to_string(common::demo_fixture_path()).unwrap())
            .unwrap(),
    );
    let body = s
        .ls(
            "GET",
            "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001",
            None,
        )
        .text()
        .unwrap();
    assert_js_compact(&body);
}

#[test]
fn the_license_object_carries_every_field_official_sdks_read() {
    let s = Server::start();
    let (status, v) = s.ls_check("LS-VALID-0001", "demo-hwid-0001");
    assert_eq!(status, 200);
    for field in [
        "license_key",
        "license_type",
        "validity_period",
        "is_floating",
        "is_floating_cloud",
        "product_details",
        "max_activations",
        "id",
        "license_active",
        "license_enabled",
        "is_expired",
        "is_trial",
        "times_activated",
        "allow_unlimited_activations",
        "transfer_count",
        "max_transfers",
        "prevent_vm",
        "start_date",
        "maintenance_period",
        "grace_period",
        "allow_grace_period",
        "floating_timeout",
        "max_consumptions",
        "total_consumptions",
        "allow_unlimited_consumptions",
        "allow_overages",
        "max_overages",
        "product_features",
        "custom_fields",
        "customer",
        "metadata",
        "license_signature",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    for field in [
        "product_id",
        "product_name",
        "short_code",
        "authorization_method",
        "metadata",
    ] {
        assert!(
            v["product_details"].get(field).is_some(),
            "missing product_details.{field}"
        );
    }
    assert!(v["id"].is_u64());
    // The expired feature is left out unless asked for.
    let codes = |v: &Value| {
        v["product_features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&v), ["pro"]);
    let with = status_json(s.ls("GET", "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001&include_expired_features=true", None)).1;
    assert_eq!(codes(&with), ["pro", "legacy"]);
}

#[test]
fn floating_slots_are_taken_refreshed_and_released() {
    // The clock moves 31 minutes below; the Date window must not refuse our real-time Date.
    let key = common::test_key_path();
    let s = Server::start_with(&[
        "--signing-key",
        key.to_str().unwrap(),
        "--max-clock-skew-secs",
        "3600",
    ]);
    // LS-FLOATING-0001: 2 slots.
    assert_eq!(
        s.ls_activate(activate_body("LS-FLOATING-0001", "f1")).0,
        200
    );
    assert_eq!(
        s.ls_activate(activate_body("LS-FLOATING-0001", "f2")).0,
        200
    );
    assert_eq!(
        code(s.ls_activate(activate_body("LS-FLOATING-0001", "f3"))),
        (400, "floating_not_available".into())
    );
    assert_eq!(
        code(s.ls_check("LS-FLOATING-0001", "demo-hwid-0001")),
        (400, "floating_not_available".into())
    );
    assert_eq!(s.ls_check("LS-FLOATING-0001", "f1").0, 200);
    // Slots time out (floating_timeout 30 min): move the clock past it.
    s.admin("/__admin/clock", json!({"offset_secs": 31 * 60}));
    assert_eq!(s.ls_check("LS-FLOATING-0001", "demo-hwid-0001").0, 200);
    assert_eq!(s.ls_check("LS-FLOATING-0001", "f2").0, 200);
    assert_eq!(
        code(s.ls_check("LS-FLOATING-0001", "f1")),
        (400, "floating_not_available".into())
    );
    // Deactivating releases the slot.
    assert_eq!(
        s.ls(
            "POST",
            "/api/v4/deactivate_license",
            Some(activate_body("LS-FLOATING-0001", "f2"))
        )
        .status(),
        200
    );
    assert_eq!(s.ls_check("LS-FLOATING-0001", "f1").0, 200);
}

#[test]
fn consumptions_are_added_until_the_limit() {
    let s = Server::start();
    let add = |n: u64| {
        status_json(s.ls("POST", "/api/v4/add_consumption", Some(json!({"product": "TP", "license_key": "LS-CONSUMPTION-0001", "hardware_id": "demo-hwid-0001", "consumptions": n}))))
    };
    let (status, body) = add(5);
    assert_eq!(
        (status, body["total_consumptions"].as_u64()),
        (200, Some(8))
    );
    assert_eq!(
        code(add(3)),
        (400, "license_not_enough_consumptions".into())
    );
    assert_eq!(add(2).1["total_consumptions"], 10);
    assert_eq!(
        code(s.ls_check("LS-CONSUMPTION-0001", "demo-hwid-0001")),
        (400, "license_not_enough_consumptions".into())
    );
}

#[test]
fn a_deactivation_counts_as_a_transfer() {
    let s = Server::start();
    s.admin("/__admin/fixture", json!({"licensespring": {
        "api_key": "test-api-key", "shared_key": "test-shared-key",
        "products": [{"short_code": "TP"}],
        "licenses": [{"product": "TP", "license_key": "T-1", "max_activations": 1, "max_transfers": 1, "devices": ["a"]}]}}));
    assert_eq!(
        s.ls(
            "POST",
            "/api/v4/deactivate_license",
            Some(activate_body("T-1", "a"))
        )
        .status(),
        200
    );
    assert_eq!(
        code(s.ls_activate(activate_body("T-1", "b"))),
        (400, "license_transferred_max_times".into())
    );
}

#[test]
fn the_management_api_checks_with_an_api_key_and_adds_device_fields() {
    let s = Server::start();
    let path = "/api/v1/licenses/check_license/?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001";
    let (status, v) = status_json(
        s.get(path)
            .header("Authorization", "Api-Key test-management-key")
            .send()
            .unwrap(),
    );
    assert_eq!(status, 200, "{v}");
    for field in [
        "order_store_id",
        "device_id",
        "hardware_id",
        "is_borrowed",
        "borrowed_until",
        "version",
        "installation_file",
        "release_date",
        "hash_md5",
        "requires_version",
        "environment",
        "eula_link",
        "release_notes_link",
        "size",
        "channel",
        "date",
        "offline_signature",
        "license_signature",
        "license_signature_v2",
        "license_key",
        "product_details",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(v["hardware_id"], "demo-hwid-0001");
    let (status, v) = status_json(s.get(path).send().unwrap());
    assert_eq!(
        (status, v["detail"].as_str()),
        (403, Some("Authentication credentials were not provided."))
    );
    let (status, v) = status_json(
        s.get(path)
            .header("Authorization", "Api-Key wrong")
            .send()
            .unwrap(),
    );
    assert_eq!(status, 403);
    assert!(v["detail"].is_string());
    let m = |q: &str| {
        code(status_json(
            s.get(&format!("/api/v1/licenses/check_license/?{q}"))
                .header("Authorization", "Api-Key test-management-key")
                .send()
                .unwrap(),
        ))
    };
    assert_eq!(
        m("product=TP&license_key=LS-VALID-0001&hardware_id=nope"),
        (400, "device_not_found".into())
    );
    assert_eq!(
        m("product=TP&license_key=LS-DISABLED-0001&hardware_id=demo-hwid-0001"),
        (400, "license_not_enabled".into())
    );
    assert_eq!(
        m("product=XX&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001"),
        (400, "unknown_product".into())
    );
    assert_eq!(
        m("product=TP&license_key=LS-UNKNOWN-0001&hardware_id=demo-hwid-0001"),
        (400, "license_not_found".into())
    );
    assert_eq!(
        m("product=TP&hardware_id=h"),
        (400, "license_key_required".into())
    );
    assert_eq!(
        m("product=UP&username=demo-user@example.com&hardware_id=demo-hwid-0001").0,
        200
    );
}

/// A signed check at a server clock moved by `offset` seconds (the Date header moves with it).
fn check_at_offset(s: &Server, offset: i64, key: &str, hwid: &str) -> (u16, Value) {
    let date = http_date(offset);
    let auth = LsAuth {
        authorization: Some(format!(
            "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{}\",apikey=\"test-api-key\"",
            hmac_b64("test-shared-key", &date)
        )),
        date: Some(date),
    };
    status_json(
        ls_request(
            &client(),
            &s.url,
            "GET",
            &format!("/api/v4/check_license?product=TP&license_key={key}&hardware_id={hwid}"),
            None,
            &auth,
        )
        .send()
        .unwrap(),
    )
}

#[test]
fn a_repeated_check_shows_every_state_change_made_since_the_previous_one() {
    let s = Server::start();
    let seats =
        |s: &Server| s.ls_check("LS-VALID-0001", "demo-hwid-0001").1["times_activated"].clone();
    // Twice in a row: the second answer may be the remembered one, and must be identical.
    let first = s.ls_check("LS-VALID-0001", "demo-hwid-0001");
    assert_eq!(first, s.ls_check("LS-VALID-0001", "demo-hwid-0001"));
    assert_eq!(first.1["times_activated"], 1);
    assert_eq!(s.ls_activate(activate_body("LS-VALID-0001", "b")).0, 200);
    assert_eq!(seats(&s), 2);
    let deactivated = s.ls(
        "POST",
        "/api/v4/deactivate_license",
        Some(activate_body("LS-VALID-0001", "b")),
    );
    assert_eq!(deactivated.status(), 200);
    assert_eq!(seats(&s), 1);
    assert_eq!(s.ls_activate(activate_body("LS-VALID-0001", "c")).0, 200);
    assert_eq!(seats(&s), 2);
    s.admin("/__admin/reset", json!({}));
    assert_eq!(seats(&s), 1);
    // Consumption is counted between two checks too.
    let consumed = |s: &Server| {
        s.ls_check("LS-CONSUMPTION-0001", "demo-hwid-0001").1["total_consumptions"].clone()
    };
    assert_eq!(consumed(&s), 3);
    assert_eq!(consumed(&s), 3);
    let added = s.ls(
        "POST",
        "/api/v4/add_consumption",
        Some(json!({"product": "TP", "license_key": "LS-CONSUMPTION-0001", "hardware_id": "demo-hwid-0001", "consumptions": 2})),
    );
    assert_eq!(added.status(), 200);
    assert_eq!(consumed(&s), 5);
    // Another device on the same license gets its own answer (its own v1 signature).
    assert_eq!(s.ls_activate(activate_body("LS-VALID-0001", "d")).0, 200);
    let other = s.ls_check("LS-VALID-0001", "d");
    let again = s.ls_check("LS-VALID-0001", "demo-hwid-0001");
    assert_ne!(other.1["license_signature"], again.1["license_signature"]);
    assert_eq!(other.1["times_activated"], again.1["times_activated"]);
}

#[test]
fn a_repeated_check_follows_the_clock_across_expiry_dates_both_ways() {
    let s = Server::start();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // 2019-06-01: before the validity end (2020-01-01) of LS-FLAG-EXPIRED-0001 and before the
    // expiry of LS-VALID-0001's "legacy" feature.
    let back_to_2019 = 1_559_347_200 - now;
    let expired = |s: &Server, offset: i64| {
        check_at_offset(s, offset, "LS-FLAG-EXPIRED-0001", "demo-hwid-0001").1["is_expired"].clone()
    };
    let features = |s: &Server, offset: i64| {
        check_at_offset(s, offset, "LS-VALID-0001", "demo-hwid-0001").1["product_features"]
            .as_array()
            .unwrap()
            .len()
    };
    for _ in 0..2 {
        assert_eq!(expired(&s, 0), true);
        assert_eq!(features(&s, 0), 1);
    }
    s.admin("/__admin/clock", json!({"offset_secs": back_to_2019}));
    for _ in 0..2 {
        assert_eq!(expired(&s, back_to_2019), false);
        assert_eq!(features(&s, back_to_2019), 2);
    }
    s.admin("/__admin/clock", json!({"offset_secs": 0}));
    assert_eq!(expired(&s, 0), true);
    assert_eq!(features(&s, 0), 1);
}
