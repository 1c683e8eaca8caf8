//! The Rust core's cost for what the C benchmark (tests/c/bench/bench.c) also times through the
//! C ABI, so `make bench-c` can print the ABI's overhead as ratios. Prints `name=value` pairs on
//! one line for the C program to read: the local operations always, and with a server URL as
//! the first argument also a FaxStore check round trip through the core (microseconds).

use std::hint::black_box;
use std::time::Instant;

use licensekit_core::protocol::faxstore;
use licensekit_core::{Client, ClientConfig, Outcome, fingerprint};

/// Best of 15 runs of `iterations` calls, in nanoseconds per call (the minimum filters out
/// scheduler noise on a shared 2-core machine).
fn per_call(iterations: u32, mut call: impl FnMut(u32)) -> f64 {
    (0..15)
        .map(|_| {
            let start = Instant::now();
            for i in 0..iterations {
                call(i);
            }
            start.elapsed().as_nanos() as f64 / f64::from(iterations)
        })
        .fold(f64::INFINITY, f64::min)
}

/// The same check through the C ABI's functions (called from Rust: the same code a C caller
/// runs), so the ABI's own share is measured in the same run, interleaved with the core's.
struct AbiCheck {
    client: *mut licensekit::client::lk_client,
    request: *mut licensekit::request::lk_request,
}

impl AbiCheck {
    fn new(url: &str) -> AbiCheck {
        use licensekit::{client, config, request};
        use std::ffi::CString;
        let url = CString::new(url).expect("no NUL");
        let key = CString::new("FS-ACTIVE-0001").expect("no NUL");
        let product = CString::new("8").expect("no NUL");
        let mut cfg = std::ptr::null_mut();
        let mut client = std::ptr::null_mut();
        let mut req = std::ptr::null_mut();
        // SAFETY: valid out-pointers and NUL-terminated strings; handles used only here.
        unsafe {
            config::lk_client_config_new(&mut cfg);
            config::lk_client_config_set_base_url(cfg, url.as_ptr());
            config::lk_client_config_set_retries(cfg, 0, 0, 0);
            client::lk_client_new(cfg, &mut client);
            config::lk_client_config_free(cfg);
            request::lk_request_new(&mut req);
            request::lk_request_set_license_key(req, key.as_ptr());
            request::lk_request_set_product_id(req, product.as_ptr());
            request::lk_request_set_log(req, false);
        }
        assert!(!client.is_null(), "a C ABI client for the test server");
        AbiCheck {
            client,
            request: req,
        }
    }

    fn check(&self) {
        let mut verdict = std::ptr::null_mut();
        // SAFETY: live handles from `new`; the verdict is freed right after.
        unsafe {
            let outcome = licensekit::client::lk_client_faxstore_check(
                self.client,
                self.request,
                &mut verdict,
            );
            assert_eq!(outcome, licensekit::lk_outcome::LK_OUTCOME_VALID);
            licensekit::verdict::lk_verdict_free(verdict);
        }
    }
}

impl Drop for AbiCheck {
    fn drop(&mut self) {
        // SAFETY: live handles from `new`, freed once.
        unsafe {
            licensekit::request::lk_request_free(self.request);
            licensekit::client::lk_client_free(self.client);
        }
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Microseconds per FaxStore check through the core and through the C ABI, and the median
/// ratio of adjacent blocks (interleaved, so each pair sees the same machine load).
fn round_trip_us(url: &str) -> (f64, f64, f64) {
    let mut config = ClientConfig::new(url);
    config.retries.max_retries = 0;
    let client = Client::new(config).expect("a client for the test server");
    let request = faxstore::CheckRequest {
        license_key: "FS-ACTIVE-0001".into(),
        product_id: "8".into(),
        info: None,
        log: Some(false),
    };
    let mut check = |_| {
        let verdict = client.faxstore_check(&request).expect("a verdict");
        assert_eq!(verdict.outcome, Outcome::VALID);
    };
    let abi = AbiCheck::new(url);
    let mut abi_check = |_| abi.check();
    (0..50).for_each(&mut check);
    (0..50).for_each(&mut abi_check);
    // Same shape as the C benchmark: 21 pairs of blocks of 150 calls, medians.
    let (mut core, mut through_abi, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..21 {
        let c = per_call_once(150, &mut check) / 1000.0;
        let a = per_call_once(150, &mut abi_check) / 1000.0;
        core.push(c);
        through_abi.push(a);
        ratios.push(a / c);
    }
    (median(core), median(through_abi), median(ratios))
}

fn per_call_once(iterations: u32, call: &mut impl FnMut(u32)) -> f64 {
    let start = Instant::now();
    for i in 0..iterations {
        call(i);
    }
    start.elapsed().as_nanos() as f64 / f64::from(iterations)
}

fn main() {
    let numbers: Vec<u32> = Outcome::ALL.iter().map(|o| o.number()).collect();
    let outcome_name = per_call(2_000_000, |i| {
        let n = black_box(numbers[i as usize % numbers.len()]);
        black_box(Outcome::from_number(n).map(Outcome::name));
    });
    fingerprint::hardware_id("TP");
    let hardware_id = per_call(200_000, |_| {
        black_box(fingerprint::hardware_id(black_box("TP")));
    });
    print!("outcome_name_ns={outcome_name:.2} hardware_id_ns={hardware_id:.2}");
    // `cargo bench` passes `--bench`; the URL is the first argument that is one.
    if let Some(url) = std::env::args().find(|a| a.starts_with("http")) {
        let (core, abi, ratio) = round_trip_us(&url);
        print!(" check_us={core:.2} abi_check_us={abi:.2} abi_ratio={ratio:.3}");
    }
    println!();
}
