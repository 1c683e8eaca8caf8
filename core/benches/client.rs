//! A license check round trip through `Client` against bare requests to the same endpoint of
//! the same (release-built) test server, in the same run: reqwest's blocking client (what most
//! Rust apps use) and ureq (the synchronous client the core is built on, so the difference is
//! the core's own cost). Also `Client::new` and the outcome mapping per call. Prints ratios.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use licensekit_core::mapping::{Reply, map, map_reply};
use licensekit_core::protocol::{faxstore, framecad};
use licensekit_core::{Client, Family, Operation};
use support::Server;

const CLIENT_KEY: &str = "3D9AACA84BEC559A";
const LICENSE_KEY: &str = "ACTV-0000-0000-0001";
const MACHINE_KEY: &str = "MACHINE-A-0001";

/// Builds the server in release so its own cost does not dilute the comparison.
fn release_server() -> Server {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let ok = Command::new(cargo)
        .args(["build", "--quiet", "--release", "-p", "licensekit-server"])
        .current_dir(&root)
        .status()
        .is_ok_and(|s| s.success());
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    if ok {
        // SAFETY: set before any other thread exists (criterion has not started yet).
        unsafe {
            std::env::set_var(
                "LICENSEKIT_SERVER_BIN",
                target.join("release").join("licensekit-server"),
            )
        };
    }
    Server::start()
}

struct Peers {
    client: Client,
    bare: reqwest::blocking::Client,
    bare_ureq: ureq::Agent,
    framecad_url: String,
    faxstore_url: String,
    framecad: framecad::Request,
    faxstore: faxstore::CheckRequest,
}

impl Peers {
    fn new(server: &Server) -> Peers {
        let client = server.client();
        let bare = reqwest::blocking::Client::builder().build().unwrap();
        let bare_ureq = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        Peers {
            client,
            bare,
            bare_ureq,
            framecad_url: format!(
                "{}/api/v1/licenses/check?client_key={CLIENT_KEY}&license_key={LICENSE_KEY}&machine_key={MACHINE_KEY}",
                server.url
            ),
            faxstore_url: format!("{}/api/check/8", server.url),
            framecad: framecad::Request {
                client_key: CLIENT_KEY.into(),
                license_key: LICENSE_KEY.into(),
                machine_key: Some(MACHINE_KEY.into()),
                product_key: None,
            },
            faxstore: faxstore::CheckRequest {
                license_key: "FS-ACTIVE-0001".into(),
                product_id: "8".into(),
                ..Default::default()
            },
        }
    }

    fn client_framecad(&self) {
        let v = self.client.framecad_check(&self.framecad).unwrap();
        assert!(v.is_granted());
    }

    fn bare_framecad(&self) {
        let r = self.bare.get(&self.framecad_url).send().unwrap();
        assert!(r.status().is_success());
        black_box(r.bytes().unwrap());
    }

    /// The least a hand-written check does: the request, then read the verdict from the JSON.
    fn bare_framecad_parsed(&self) {
        let r = self.bare.get(&self.framecad_url).send().unwrap();
        assert!(r.status().is_success());
        let body: serde_json::Value = serde_json::from_slice(&r.bytes().unwrap()).unwrap();
        assert_eq!(body["code"], 0);
    }

    fn bare_faxstore_parsed(&self) {
        let r = self
            .bare
            .post(&self.faxstore_url)
            .header("authorization", "FS-ACTIVE-0001")
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&r.bytes().unwrap()).unwrap();
        assert_eq!(body["pass"], true);
    }

    fn ureq_framecad(&self) {
        let mut r = self.bare_ureq.get(&self.framecad_url).call().unwrap();
        assert!(r.status().is_success());
        black_box(r.body_mut().read_to_vec().unwrap());
    }

    fn ureq_faxstore(&self) {
        let mut r = self
            .bare_ureq
            .post(&self.faxstore_url)
            .header("authorization", "FS-ACTIVE-0001")
            .header("content-type", "application/json")
            .send("{}")
            .unwrap();
        assert!(r.status().is_success());
        black_box(r.body_mut().read_to_vec().unwrap());
    }

    fn client_faxstore(&self) {
        let v = self.client.faxstore_check(&self.faxstore).unwrap();
        assert!(v.is_granted());
    }

    fn bare_faxstore(&self) {
        let r = self
            .bare
            .post(&self.faxstore_url)
            .header("authorization", "FS-ACTIVE-0001")
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .unwrap();
        assert!(r.status().is_success());
        black_box(r.bytes().unwrap());
    }
}

/// Median per-call times of `a` and `b`, called in alternation (which goes first alternates
/// too), so both see the same machine load; a shared 2-core machine drifts between rounds.
fn interleaved(a: impl Fn(), b: impl Fn(), pairs: usize) -> (Duration, Duration) {
    let time = |f: &dyn Fn()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    for _ in 0..200 {
        a();
        b();
    }
    let mut ta = Vec::with_capacity(pairs);
    let mut tb = Vec::with_capacity(pairs);
    for i in 0..pairs {
        if i % 2 == 0 {
            ta.push(time(&a));
            tb.push(time(&b));
        } else {
            tb.push(time(&b));
            ta.push(time(&a));
        }
    }
    ta.sort();
    tb.sort();
    (ta[pairs / 2], tb[pairs / 2])
}

