//! Transport behaviour against the real test server: every transport outcome, retries only
//! where the outcome is retryable (counted by the server), HTTPS enforcement, bounded bodies,
//! and sharing one client across threads.

mod support;

use std::time::Duration;

use licensekit_core::protocol::{faxstore, framecad};
use licensekit_core::{Client, ClientConfig, Error, Outcome, RetryPolicy};
use serde_json::json;
use support::connect_proxy::ConnectProxy;
use support::replay::{Canned, Replay};
use support::{Server, closed_port};

fn fs_check(key: &str) -> faxstore::CheckRequest {
    faxstore::CheckRequest {
        license_key: key.into(),
        product_id: "8".into(),
        ..Default::default()
    }
}

fn actv() -> framecad::Request {
    framecad::Request {
        client_key: "3D9AACA84BEC559A".into(),
        license_key: "ACTV-0000-0000-0001".into(),
        machine_key: Some("MACHINE-A-0001".into()),
        product_key: None,
    }
}

fn retrying(server: &Server, max_retries: u32) -> Client {
    let mut config = server.config();
    config.retries = RetryPolicy {
        max_retries,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
    };
    Client::new(config).unwrap()
}

#[test]
fn a_closed_port_is_a_network_error() {
    let client = Client::new(ClientConfig::new(format!(
        "http://127.0.0.1:{}",
        closed_port()
    )))
    .unwrap();
    let verdict = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
    assert_eq!(verdict.outcome, Outcome::NETWORK_ERROR, "{verdict:?}");
    assert_eq!(verdict.http_status, None);
    // Default policy: two retries of a retryable outcome.
    assert_eq!(verdict.attempts, 3);
}

#[test]
fn a_server_error_is_retried_until_the_retries_run_out() {
    let server = Server::start();
    server.fault(&json!({"path": "/api/check/8", "status": 503, "times": 0}));
    let verdict = retrying(&server, 2)
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SERVER_ERROR);
    assert_eq!(verdict.attempts, 3);
    assert_eq!(
        server.faults_fired(),
        vec![3],
        "the server saw three requests"
    );
}

#[test]
fn a_transient_failure_then_an_answer_gives_the_answer() {
    let server = Server::start();
    server
        .fault(&json!({"path": "/api/v1/licenses/validate", "drop_connection": true, "times": 1}));
    let verdict = retrying(&server, 2).framecad_validate(&actv()).unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
    assert_eq!(verdict.attempts, 2);
}

#[test]
fn rate_limiting_and_timeouts_are_retried() {
    let server = Server::start();
    server.fault(&json!({"path": "/api/check/8", "status": 429, "times": 0}));
    let verdict = retrying(&server, 1)
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::RATE_LIMITED);
    assert_eq!(verdict.attempts, 2);

    server.reset();
    server.fault(&json!({"path": "/api/check/8", "delay_ms": 2000, "times": 0}));
    let mut config = server.config();
    config.timeout = Duration::from_millis(200);
    config.retries.max_retries = 1;
    let verdict = Client::new(config)
        .unwrap()
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::TIMEOUT, "{verdict:?}");
    assert_eq!(verdict.attempts, 2);
    assert_eq!(server.faults_fired(), vec![2]);
}

