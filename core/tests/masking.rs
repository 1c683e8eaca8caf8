//! No license key, API key or shared key appears in `Debug`, `Display`, `to_json`, error
//! messages or log records — only the last four characters.

mod support;

use std::sync::Mutex;
use std::time::Duration;

use licensekit_core::protocol::{faxstore, framecad, licensespring, management};
use licensekit_core::{Args, Client, ClientConfig, RetryPolicy};
use support::{Server, closed_port};

const LICENSE_KEY: &str = "LS-VALID-0001";
const FRAMECAD_KEY: &str = "ACTV-0000-0000-0001";
const SECRETS: &[&str] = &[
    "LS-VALID-0",
    "ACTV-0000-0000",
    "test-api-",
    "test-shared-",
    "test-management-",
    "FS-ACTIVE-0",
    "demo-password",
];

fn assert_masked(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(format!("{}", record.args()));
    }
    fn flush(&self) {}
}

static LOGS: Capture = Capture(Mutex::new(Vec::new()));

#[test]
fn debug_display_json_and_logs_mask_every_secret() {
    log::set_logger(&LOGS).unwrap();
    // Debug: the most the core logs at. With trace enabled, ureq's own debug record of each
    // request shows its URL in full, query included, as curl -v does (docs/client.md); at debug
    // it shows "/******", and this test holds it to that along with every other record.
    log::set_max_level(log::LevelFilter::Debug);

    let server = Server::start();
    let client = server.client();
    assert_masked("ClientConfig", &format!("{:?}", server.config()));
    assert_masked("Client", &format!("{client:?}"));

    let ls = licensespring::ActivateRequest {
        product: "TP".into(),
        license_key: Some(LICENSE_KEY.into()),
        hardware_id: Some("hw-mask".into()),
        password: Some("demo-password".into()),
        ..Default::default()
    };
    assert_masked("ActivateRequest", &format!("{ls:?}"));
    let verdict = client.licensespring_activate(&ls).unwrap();
    assert!(verdict.is_granted(), "{verdict:?}");
    // The verdict keeps the caller's data intact…
    assert_eq!(
        verdict.license.as_ref().unwrap().key.as_deref(),
        Some(LICENSE_KEY)
    );
    // …and shows it masked.
    for (what, text) in [
        ("Verdict Debug", format!("{verdict:?}")),
        ("Verdict Display", format!("{verdict}")),
        ("Verdict to_json", verdict.to_json()),
    ] {
        assert_masked(what, &text);
    }
    assert!(verdict.to_json().contains("*********0001"));

    let requests = [
        format!(
            "{:?}",
            faxstore::CheckRequest {
                license_key: "FS-ACTIVE-0001".into(),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            faxstore::CheckMultipleRequest {
                license_key: "FS-ACTIVE-0001".into(),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            licensespring::CheckRequest {
                license_key: Some(LICENSE_KEY.into()),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            licensespring::DeactivateRequest {
                license_key: Some(LICENSE_KEY.into()),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            management::CheckRequest {
                license_key: Some(LICENSE_KEY.into()),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            framecad::Request {
                license_key: FRAMECAD_KEY.into(),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            Args {
                license_key: Some(LICENSE_KEY.into()),
                password: Some("demo-password".into()),
                ..Default::default()
            }
        ),
    ];
    for text in &requests {
        assert_masked("request Debug", text);
    }

    // A GET carries the key in its query string; transport errors must not echo the URL.
    let mut config = ClientConfig::new(format!("http://127.0.0.1:{}", closed_port()));
    config.retries = RetryPolicy {
        max_retries: 1,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
    };
    let verdict = Client::new(config)
        .unwrap()
        .framecad_check(&framecad::Request {
            client_key: "3D9AACA84BEC559A".into(),
            license_key: FRAMECAD_KEY.into(),
            machine_key: Some("MACHINE-A-0001".into()),
            product_key: None,
        })
        .unwrap();
    assert_eq!(verdict.attempts, 2);
    assert_masked("transport error", verdict.message.as_deref().unwrap());

    let logs = LOGS.0.lock().unwrap();
    assert!(
        logs.iter().any(|l| l.contains("retrying")),
        "the retry was logged: {logs:?}"
    );
    for line in logs.iter() {
        assert_masked("log record", line);
    }
}
