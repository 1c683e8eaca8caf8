//! Test helpers: start the real `licensekit-server` binary on port 0 and talk HTTP to it.
#![allow(dead_code)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde_json::Value;
use sha2::Sha256;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// A fixed key so most tests skip key generation (one test covers generation).
pub fn test_key_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/test-signing-key.pem")
}

pub fn demo_fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo.json")
}

/// A running server; killed on drop.
pub struct Server {
    pub url: String,
    pub child: Child,
    pub output: Arc<Mutex<String>>,
    pub started_in: Duration,
    client: Client,
}

pub fn client() -> Client {
    static PROVIDER: Once = Once::new();
    PROVIDER.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("HTTP client")
}

impl Server {
    /// The demo fixture with the test signing key.
    pub fn start() -> Server {
        Server::start_with(&["--signing-key", test_key_path().to_str().unwrap()])
    }

    /// Any arguments (`--port 0` is added).
    pub fn start_with(args: &[&str]) -> Server {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_licensekit-server"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn licensekit-server");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).expect("read the first line");
        let started_in = started.elapsed();
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                let mut err = String::new();
                let _ = child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("unexpected first line {first:?}; stderr: {err}")
            })
            .to_string();
        let output = Arc::new(Mutex::new(String::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while stdout.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Server {
            url,
            child,
            output,
            started_in,
            client: client(),
        }
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(format!("{}{path}", self.url))
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(format!("{}{path}", self.url))
    }

    pub fn client_request(&self, method: &str, path: &str) -> RequestBuilder {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        self.client.request(method, format!("{}{path}", self.url))
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.client.delete(format!("{}{path}", self.url))
    }

    pub fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// `POST /__admin/…` with a JSON body; asserts 200.
    pub fn admin(&self, path: &str, body: Value) -> Value {
        let r = self.post(path).json(&body).send().unwrap();
        assert_eq!(r.status(), 200, "admin {path}");
        r.json().unwrap()
    }

    pub fn state(&self) -> Value {
        self.get("/__admin/state").send().unwrap().json().unwrap()
    }

    pub fn public_key(&self) -> String {
        self.get("/__admin/public-key")
            .send()
            .unwrap()
            .text()
            .unwrap()
    }

    /// FaxStore check of `product` with `key`.
    pub fn faxstore(&self, path: &str, key: &str) -> (u16, Value) {
        let r = self.post(path).header("authorization", key).send().unwrap();
        status_json(r)
    }

    /// A signed LicenseSpring License API request.
    pub fn ls(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        ls_request(
            &self.client,
            &self.url,
            method,
            path,
            body,
            &ls_auth("test-api-key", "test-shared-key"),
        )
        .send()
        .unwrap()
    }

    pub fn ls_check(&self, key: &str, hwid: &str) -> (u16, Value) {
        status_json(self.ls(
            "GET",
            &format!("/api/v4/check_license?product=TP&license_key={key}&hardware_id={hwid}"),
            None,
        ))
    }

    pub fn ls_activate(&self, body: Value) -> (u16, Value) {
        status_json(self.ls("POST", "/api/v4/activate_license", Some(body)))
    }

    /// frameCAD POST with a JSON body.
    pub fn framecad(&self, op: &str, body: Value) -> (u16, Value) {
        status_json(
            self.post(&format!("/api/v1/licenses/{op}"))
                .json(&body)
                .send()
                .unwrap(),
        )
    }

    pub fn log_text(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// SIGTERM and wait; returns the exit code.
    pub fn terminate(mut self) -> Option<i32> {
        unsafe_kill(self.child.id(), "TERM");
        let status = self.child.wait().unwrap();
        status.code()
    }
}

fn unsafe_kill(pid: u32, signal: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status();
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn status_json(r: Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let text = r.text().unwrap();
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, value)
}

/// Current time as an RFC 7231 Date.
pub fn http_date(offset_secs: i64) -> String {
    let t = std::time::SystemTime::now();
    let t = if offset_secs >= 0 {
        t + Duration::from_secs(offset_secs as u64)
    } else {
        t - Duration::from_secs(offset_secs.unsigned_abs())
    };
    httpdate::fmt_http_date(t)
}

pub fn hmac_b64(shared_key: &str, date: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(shared_key.as_bytes()).unwrap();
    mac.update(format!("licenseSpring\ndate: {date}").as_bytes());
    B64.encode(mac.finalize().into_bytes())
}

/// Headers for a License API request: (Date, Authorization).
pub struct LsAuth {
    pub date: Option<String>,
    pub authorization: Option<String>,
}

pub fn ls_auth(api_key: &str, shared_key: &str) -> LsAuth {
    let date = http_date(0);
    let sig = hmac_b64(shared_key, &date);
    LsAuth {
        authorization: Some(format!(
            "algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{sig}\",apikey=\"{api_key}\""
        )),
        date: Some(date),
    }
}

pub fn ls_request(
    client: &Client,
    url: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
    auth: &LsAuth,
) -> RequestBuilder {
    let full = format!("{url}{path}");
    let mut r = match method {
        "GET" => client.get(full),
        _ => client.post(full),
    };
    if let Some(d) = &auth.date {
        r = r.header("Date", d);
    }
    if let Some(a) = &auth.authorization {
        r = r.header("Authorization", a);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    r
}

/// Sends raw bytes and returns the raw response text (the server closes or answers).
pub fn raw(addr: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if response_complete(&out) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn response_complete(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let Some(end) = text.find("\r\n\r\n") else {
        return false;
    };
    let length = text[..end].lines().find_map(|l| {
        l.to_ascii_lowercase()
            .strip_prefix("content-length:")
            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
    });
    match length {
        Some(n) => bytes.len() >= end + 4 + n,
        None => false,
    }
}

/// The status code of a raw HTTP response.
pub fn raw_status(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The body of a raw HTTP response.
pub fn raw_body(response: &str) -> &str {
    response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or("")
}
