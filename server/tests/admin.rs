//! Admin API over real HTTP: health, state, reset, fixture loading, clock, and every fault kind.
mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use common::{LsAuth, Server, client, hmac_b64, http_date, ls_request, raw, status_json};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use serde_json::{Value, json};
use sha2::Sha256;
use std::time::Instant;

const LS_CHECK: &str =
    "/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001";

#[test]
fn health_state_and_reset() {
    let s = Server::start();
    assert_eq!(
        status_json(s.get("/__admin/health").send().unwrap()),
        (200, json!({"ok": true}))
    );
    assert_eq!(
        s.ls_activate(
            json!({"product": "TP", "license_key": "LS-VALID-0001", "hardware_id": "new"})
        )
        .0,
        200
    );
    let devices = |s: &Server| s.state()["licensespring"]["licenses"][0]["devices"].clone();
    assert_eq!(devices(&s), json!(["demo-hwid-0001", "new"]));
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "status": 503, "times": 0}),
    );
    s.admin("/__admin/clock", json!({"offset_secs": 5}));
    s.admin("/__admin/reset", json!({}));
    assert_eq!(devices(&s), json!(["demo-hwid-0001"]));
    assert_eq!(
        s.faxstore("/api/check/8", "FS-ACTIVE-0001").0,
        200,
        "reset clears faults"
    );
    assert_eq!(
        status_json(s.get("/__admin/clock").send().unwrap()).1["offset_secs"],
        0
    );
}

#[test]
fn a_loaded_fixture_replaces_the_state_and_becomes_the_reset_point_and_a_bad_one_is_refused() {
    let s = Server::start();
    s.admin("/__admin/fixture", json!({"faxstore": {"products": [{"id": 1}], "licenses": [{"key": "NEW-KEY-1", "products": [1]}]}}));
    assert_eq!(
        s.faxstore("/api/check/1", "NEW-KEY-1").1["status"],
        "AUTHORISED"
    );
    assert_eq!(
        s.faxstore("/api/check/8", "FS-ACTIVE-0001").1["status"],
        "NOT FOUND"
    );
    s.admin("/__admin/reset", json!({}));
    assert_eq!(
        s.faxstore("/api/check/1", "NEW-KEY-1").1["status"],
        "AUTHORISED"
    );
    for (bad, reason) in [
        ("{nope", "not valid JSON"),
        (
            r#"{"faxstore": {"licenses": [{"key": "", "products": []}]}}"#,
            "faxstore.licenses[0]",
        ),
        (
            r#"{"licensespring": {"products": [{"short_code": "TP"}], "licenses": [{"product": "TP", "license_key": "K", "license_type": "forever"}]}}"#,
            "license_type",
        ),
        (
            r#"{"framecad": {"licenses": [{"license_key": "K", "status": "activated"}]}}"#,
            "client_key",
        ),
        (
            r#"{"framecad": {"licenses": [{"license_key": "K", "status": "lost"}]}}"#,
            "lost",
        ),
        (r#"[1, 2]"#, "object"),
    ] {
        let r = s.post("/__admin/fixture").body(bad).send().unwrap();
        let (status, body) = status_json(r);
        assert_eq!(status, 400, "{bad}");
        assert!(
            body["error"].as_str().unwrap().contains(reason),
            "{bad}: {body}"
        );
    }
    assert_eq!(
        s.faxstore("/api/check/1", "NEW-KEY-1").1["status"],
        "AUTHORISED",
        "a refused fixture changes nothing"
    );
}

#[test]
fn the_clock_offset_moves_expiry_and_the_date_window() {
    let s = Server::start();
    assert_eq!(s.ls_check("LS-TIME-LIMITED-0001", "demo-hwid-0001").0, 200);
    let offset = 100i64 * 365 * 86400;
    let v = s.admin("/__admin/clock", json!({"offset_secs": offset}));
    assert_eq!(v["offset_secs"], offset);
    // A real-time Date is now a century off.
    assert_eq!(
        s.ls_check("LS-TIME-LIMITED-0001", "demo-hwid-0001").1["code"],
        "date_header_diff"
    );
    let date = http_date(offset);
    let auth = LsAuth {
        authorization: Some(format!(
            "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{}\",apikey=\"test-api-key\"",
            hmac_b64("test-shared-key", &date)
        )),
        date: Some(date),
    };
    let r = ls_request(
        &client(),
        &s.url,
        "GET",
        "/api/v4/check_license?product=TP&license_key=LS-TIME-LIMITED-0001&hardware_id=demo-hwid-0001",
        None,
        &auth,
    );
    assert_eq!(status_json(r.send().unwrap()).1["code"], "license_expired");
    let r = s
        .post("/__admin/clock")
        .json(&json!({"offset_secs": "soon"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[test]
fn a_status_fault_answers_in_each_vendors_shape_for_its_number_of_times() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/v4/check_license", "status": 503, "times": 2}),
    );
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "status": 429, "times": 1}),
    );
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/v1/licenses/validate", "status": 500, "times": 1}),
    );
    for _ in 0..2 {
        let (status, v) = status_json(s.ls("GET", LS_CHECK, None));
        assert_eq!((status, v["code"].as_str()), (503, Some("internal_error")));
    }
    assert_eq!(s.ls("GET", LS_CHECK, None).status(), 200);
    let (status, v) = s.faxstore("/api/check/8", "FS-ACTIVE-0001");
    assert_eq!((status, v["pass"].as_bool()), (429, Some(false)));
    let (status, v) = s.framecad("validate", json!({}));
    assert_eq!((status, v["code"].as_u64()), (500, Some(13)));
    let listed = status_json(s.get("/__admin/faults").send().unwrap()).1;
    assert_eq!(listed["faults"].as_array().unwrap().len(), 0);
}

