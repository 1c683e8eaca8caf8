//! Check-endpoint throughput of the test server with many keep-alive connections, side by side
//! with a bare axum handler returning a constant, measured in the same run.
//!
//! `cargo bench -p licensekit-server` (release). Both servers run as separate processes (the
//! peer is this binary re-executed with `LK_BENCH_PEER=1`), the load generator in this one,
//! so each server gets the same CPU share.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CONNECTIONS: usize = 64;
const REQUESTS: usize = 100_000;
const TIME_LIMIT: Duration = Duration::from_secs(15);
const PEER_BODY: &str = r#"{"status":"AUTHORISED","pass":true,"details":"Authorisation completed - https://license.example.com"}"#;

fn main() {
    if std::env::var_os("LK_BENCH_PEER").is_some() {
        return run_peer();
    }
    // `cargo bench` passes `--bench`; anything else (e.g. `cargo test --benches`) is a smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let requests = if full { REQUESTS } else { 2_000 };
    let ours =
        Spawned::start(Command::new(env!("CARGO_BIN_EXE_licensekit-server")).args(["--port", "0"]));
    let peer =
        Spawned::start(Command::new(std::env::current_exe().unwrap()).env("LK_BENCH_PEER", "1"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();

    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    let signature = {
        use base64::Engine;
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"test-shared-key").unwrap();
        mac.update(format!("licenseSpring\ndate: {date}").as_bytes());
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    };
    let faxstore = "POST /api/check/8 HTTP/1.1\r\nHost: bench\r\nauthorization: FS-ACTIVE-0001\r\ncontent-length: 0\r\n\r\n".to_string();
    let framecad = "GET /api/v1/licenses/check?client_key=3D9AACA84BEC559A&license_key=ACTV-0000-0000-0001&machine_key=MACHINE-A-0001 HTTP/1.1\r\nHost: bench\r\n\r\n".to_string();
    let licensespring = format!(
        "GET /api/v4/check_license?product=TP&license_key=LS-VALID-0001&hardware_id=demo-hwid-0001 HTTP/1.1\r\nHost: bench\r\nDate: {date}\r\nAuthorization: algorithm=\"hmac-sha256\",headers=\"date\",signature=\"{signature}\",apikey=\"test-api-key\"\r\n\r\n"
    );
    println!(
        "{CONNECTIONS} keep-alive connections, {requests} requests per run, best of 3 alternating runs"
    );
    // LK_BENCH_ONLY=licensespring (or faxstore, framecad) runs one endpoint, e.g. for profiling.
    let only = std::env::var("LK_BENCH_ONLY")
        .unwrap_or_default()
        .to_lowercase();
    let endpoints = [
        ("FaxStore check", faxstore),
        ("frameCAD check", framecad),
        ("LicenseSpring check", licensespring),
    ];
    let selected = endpoints
        .into_iter()
        .filter(|(name, _)| name.to_lowercase().replace(' ', "").contains(&only));
    for (name, request) in selected {
        // Warm-up (also fills the signature cache and makes sure the request is answered 200).
        runtime.block_on(load(&peer.addr, &request, requests / 10));
        runtime.block_on(load(&ours.addr, &request, requests / 10));
        let (mut best_peer, mut best_ours) = (0f64, 0f64);
        for _ in 0..3 {
            best_peer = best_peer.max(runtime.block_on(load(&peer.addr, &request, requests)));
            best_ours = best_ours.max(runtime.block_on(load(&ours.addr, &request, requests)));
        }
        println!(
            "{name:<22} licensekit-server {best_ours:>9.0} req/s | bare axum constant {best_peer:>9.0} req/s | ratio {:>5.1} %",
            100.0 * best_ours / best_peer
        );
    }
}

/// Sends `total` requests over [`CONNECTIONS`] keep-alive connections; returns requests/s.
async fn load(addr: &str, request: &str, total: usize) -> f64 {
    let started = Instant::now();
    let per_connection = total.div_ceil(CONNECTIONS);
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (addr, request) = (addr.to_string(), request.as_bytes().to_vec());
            tokio::spawn(async move {
                connection(&addr, &request, per_connection, started + TIME_LIMIT).await
            })
        })
        .collect();
    let mut done = 0usize;
    for task in tasks {
        done += task.await.unwrap();
    }
    done as f64 / started.elapsed().as_secs_f64()
}

async fn connection(addr: &str, request: &[u8], count: usize, deadline: Instant) -> usize {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).unwrap();
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    for i in 0..count {
        if Instant::now() > deadline {
            return i;
        }
        stream.write_all(request).await.expect("write");
        buf.clear();
        loop {
            let n = stream.read(&mut chunk).await.expect("read");
            assert!(n > 0, "the server closed the connection");
            buf.extend_from_slice(&chunk[..n]);
            if let Some(total) = complete_length(&buf) {
                assert!(
                    buf.starts_with(b"HTTP/1.1 200"),
                    "{}",
                    String::from_utf8_lossy(&buf)
                );
                if buf.len() >= total {
                    break;
                }
            }
        }
    }
    count
}

/// Total response length once the head is complete.
fn complete_length(buf: &[u8]) -> Option<usize> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    Some(end + length)
}

struct Spawned {
    child: Child,
    addr: String,
}

impl Spawned {
    fn start(command: &mut Command) -> Spawned {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let addr = first
            .trim()
            .strip_prefix("listening on http://")
            .expect("listening line")
            .to_string();
        // Keep draining the request log, as a real test run would.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Spawned { child, addr }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The peer: a bare axum handler returning a constant, on the same runtime configuration.
fn run_peer() {
    use axum::routing::{get, post};
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("listening on http://{}", listener.local_addr().unwrap());
        let constant = || async { ([("content-type", "application/json")], PEER_BODY) };
        let app = axum::Router::new()
            .route("/api/check/{id}", post(constant))
            .route("/api/v1/licenses/check", get(constant))
            .route("/api/v4/check_license", get(constant));
        axum::serve(listener, app).await.unwrap();
    });
}
