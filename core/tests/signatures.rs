//! LicenseSpring response verification against the real test server: the `LicenseSignature`
//! header over the exact body, the v1 `license_signature` field, and the `Date` freshness window.
//! Tampered and stale answers are real answers of the server, altered and replayed.

mod support;

use std::time::{Duration, SystemTime};

use licensekit_core::protocol::licensespring::CheckRequest;
use licensekit_core::signature::authorization_header;
use licensekit_core::{Client, Outcome};
use serde_json::json;
use support::replay::{Canned, Replay};
use support::{API_KEY, SHARED_KEY, Server};

fn check() -> CheckRequest {
    CheckRequest {
        product: "TP".into(),
        license_key: Some("LS-VALID-0001".into()),
        hardware_id: Some("demo-hwid-0001".into()),
        ..CheckRequest::default()
    }
}

/// A real, signed `check_license` answer of the server, captured byte for byte.
fn capture(server: &Server) -> Canned {
    let date = httpdate::fmt_http_date(SystemTime::now());
    let http = reqwest::blocking::Client::new();
    let response = http
        .get(format!(
            "{}/api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001",
            server.url
        ))
        .header("date", &date)
        .header("authorization", authorization_header(API_KEY, SHARED_KEY, &date))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "content-length" | "connection"))
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string()))
        .collect();
    Canned {
        status: 200,
        headers,
        body: response.bytes().unwrap().to_vec(),
    }
}

fn with_header(mut canned: Canned, name: &str, value: Option<String>) -> Canned {
    canned
        .headers
        .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    if let Some(value) = value {
        canned.headers.push((name.to_string(), value));
    }
    canned
}

/// A client for `url` verifying with `server`'s public key.
fn client_for(server: &Server, url: &str) -> Client {
    let mut config = server.config();
    config.base_url = url.to_string();
    Client::new(config).unwrap()
}

#[test]
fn a_genuine_answer_replayed_while_fresh_is_accepted() {
    let server = Server::start();
    let replay = Replay::serve(capture(&server));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
}

#[test]
fn a_stale_date_is_rejected_even_with_a_valid_signature() {
    let server = Server::start();
    let an_hour_ago = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(3600));
    let replay = Replay::serve(with_header(capture(&server), "date", Some(an_hour_ago)));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
    assert!(verdict.message.unwrap().contains("Date"));
}

#[test]
fn a_date_from_the_future_is_rejected() {
    let server = Server::start();
    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    let replay = Replay::serve(with_header(capture(&server), "date", Some(later)));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn the_freshness_window_is_configurable() {
    let server = Server::start();
    let ten_minutes_ago = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(600));
    let replay = Replay::serve(with_header(capture(&server), "date", Some(ten_minutes_ago)));
    let mut config = server.config();
    config.base_url = replay.url.clone();
    // Within the default 900 s window…
    let verdict = Client::new(config.clone())
        .unwrap()
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
    // …but not within 60 s.
    config.licensespring.max_clock_skew = Duration::from_secs(60);
    let verdict = Client::new(config)
        .unwrap()
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn an_answer_without_a_date_is_rejected() {
    let server = Server::start();
    let replay = Replay::serve(with_header(capture(&server), "date", None));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn a_tampered_body_with_the_original_signature_is_rejected() {
    let server = Server::start();
    let mut canned = capture(&server);
    let text = String::from_utf8(canned.body.clone()).unwrap();
    // Grant more seats: same length, so only the signature can tell.
    let tampered = text.replacen("\"max_activations\":3", "\"max_activations\":9", 1);
    assert_ne!(tampered, text, "the capture has max_activations 3");
    canned.body = tampered.into_bytes();
    let replay = Replay::serve(canned);
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn an_answer_without_a_license_signature_header_is_rejected() {
    let server = Server::start();
    let replay = Replay::serve(with_header(capture(&server), "licensesignature", None));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn a_v1_signature_for_another_device_is_rejected() {
    // The header signs the body, but the body's v1 signature names demo-hwid-0001; a client on
    // another device must not accept it (an answer copied from one machine to another).
    let server = Server::start();
    let replay = Replay::serve(capture(&server));
    let verdict = client_for(&server, &replay.url)
        .licensespring_check(&CheckRequest {
            hardware_id: Some("another-device".into()),
            ..check()
        })
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
    assert!(verdict.message.unwrap().contains("license_signature"));
}

#[test]
fn another_servers_public_key_rejects_the_answer() {
    let server = Server::start();
    let other = Server::start();
    let mut config = server.config();
    config.licensespring.public_key_pem = Some(other.public_key());
    let verdict = Client::new(config)
        .unwrap()
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID, "{verdict:?}");
}

#[test]
fn the_servers_corrupt_signature_fault_is_rejected_on_every_v4_operation() {
    let server = Server::start();
    let client = server.client();
    for path in [
        "/api/v4/activate_license",
        "/api/v4/check_license",
        "/api/v4/deactivate_license",
    ] {
        server.reset();
        server.fault(&json!({"path": path, "corrupt_signature": true, "times": 1}));
        let verdict = match path {
            "/api/v4/activate_license" => client.licensespring_activate(
                &licensekit_core::protocol::licensespring::ActivateRequest {
                    product: "TP".into(),
                    license_key: Some("LS-VALID-0001".into()),
                    hardware_id: Some("demo-hwid-0001".into()),
                    ..Default::default()
                },
            ),
            "/api/v4/check_license" => client.licensespring_check(&check()),
            _ => client.licensespring_deactivate(
                &licensekit_core::protocol::licensespring::DeactivateRequest {
                    product: "TP".into(),
                    license_key: Some("LS-VALID-0001".into()),
                    hardware_id: Some("demo-hwid-0001".into()),
                    ..Default::default()
                },
            ),
        }
        .unwrap();
        assert_eq!(
            verdict.outcome,
            Outcome::SIGNATURE_INVALID,
            "{path}: {verdict:?}"
        );
        assert_eq!(
            server.faults_fired(),
            Vec::<u64>::new(),
            "times:1 fault was used"
        );
    }
}

#[test]
fn verification_off_accepts_what_verification_on_rejects() {
    let server = Server::start();
    server.fault(&json!({"path": "/api/v4/check_license", "corrupt_signature": true, "times": 1}));
    let mut config = server.config();
    config.licensespring.verify_signatures = false;
    config.licensespring.public_key_pem = None;
    let verdict = Client::new(config)
        .unwrap()
        .licensespring_check(&check())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
}

#[test]
fn verification_on_without_a_public_key_is_a_config_error() {
    let server = Server::start();
    let mut config = server.config();
    config.licensespring.public_key_pem = None;
    let err = Client::new(config)
        .unwrap()
        .licensespring_check(&check())
        .unwrap_err();
    assert_eq!(err.outcome(), Outcome::INVALID_ARGUMENT);
    assert!(err.to_string().contains("public_key_pem"), "{err}");
}