#[test]
fn a_fault_with_times_zero_lasts_until_cleared() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "status": 502, "times": 0}),
    );
    for _ in 0..5 {
        assert_eq!(s.faxstore("/api/check/8", "FS-ACTIVE-0001").0, 502);
    }
    let r = s.delete("/__admin/faults").send().unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(s.faxstore("/api/check/8", "FS-ACTIVE-0001").0, 200);
}

#[test]
fn a_delay_fault_delays_the_answer() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "delay_ms": 300, "times": 1}),
    );
    let started = Instant::now();
    assert_eq!(
        s.faxstore("/api/check/8", "FS-ACTIVE-0001").1["status"],
        "AUTHORISED"
    );
    assert!(
        started.elapsed().as_millis() >= 300,
        "answered before the delay"
    );
}

#[test]
fn a_drop_fault_closes_the_connection_without_an_answer() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "drop_connection": true, "times": 1}),
    );
    let got = raw(&s.addr(), b"POST /api/check/8 HTTP/1.1\r\nHost: x\r\nauthorization: FS-ACTIVE-0001\r\ncontent-length: 0\r\n\r\n");
    assert_eq!(got, "", "expected a closed connection, got {got:?}");
    // reqwest sees a connection error, not a response.
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "drop_connection": true, "times": 1}),
    );
    let err = s
        .post("/api/check/8")
        .header("authorization", "FS-ACTIVE-0001")
        .send()
        .unwrap_err();
    assert!(!err.is_status(), "{err}");
    assert_eq!(s.faxstore("/api/check/8", "FS-ACTIVE-0001").0, 200);
}

#[test]
fn a_corrupt_signature_fault_serves_signatures_that_do_not_verify() {
    let s = Server::start();
    let verifier = VerifyingKey::<Sha256>::new(
        rsa::RsaPublicKey::from_public_key_pem(&s.public_key()).unwrap(),
    );
    let verify = |r: reqwest::blocking::Response| {
        let header = B64
            .decode(r.headers()["LicenseSignature"].to_str().unwrap())
            .unwrap();
        let body = r.bytes().unwrap();
        let v: Value = serde_json::from_slice(&body).unwrap();
        let v1 = B64
            .decode(v["license_signature"].as_str().unwrap())
            .unwrap();
        let header_ok = verifier
            .verify(&body, &Signature::try_from(header.as_slice()).unwrap())
            .is_ok();
        let v1_ok = verifier
            .verify(
                b"demo-hwid-0001#ls-valid-0001#",
                &Signature::try_from(v1.as_slice()).unwrap(),
            )
            .is_ok();
        (header_ok, v1_ok)
    };
    assert_eq!(verify(s.ls("GET", LS_CHECK, None)), (true, true));
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/v4/check_license", "corrupt_signature": true, "times": 1}),
    );
    assert_eq!(verify(s.ls("GET", LS_CHECK, None)), (false, false));
    assert_eq!(verify(s.ls("GET", LS_CHECK, None)), (true, true));
}

#[test]
fn an_invalid_json_fault_serves_an_unparsable_body() {
    let s = Server::start();
    for path in ["/api/check/8", "/api/v4/check_license"] {
        s.admin(
            "/__admin/faults",
            json!({"path": path, "invalid_json": true, "times": 1}),
        );
    }
    let text = s
        .post("/api/check/8")
        .header("authorization", "FS-ACTIVE-0001")
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    let r = s.ls("GET", LS_CHECK, None);
    assert_eq!(r.status(), 200);
    assert!(serde_json::from_str::<Value>(&r.text().unwrap()).is_err());
}

#[test]
fn a_status_fault_can_carry_a_raw_body_and_bad_faults_are_refused() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "status": 502, "body": "<html>Bad Gateway</html>"}),
    );
    let r = s
        .post("/api/check/8")
        .header("authorization", "FS-ACTIVE-0001")
        .send()
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.text().unwrap()),
        (502, "<html>Bad Gateway</html>".to_string())
    );
    for bad in [
        json!({"path": "no-slash"}),
        json!({"path": "/x", "status": 99}),
        json!({"path": "/x", "colour": "red"}),
        json!({"path": "/__admin/health", "status": 500}),
    ] {
        let r = s.post("/__admin/faults").json(&bad).send().unwrap();
        assert_eq!(r.status(), 400, "{bad}");
    }
}