#[test]
fn a_definitive_answer_is_never_retried() {
    let server = Server::start();
    let client = retrying(&server, 3);
    // A refusal.
    let verdict = client.faxstore_check(&fs_check("FS-UNKNOWN-0001")).unwrap();
    assert_eq!(verdict.outcome, Outcome::KEY_NOT_FOUND);
    assert_eq!(verdict.attempts, 1);
    // A request error.
    server.fault(&json!({"path": "/api/check/8", "status": 400, "times": 0}));
    let verdict = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
    assert_eq!(verdict.outcome, Outcome::MISSING_PARAMETER);
    assert_eq!(verdict.attempts, 1);
    assert_eq!(server.faults_fired(), vec![1]);
    // An answer we cannot trust.
    server.reset();
    server.fault(&json!({"path": "/api/v4/check_license", "corrupt_signature": true, "times": 0}));
    let verdict = client
        .licensespring_check(&licensekit_core::protocol::licensespring::CheckRequest {
            product: "TP".into(),
            license_key: Some("LS-VALID-0001".into()),
            hardware_id: Some("demo-hwid-0001".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::SIGNATURE_INVALID);
    assert_eq!(verdict.attempts, 1);
    assert_eq!(server.faults_fired(), vec![1]);
    // An answer we cannot read.
    server.reset();
    server.fault(&json!({"path": "/api/check/8", "invalid_json": true, "times": 0}));
    let verdict = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
    assert_eq!(verdict.outcome, Outcome::INVALID_RESPONSE);
    assert_eq!(verdict.attempts, 1);
    assert_eq!(server.faults_fired(), vec![1]);
}

#[test]
fn a_tls_failure_is_not_retried() {
    let server = Server::start();
    let mut config = server.config();
    config.base_url = server.url.replacen("http://", "https://", 1);
    config.retries.max_retries = 3;
    let verdict = Client::new(config)
        .unwrap()
        .framecad_check(&actv())
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::TLS_ERROR, "{verdict:?}");
    assert_eq!(verdict.attempts, 1);
}

fn too_many_requests(retry_after: &str) -> Canned {
    Canned {
        status: 429,
        headers: vec![
            ("retry-after".into(), retry_after.into()),
            ("content-type".into(), "application/json".into()),
        ],
        body: br#"{"status":"ERROR","pass":false,"details":"slow down"}"#.to_vec(),
    }
}

#[test]
fn retry_after_within_max_backoff_is_honoured() {
    let replay = Replay::serve(too_many_requests("0"));
    let mut config = ClientConfig::new(&replay.url);
    config.retries = RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_secs(60),
        max_backoff: Duration::from_secs(120),
    };
    // A 60 s backoff would stall this test; Retry-After: 0 replaces it.
    let verdict = Client::new(config)
        .unwrap()
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::RATE_LIMITED);
    assert_eq!(verdict.attempts, 3);
    assert_eq!(replay.hits(), 3);
}

#[test]
fn retry_after_beyond_max_backoff_stops_retrying() {
    let replay = Replay::serve(too_many_requests("3600"));
    let mut config = ClientConfig::new(&replay.url);
    config.retries.max_retries = 5;
    let verdict = Client::new(config)
        .unwrap()
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::RATE_LIMITED);
    assert_eq!(verdict.attempts, 1);
    assert_eq!(replay.hits(), 1);
}

#[test]
fn plain_http_is_refused_except_to_loopback() {
    for url in ["http://licenses.example.com", "http://192.0.2.1:8080"] {
        let err = Client::new(ClientConfig::new(url)).unwrap_err();
        assert!(matches!(err, Error::InvalidConfig(_)), "{url}: {err}");
        assert_eq!(err.outcome(), Outcome::INVALID_ARGUMENT);
        let mut allowed = ClientConfig::new(url);
        allowed.allow_insecure_http = true;
        assert!(
            Client::new(allowed).is_ok(),
            "{url} with allow_insecure_http"
        );
    }
    for url in [
        "https://licenses.example.com",
        "http://127.0.0.1:1",
        "http://localhost:1",
        "http://[::1]:1",
    ] {
        assert!(Client::new(ClientConfig::new(url)).is_ok(), "{url}");
    }
}

#[test]
fn bad_proxy_ca_and_key_settings_are_config_errors() {
    let mut config = ClientConfig::new("https://licenses.example.com");
    config.extra_ca_certs_pem = vec!["not a certificate".into()];
    assert!(matches!(Client::new(config), Err(Error::InvalidConfig(_))));
    let mut config = ClientConfig::new("https://licenses.example.com");
    config.extra_ca_certs_pem =
        vec!["-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n".into()];
    assert!(matches!(Client::new(config), Err(Error::InvalidConfig(_))));
    let mut config = ClientConfig::new("https://licenses.example.com");
    config.licensespring.public_key_pem =
        Some("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----".into());
    assert!(matches!(Client::new(config), Err(Error::InvalidConfig(_))));
    let mut config = ClientConfig::new("https://licenses.example.com");
    config.proxy = Some("::not a url::".into());
    assert!(matches!(Client::new(config), Err(Error::InvalidConfig(_))));
}