/// `Client::new`: the first one in the process (one-time set-up included) and then each one.
fn client_new(c: &mut Criterion) {
    let config = licensekit_core::ClientConfig::new("https://licenses.example.com");
    let start = Instant::now();
    black_box(Client::new(config.clone()).unwrap());
    println!(
        "FIRST Client::new: {:.1} µs",
        start.elapsed().as_secs_f64() * 1e6
    );
    c.bench_function("client_new", |b| {
        b.iter(|| Client::new(black_box(config.clone())).unwrap())
    });
}

fn round_trips(c: &mut Criterion) {
    let server = release_server();
    let peers = Peers::new(&server);
    let mut group = c.benchmark_group("round_trip");
    group.bench_function("framecad_check/licensekit_client", |b| {
        b.iter(|| peers.client_framecad())
    });
    group.bench_function("framecad_check/bare_reqwest", |b| {
        b.iter(|| peers.bare_framecad())
    });
    group.bench_function("framecad_check/bare_ureq", |b| {
        b.iter(|| peers.ureq_framecad())
    });
    group.bench_function("faxstore_check/bare_ureq", |b| {
        b.iter(|| peers.ureq_faxstore())
    });
    group.bench_function("faxstore_check/licensekit_client", |b| {
        b.iter(|| peers.client_faxstore())
    });
    group.bench_function("faxstore_check/bare_reqwest", |b| {
        b.iter(|| peers.bare_faxstore())
    });
    group.finish();

    let peers = &peers;
    let report =
        |name: &str, client: &dyn Fn(), bare: &dyn Fn(), parsed: &dyn Fn(), ureq: &dyn Fn()| {
            let (tc, tb) = interleaved(client, bare, 5000);
            let (tc2, tp) = interleaved(client, parsed, 5000);
            let (tc3, tu) = interleaved(client, ureq, 5000);
            let us = |d: Duration| d.as_secs_f64() * 1e6;
            println!(
                "RATIO {name}: licensekit client {:.1} µs vs bare reqwest {:.1} µs = {:.3}x; \
             client {:.1} µs vs bare reqwest + serde_json verdict {:.1} µs = {:.3}x; \
             client {:.1} µs vs bare ureq {:.1} µs = {:.3}x (target ≤ 1.10x)",
                us(tc),
                us(tb),
                us(tc) / us(tb),
                us(tc2),
                us(tp),
                us(tc2) / us(tp),
                us(tc3),
                us(tu),
                us(tc3) / us(tu)
            );
        };
    report(
        "framecad check (GET)",
        &|| peers.client_framecad(),
        &|| peers.bare_framecad(),
        &|| peers.bare_framecad_parsed(),
        &|| peers.ureq_framecad(),
    );
    report(
        "faxstore check (POST)",
        &|| peers.client_faxstore(),
        &|| peers.bare_faxstore(),
        &|| peers.bare_faxstore_parsed(),
        &|| peers.ureq_faxstore(),
    );
}

fn mapping(c: &mut Criterion) {
    let mut group = c.benchmark_group("mapping");
    group.bench_function("framecad_code", |b| {
        b.iter(|| {
            map(
                black_box(Family::FrameCad),
                black_box(Operation::Deactivate),
                black_box(200),
                black_box(Some("9")),
            )
        })
    });
    group.bench_function("licensespring_code", |b| {
        b.iter(|| {
            map(
                black_box(Family::LicenseSpring),
                black_box(Operation::Check),
                black_box(400),
                black_box(Some("license_not_enough_consumptions")),
            )
        })
    });
    group.bench_function("faxstore_not_found_by_details", |b| {
        b.iter(|| {
            map_reply(
                black_box(Family::FaxStore),
                black_box(Operation::Check),
                black_box(&Reply {
                    http_status: 200,
                    vendor_code: Some("NOT FOUND"),
                    pass: Some(false),
                    details: Some("The supplied license key was not found"),
                    license: None,
                }),
            )
        })
    });
    group.finish();

    // What the client adds on top of the transport for a frameCAD answer: parsing its body.
    let body = br#"{"now":"2026-11-24T19:39:39.996+00:00","code":0,"message":"ok","license":{"id":12,"reserved":true,"license_key":"ACTV-0000-0000-0001","machine_key":"MACHINE-A-0001","expiration_date":null,"status":"activated","created_at":"2026-11-24T19:39:38.889+00:00","updated_at":"2026-11-24T19:39:38.889+00:00","client_id":"3D9AACA84BEC559A"}}"#;
    c.bench_function("parse/framecad_answer_json", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
    });
}

criterion_group!(benches, client_new, round_trips, mapping);
criterion_main!(benches);
