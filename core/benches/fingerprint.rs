//! Fingerprint cost next to its peers, measured in the same run:
//! cold first ID (fresh [`Reader`], nothing cached), warm cached call, the full explained
//! vector, environment detection, the `machine-uid` crate and `sysinfo::System::new_all()`.
//! Criterion reports each; a summary table with ratios is printed at the end.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use licensekit_core::fingerprint::{self, Algorithm, Reader};

const PRODUCT: &str = "bench-product";

type Case = (&'static str, Box<dyn Fn()>);

fn cases() -> Vec<Case> {
    vec![
        (
            "licensekit hardware_id, cached (warm)",
            Box::new(|| drop(black_box(fingerprint::hardware_id(black_box(PRODUCT))))),
        ),
        (
            "licensekit hardware_id, fresh Reader (cold first ID)",
            Box::new(|| drop(black_box(Reader::system().hardware_id(PRODUCT)))),
        ),
        (
            "licensekit explained vector, fresh Reader (cold)",
            Box::new(|| {
                drop(black_box(
                    Reader::system().fingerprint(PRODUCT, Algorithm::Default),
                ))
            }),
        ),
        (
            "licensekit explained vector + environment, fresh Reader",
            Box::new(|| {
                let r = Reader::system();
                black_box(r.fingerprint(PRODUCT, Algorithm::Default).ok());
                black_box(r.environment());
            }),
        ),
        (
            "licensekit fingerprint(), cached (warm)",
            Box::new(|| {
                drop(black_box(fingerprint::fingerprint(
                    PRODUCT,
                    Algorithm::Default,
                )))
            }),
        ),
        (
            "machine-uid crate get()",
            Box::new(|| drop(black_box(machine_uid::get().ok()))),
        ),
        (
            "sysinfo CPU-only refresh (what a targeted read of the CPU brand costs)",
            Box::new(|| {
                use sysinfo::{CpuRefreshKind, RefreshKind, System};
                let kind = RefreshKind::nothing().with_cpu(CpuRefreshKind::nothing());
                drop(black_box(System::new_with_specifics(kind)))
            }),
        ),
        (
            "sysinfo System::new_all()",
            Box::new(|| drop(black_box(sysinfo::System::new_all()))),
        ),
    ]
}

/// Median time per call of every case. The cases take turns (one batch of ~5 ms each per
/// round), so load from other processes on the machine hits all of them alike and the ratios
/// stay fair even when the absolute figures move.
fn per_call_interleaved(cases: &[Case], rounds: usize) -> Vec<Duration> {
    let batches: Vec<u32> = cases
        .iter()
        .map(|(_, f)| {
            let t = Instant::now();
            for _ in 0..10 {
                f();
            }
            let each = (t.elapsed() / 10).max(Duration::from_nanos(1));
            (Duration::from_millis(5).as_nanos() / each.as_nanos()).clamp(1, 1_000_000) as u32
        })
        .collect();
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); cases.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in cases.iter().enumerate() {
            let t = Instant::now();
            for _ in 0..batches[i] {
                f();
            }
            samples[i].push(t.elapsed() / batches[i]);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort();
            s[s.len() / 2]
        })
        .collect()
}

fn show(d: Duration) -> String {
    let ns = d.as_secs_f64() * 1e9;
    if ns < 1_000.0 {
        format!("{ns:.1} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--summary-only");
    let cases = cases();
    if !quick {
        let mut c = Criterion::default()
            .configure_from_args()
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for (name, f) in &cases {
            let mut group = c.benchmark_group("fingerprint");
            if name.contains("new_all") {
                group
                    .sample_size(10)
                    .measurement_time(Duration::from_secs(3));
            }
            group.bench_function(*name, |b| b.iter(f));
            group.finish();
        }
        c.final_summary();
    }

    // The table for the README, with ratios against the peers measured just now.
    let times: Vec<(&str, Duration)> = cases
        .iter()
        .map(|(n, _)| *n)
        .zip(per_call_interleaved(&cases, 31))
        .collect();
    let get = |needle: &str| {
        times
            .iter()
            .find(|(n, _)| n.contains(needle))
            .map(|(_, d)| *d)
            .unwrap()
    };
    let (cached, cold, vector) = (
        get("hardware_id, cached"),
        get("cold first ID"),
        get("vector, fresh"),
    );
    let (uid, new_all) = (get("machine-uid"), get("new_all"));
    let procs = std::fs::read_dir("/proc").map_or(0, |d| {
        d.flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
            .count()
    });
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    println!("\nfingerprint summary ({procs} processes running, load average {load})");
    println!("| case | per call |");
    println!("|---|---|");
    for (name, d) in &times {
        println!("| {name} | {} |", show(*d));
    }
    println!();
    let compare = |what: &str, ours: Duration, peer: &str, theirs: Duration| {
        let r = theirs.as_secs_f64() / ours.as_secs_f64();
        if r >= 1.0 {
            println!("{what}: {r:.1}x faster than {peer}");
        } else {
            println!("{what}: {:.2}x the time of {peer}", 1.0 / r);
        }
    };
    compare("cold first ID", cold, "machine-uid get()", uid);
    compare("cold first ID", cold, "sysinfo new_all()", new_all);
    compare("explained vector", vector, "sysinfo new_all()", new_all);
    compare("cached hardware_id", cached, "machine-uid get()", uid);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "targets: cached {} <= 0.1 µs {}; first ID {} <= 30 µs {}; explained vector {} <= 250 µs {}",
        show(cached),
        verdict(cached <= Duration::from_nanos(100)),
        show(cold),
        verdict(cold <= Duration::from_micros(30)),
        show(vector),
        verdict(vector <= Duration::from_micros(250)),
    );
}
