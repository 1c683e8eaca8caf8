//! Shared by the integration tests: the real test server (`licensekit-server`, started with
//! `--port 0`), its admin API, and clients configured for the demo fixture.
#![allow(dead_code)]

pub mod connect_proxy;
pub mod replay;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use licensekit_core::{Client, ClientConfig, RetryPolicy};
use serde_json::Value;

/// The fixture's LicenseSpring credentials.
pub const API_KEY: &str = "test-api-key";
pub const SHARED_KEY: &str = "test-shared-key";
pub const MANAGEMENT_KEY: &str = "test-management-key";

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The server binary: `$LICENSEKIT_SERVER_BIN`, else the debug build, built once per test
/// process so the tests never run a stale server.
fn server_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            if let Some(given) = std::env::var_os("LICENSEKIT_SERVER_BIN") {
                return PathBuf::from(given);
            }
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| workspace_root().join("target"));
            let binary = target.join("debug").join("licensekit-server");
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let built = Command::new(cargo)
                .args(["build", "--quiet", "-p", "licensekit-server"])
                .current_dir(workspace_root())
                .status();
            if !matches!(built, Ok(s) if s.success()) {
                eprintln!("warning: `cargo build -p licensekit-server` failed; using the existing binary");
            }
            assert!(
                binary.exists(),
                "the test server {} is missing: run `cargo build -p licensekit-server` (or `make build`)",
                binary.display()
            );
            binary
        })
        .clone()
}

/// A running test server; killed on drop.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The port.
    pub port: u16,
    /// Every request log line printed so far.
    pub log: Arc<Mutex<Vec<String>>>,
    admin: reqwest::blocking::Client,
}

impl Server {
    /// Starts the server on the bundled demo fixture.
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Starts the server with extra command-line arguments.
    pub fn start_with(args: &[&str]) -> Server {
        let mut child = Command::new(server_binary())
            .args(["--host", "127.0.0.1", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start licensekit-server");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        let first = lines
            .next()
            .and_then(Result::ok)
            .expect("the server printed nothing");
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .trim()
            .to_string();
        let port = url.rsplit(':').next().unwrap().parse().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let _ = rustls::crypto::ring::default_provider().install_default();
        let admin = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(10))
            .no_proxy()
            .build()
            .unwrap();
        Server {
            child,
            url,
            port,
            log,
            admin,
        }
    }

    fn admin(&self, method: reqwest::Method, path: &str, body: Option<&Value>) -> Value {
        let mut request = self.admin.request(method, format!("{}{path}", self.url));
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let response = request.send().expect("admin request failed");
        let status = response.status();
        let text = response.text().unwrap_or_default();
        assert!(status.is_success(), "admin {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    }

    /// Back to the fixture, no faults, clock offset 0.
    pub fn reset(&self) {
        self.admin(reqwest::Method::POST, "/__admin/reset", None);
        self.admin(reqwest::Method::DELETE, "/__admin/faults", None);
        self.set_clock(0);
    }

    /// Arms a fault.
    pub fn fault(&self, fault: &Value) {
        self.admin(reqwest::Method::POST, "/__admin/faults", Some(fault));
    }

    /// How often the armed faults fired, in the order they were added.
    pub fn faults_fired(&self) -> Vec<u64> {
        let list = self.admin(reqwest::Method::GET, "/__admin/faults", None);
        list["faults"]
            .as_array()
            .map(|a| a.iter().map(|f| f["fired"].as_u64().unwrap_or(0)).collect())
            .unwrap_or_default()
    }

    /// Shifts the server's clock.
    pub fn set_clock(&self, offset_secs: i64) {
        self.admin(
            reqwest::Method::POST,
            "/__admin/clock",
            Some(&serde_json::json!({ "offset_secs": offset_secs })),
        );
    }

    /// The PEM that verifies the server's LicenseSpring signatures.
    pub fn public_key(&self) -> String {
        match self.admin(reqwest::Method::GET, "/__admin/public-key", None) {
            Value::String(pem) => pem,
            other => panic!("public key is not PEM: {other}"),
        }
    }

    /// Request log lines whose text contains `needle`.
    pub fn requests_matching(&self, needle: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }

    /// A configuration for this server with the fixture's credentials, its public key, no
    /// retries and short backoffs.
    pub fn config(&self) -> ClientConfig {
        let mut config = ClientConfig::new(&self.url);
        config.retries = RetryPolicy {
            max_retries: 0,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(100),
        };
        let ls = &mut config.licensespring;
        ls.api_key = Some(API_KEY.into());
        ls.shared_key = Some(SHARED_KEY.into());
        ls.management_api_key = Some(MANAGEMENT_KEY.into());
        ls.public_key_pem = Some(self.public_key());
        config
    }

    /// A client for [`Server::config`].
    pub fn client(&self) -> Client {
        Client::new(self.config()).expect("valid config")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