#[test]
fn pem_ca_bundles_are_accepted() {
    use base64::Engine;
    // Two real CA certificates (Mozilla roots) in one PEM bundle.
    let pem: String = webpki_root_certs::TLS_SERVER_ROOT_CERTS[..2]
        .iter()
        .map(|der| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
            format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n")
        })
        .collect();
    let mut config = ClientConfig::new("https://licenses.example.com");
    config.extra_ca_certs_pem = vec![pem];
    assert!(Client::new(config).is_ok());
}

#[test]
fn an_explicit_proxy_carries_the_request() {
    // The request reaches the server through a tunnel the proxy opened (CONNECT, as for an
    // https server), and through nothing else: the proxy counts its tunnels.
    let server = Server::start();
    let proxy = ConnectProxy::start();
    let mut config = server.config();
    config.proxy = Some(proxy.url.clone());
    let client = Client::new(config).unwrap();
    let verdict = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
    assert_eq!(proxy.tunnels(), 1);
    // The tunnel is a kept-alive connection like any other.
    let again = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
    assert_eq!(again.outcome, Outcome::VALID, "{again:?}");
    assert_eq!(proxy.tunnels(), 1);
}

#[test]
fn an_unreachable_proxy_is_a_network_error() {
    let server = Server::start();
    let mut config = server.config();
    config.proxy = Some(format!("http://127.0.0.1:{}", closed_port()));
    config.retries.max_retries = 0;
    let verdict = Client::new(config)
        .unwrap()
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(verdict.outcome, Outcome::NETWORK_ERROR, "{verdict:?}");
}

#[test]
fn a_body_over_one_mebibyte_is_an_invalid_response() {
    let server = Server::start();
    let huge = format!(
        "{{\"status\":\"AUTHORISED\",\"pass\":true,\"details\":\"{}\"}}",
        "x".repeat(1_100_000)
    );
    server.fault(&json!({"path": "/api/check/8", "status": 299, "times": 1, "body": huge}));
    let verdict = server
        .client()
        .faxstore_check(&fs_check("FS-ACTIVE-0001"))
        .unwrap();
    assert_eq!(
        verdict.outcome,
        Outcome::INVALID_RESPONSE,
        "{:?}",
        verdict.message
    );
    assert!(verdict.message.unwrap().contains("longer than"));
}

#[test]
fn garbage_answers_never_panic() {
    let server = Server::start();
    let client = server.client();
    for body in [
        "",
        "null",
        "[]",
        "42",
        "\"AUTHORISED\"",
        "{\"status\":5}",
        "{\"code\":\"x\"}",
        "\u{0}\u{1}\u{2}",
        "{\"license\":7,\"code\":0}",
    ] {
        // (A fault with status 200 lets the endpoint answer, so 2xx is tried as 201.)
        for status in [201u16, 302, 400, 404, 418] {
            server.reset();
            for path in [
                "/api/check/8",
                "/api/v1/licenses/validate",
                "/api/v4/check_license",
            ] {
                server.fault(&json!({"path": path, "status": status, "times": 1, "body": body}));
            }
            let fs = client.faxstore_check(&fs_check("FS-ACTIVE-0001")).unwrap();
            let fc = client.framecad_validate(&actv()).unwrap();
            let ls = client
                .licensespring_check(&licensekit_core::protocol::licensespring::CheckRequest {
                    product: "TP".into(),
                    license_key: Some("LS-VALID-0001".into()),
                    hardware_id: Some("demo-hwid-0001".into()),
                    ..Default::default()
                })
                .unwrap();
            for v in [&fs, &fc, &ls] {
                assert!(!v.is_granted(), "{status} {body:?} granted: {v:?}");
                assert_eq!(v.http_status, Some(status));
            }
        }
    }
}

#[test]
fn one_client_serves_many_threads() {
    let server = Server::start();
    let client = server.client();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                (0..10)
                    .map(|_| {
                        client
                            .faxstore_check(&fs_check("FS-ACTIVE-0001"))
                            .unwrap()
                            .outcome
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap().iter().all(|o| *o == Outcome::VALID));
    }
}
