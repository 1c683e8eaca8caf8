//! Start-up, shutdown, `--state` persistence, configuration errors and log masking of the real
//! binary.
mod common;

use common::{Server, demo_fixture_path, test_key_path};
use serde_json::json;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn temp_path(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!(
        "licensekit-server-test-{}-{nanos}-{name}",
        std::process::id()
    ))
}

fn run_expecting_failure(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_licensekit-server"))
        .args(["--port", "0"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn start_up_prints_the_bound_address_first_and_is_timed() {
    let s = Server::start_with(&[]);
    let port: u16 = s
        .url
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(port, 0);
    // Generated key: published and usable.
    let first_signature = Instant::now();
    assert!(s.public_key().starts_with("-----BEGIN PUBLIC KEY-----"));
    eprintln!(
        "start-up to first line: {:?} (generated key; first signature ready after a further {:?})",
        s.started_in,
        first_signature.elapsed()
    );
    let key = test_key_path();
    let with_key = Server::start_with(&["--signing-key", key.to_str().unwrap()]);
    eprintln!(
        "start-up to first line with --signing-key: {:?}",
        with_key.started_in
    );
}

#[test]
fn sigterm_and_sigint_exit_zero() {
    assert_eq!(Server::start().terminate(), Some(0));
    let s = Server::start();
    let _ = Command::new("kill")
        .args(["-INT", &s.child.id().to_string()])
        .status();
    let mut s = s;
    assert_eq!(s.child.wait().unwrap().code(), Some(0));
}

#[test]
fn a_restart_with_the_same_state_file_keeps_activations() {
    let state = temp_path("state.json");
    let key = test_key_path();
    let args = [
        "--signing-key",
        key.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
    ];
    let s = Server::start_with(&args);
    assert_eq!(
        s.ls_activate(
            json!({"product": "TP", "license_key": "LS-VALID-0001", "hardware_id": "kept"})
        )
        .0,
        200
    );
    assert_eq!(s.framecad("activate", json!({"client_key": "3D9AACA84BEC559A", "license_key": "FREE-0000-0000-0001", "machine_key": "M", "product_key": "PRODUCT-KEY-1"})).1["code"], 0);
    assert_eq!(s.terminate(), Some(0));
    let s = Server::start_with(&args);
    assert_eq!(s.ls_check("LS-VALID-0001", "kept").0, 200);
    assert_eq!(s.framecad("validate", json!({"client_key": "3D9AACA84BEC559A", "license_key": "FREE-0000-0000-0001", "machine_key": "M"})).1["code"], 0);
    // Reset goes back to the fixture, not to the state file, and persists that.
    s.admin("/__admin/reset", json!({}));
    drop(s);
    let s = Server::start_with(&args);
    assert_eq!(
        s.ls_check("LS-VALID-0001", "kept").1["code"],
        "device_not_found"
    );
    drop(s);
    let _ = std::fs::remove_file(state);
}

#[test]
fn a_corrupt_or_torn_state_file_exits_2_naming_the_file_and_is_left_alone() {
    for content in [
        "{\"licensespring\": {\"products\": [",
        "",
        "{\"framecad\": {\"licenses\": [{\"license_key\": \"K\", \"status\": \"bogus\"}]}}",
    ] {
        let state = temp_path("corrupt.json");
        std::fs::write(&state, content).unwrap();
        let (code, stderr) = run_expecting_failure(&["--state", state.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains(state.to_str().unwrap()), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&state).unwrap(),
            content,
            "the state file was replaced"
        );
        let _ = std::fs::remove_file(state);
    }
}

#[test]
fn a_bad_fixture_or_signing_key_exits_2_with_a_clear_message() {
    let fixture = temp_path("fixture.json");
    std::fs::write(&fixture, r#"{"licensespring": {"products": [], "licenses": [{"product": "ZZ", "license_key": "K"}]}}"#).unwrap();
    let (code, stderr) = run_expecting_failure(&["--fixture", fixture.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(fixture.to_str().unwrap()) && stderr.contains("\"ZZ\""),
        "{stderr}"
    );
    let (code, stderr) = run_expecting_failure(&["--fixture", "/nonexistent/fixture.json"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/nonexistent/fixture.json"), "{stderr}");
    let (code, stderr) = run_expecting_failure(&["--signing-key", fixture.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("signing key"), "{stderr}");
    let _ = std::fs::remove_file(fixture);
    // The bundled fixture file itself loads when passed explicitly.
    let s = Server::start_with(&["--fixture", demo_fixture_path().to_str().unwrap()]);
    assert_eq!(s.faxstore("/api/check/8", "FS-ACTIVE-0001").0, 200);
}

#[test]
fn request_log_lines_mask_every_key() {
    let s = Server::start();
    s.faxstore("/api/check/8", "FS-ACTIVE-0001");
    s.ls_check("LS-VALID-0001", "demo-hwid-0001");
    s.framecad("validate", json!({"client_key": "3D9AACA84BEC559A", "license_key": "ACTV-0000-0000-0001", "machine_key": "MACHINE-A-0001"}));
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.log_text().lines().count() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = s.log_text();
    assert!(
        log.contains("POST /api/check/8 200") && log.contains("key=**********0001"),
        "{log}"
    );
    for secret in [
        "FS-ACTIVE-0001",
        "LS-VALID-0001",
        "ACTV-0000-0000-0001",
        "test-api-key",
        "test-shared-key",
        "3D9AACA84BEC559A",
    ] {
        assert!(!log.contains(secret), "{secret} leaked: {log}");
    }
}

#[test]
fn shutdown_lets_an_in_flight_request_finish() {
    let s = Server::start();
    s.admin(
        "/__admin/faults",
        json!({"path": "/api/check/8", "delay_ms": 800, "times": 0}),
    );
    let url = s.url.clone();
    let request = std::thread::spawn(move || {
        let c = common::client();
        let r = c
            .post(format!("{url}/api/check/8"))
            .header("authorization", "FS-ACTIVE-0001")
            .send()
            .unwrap();
        (r.status().as_u16(), r.text().unwrap())
    });
    // Wait until the server has the request (the fault has fired), then stop it.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let faults: serde_json::Value = s.get("/__admin/faults").send().unwrap().json().unwrap();
        if faults["faults"][0]["fired"] == 1 || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(s.terminate(), Some(0));
    let (status, body) = request.join().unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("AUTHORISED"), "{body}");
}

#[test]
fn the_example_fixture_of_the_contract_loads_and_serves_every_family() {
    // Verbatim from TEST_SERVER.md: other teams write fixtures in exactly this format.
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/test-server-md-example.json");
    let key = test_key_path();
    let s = Server::start_with(&[
        "--fixture",
        example.to_str().unwrap(),
        "--signing-key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(
        s.faxstore("/api/check/8", "FS-AAAA-0001").1["status"],
        "AUTHORISED"
    );
    let (status, v) = s.ls_activate(
        json!({"product": "TP", "license_key": "AAAA-BBBB-CCCC-DDDD", "hardware_id": "h"}),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["product_features"][0]["code"], "pro");
    let (_, v) = s.framecad("activate", json!({"client_key": "3D9AACA84BEC559A", "license_key": "HIOZ-W7RA-JNET-X039", "machine_key": "M", "product_key": "PRODUCT-KEY-1"}));
    assert_eq!(v["code"], 0);
}
