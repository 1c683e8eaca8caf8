//! Check-endpoint throughput of the test server with many keep-alive connections, side by side
//! with a bare axum handler returning a constant, measured in the same run.
//!
//! `cargo bench -p licensekit-server` (release). Both servers run as separate processes (the
//! peer is this binary re-executed with `LK_BENCH_PEER=1`), the load generator in this one,
//! so each server gets the same CPU share. The peer's constants are the exact bodies (and the
//! `LicenseSignature` header) our server answered, so both write the same bytes and the ratio
//! measures the server's work, not the body size.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CONNECTIONS: usize = 64;
const REQUESTS: usize = 50_000;
const PAIRS: usize = 7;
const TIME_LIMIT: Duration = Duration::from_secs(15);

fn main() {
    if std::env::var_os("LK_BENCH_PEER").is_some() {
        return run_peer();
    }
    // `cargo bench` passes `--bench`; anything else (e.g. `cargo test --benches`) is a smoke run.
    let full = std::env::args().any(|a| a == "--bench");
    let requests = if full { REQUESTS } else { 2_000 };
    let ours =
        Spawned::start(Command::new(env!("CARGO_BIN_EXE_licensekit-server")).args(["--port", "0"]));
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
    // The peer answers each path with what our server answered.
    let mut constants = serde_json::Map::new();
    for request in [&faxstore, &framecad, &licensespring] {
        let path = request
            .split_whitespace()
            .nth(1)
            .unwrap()
            .split('?')
            .next()
            .unwrap();
        let (body, signature) = fetch(&ours.addr, request);
        constants.insert(
            path.to_string(),
            serde_json::json!({"body": body, "signature": signature}),
        );
    }
    let peer = Spawned::start(Command::new(std::env::current_exe().unwrap()).env(
        "LK_BENCH_PEER",
        serde_json::Value::Object(constants).to_string(),
    ));
    println!(
        "{CONNECTIONS} keep-alive connections, {requests} requests per run, {PAIRS} alternating pairs (best req/s; medians of the pair ratios of req/s and of CPU time per request); load average {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
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
        // Alternating pairs: other load on the machine drifts slowly, so each pair's ratio is
        // fair, and the median of the pair ratios ignores the odd disturbed pair.
        // CPU time per request (both servers' user + system time) is the second, load-robust
        // measure: other processes slow the wall clock, not the work a request costs.
        let (mut best_peer, mut best_ours, mut ratios, mut cpu_ratios) =
            (0f64, 0f64, Vec::new(), Vec::new());
        for _ in 0..PAIRS {
            let peer_cpu = peer.cpu_ticks();
            let peer_rps = runtime.block_on(load(&peer.addr, &request, requests));
            let peer_cpu = peer.cpu_ticks() - peer_cpu;
            let ours_cpu = ours.cpu_ticks();
            let ours_rps = runtime.block_on(load(&ours.addr, &request, requests));
            let ours_cpu = ours.cpu_ticks() - ours_cpu;
            best_peer = best_peer.max(peer_rps);
            best_ours = best_ours.max(ours_rps);
            ratios.push(ours_rps / peer_rps);
            cpu_ratios.push(peer_cpu as f64 / ours_cpu.max(1) as f64);
        }
        println!(
            "{name:<20} licensekit-server {best_ours:>7.0} req/s | bare axum constant {best_peer:>7.0} req/s | median ratio {:>5.1} % | CPU-per-request ratio {:>5.1} %",
            100.0 * median(&mut ratios),
            100.0 * median(&mut cpu_ratios),
        );
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One request on a fresh connection: the body and the `LicenseSignature` header, if any.
fn fetch(addr: &str, request: &str) -> (String, Option<String>) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .write_all(
            request
                .replace("\r\n\r\n", "\r\nconnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{response}");
    let signature = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("licensesignature")
            .then(|| value.trim().to_string())
    });
    (body.to_string(), signature)
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
    /// User + system CPU time of the process so far, in clock ticks (Linux `/proc`).
    fn cpu_ticks(&self) -> u64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the command name (which may hold spaces): state is 0, utime 11, stime 12.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace().collect())
            .unwrap_or_default();
        let field = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0)
        };
        field(11) + field(12)
    }

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

/// The peer: bare axum handlers returning constants (the bodies passed in `LK_BENCH_PEER`), on
/// the same runtime configuration.
fn run_peer() {
    use axum::http::HeaderValue;
    use axum::response::IntoResponse;
    use axum::routing::post;
    use axum::serve::ListenerExt;
    let constants: serde_json::Value =
        serde_json::from_str(&std::env::var("LK_BENCH_PEER").unwrap()).unwrap();
    let mut app = axum::Router::new();
    for (path, constant) in constants.as_object().unwrap() {
        let body: &'static str = Box::leak(
            constant["body"]
                .as_str()
                .unwrap()
                .to_string()
                .into_boxed_str(),
        );
        let signature = constant["signature"]
            .as_str()
            .map(|s| HeaderValue::from_str(s).unwrap());
        let handler = move || {
            let signature = signature.clone();
            async move {
                let mut response = ([("content-type", "application/json")], body).into_response();
                if let Some(signature) = signature {
                    response.headers_mut().insert("LicenseSignature", signature);
                }
                response
            }
        };
        let route = if path.starts_with("/api/check/") {
            "/api/check/{id}"
        } else {
            path.as_str()
        };
        app = app.route(route, post(handler.clone()).get(handler));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("listening on http://{}", listener.local_addr().unwrap());
        // Same socket option as licensekit-server.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        axum::serve(listener, app).await.unwrap();
    });
}
