//! Runs every shared vector in `tests/vectors/vectors.json` against the real test server: the
//! same file the C, Python and Node suites run.

mod support;

use std::time::Duration;

use licensekit_core::{Args, Client, Family, Operation, Outcome, Verdict};
use serde_json::Value;
use support::Server;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/vectors.json");
    let text = std::fs::read_to_string(path).expect("tests/vectors/vectors.json");
    serde_json::from_str(&text).expect("vectors.json is JSON")
}

fn string(v: &Value, name: &str) -> Option<String> {
    v.get(name).and_then(Value::as_str).map(str::to_string)
}

fn args(v: &Value) -> Args {
    Args {
        license_key: string(v, "license_key"),
        product: string(v, "product"),
        product_ids: v
            .get("product_ids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        username: string(v, "username"),
        password: string(v, "password"),
        hardware_id: string(v, "hardware_id"),
        license_id: v.get("license_id").and_then(Value::as_u64),
        app_ver: string(v, "app_ver"),
        is_vm: v.get("is_vm").and_then(Value::as_bool),
        client_key: string(v, "client_key"),
        machine_key: string(v, "machine_key"),
        product_key: string(v, "product_key"),
        info: string(v, "info"),
    }
}

fn client(server: &Server, defaults: &Value, overrides: Option<&Value>) -> Client {
    let mut config = server.config();
    let empty = Value::Object(Default::default());
    let o = overrides.unwrap_or(&empty);
    let get = |name: &str| o.get(name).or_else(|| defaults.get(name));
    let ms = |name: &str| get(name).and_then(Value::as_u64).map(Duration::from_millis);
    if let Some(t) = ms("timeout_ms") {
        config.timeout = t;
    }
    if let Some(t) = ms("connect_timeout_ms") {
        config.connect_timeout = t;
    }
    if let Some(n) = get("max_retries").and_then(Value::as_u64) {
        config.retries.max_retries = n as u32;
    }
    if let Some(b) = get("verify_signatures").and_then(Value::as_bool) {
        config.licensespring.verify_signatures = b;
    }
    if let Some(s) = get("max_clock_skew_secs").and_then(Value::as_u64) {
        config.licensespring.max_clock_skew = Duration::from_secs(s);
    }
    for (name, slot) in [
        ("api_key", &mut config.licensespring.api_key),
        ("shared_key", &mut config.licensespring.shared_key),
        (
            "management_api_key",
            &mut config.licensespring.management_api_key,
        ),
    ] {
        if let Some(value) = o.get(name).and_then(Value::as_str) {
            *slot = Some(value.into());
        }
    }
    if o.get("https").and_then(Value::as_bool) == Some(true) {
        config.base_url = config.base_url.replacen("http://", "https://", 1);
    }
    Client::new(config).expect("vector config is valid")
}

fn call(client: &Client, step: &Value) -> Result<Verdict, licensekit_core::Error> {
    let family = Family::from_name(step["family"].as_str().unwrap()).expect("known family");
    let operation =
        Operation::from_name(step["operation"].as_str().unwrap()).expect("known operation");
    client.run(family, operation, &args(&step["args"]))
}

/// Compares one vector's result with its expectation; `None` when it matches.
fn mismatch(expect: &Value, result: &Result<Verdict, licensekit_core::Error>) -> Option<String> {
    let (outcome, code, status) = match result {
        Ok(v) => (v.outcome, v.vendor_code.clone(), v.http_status),
        Err(e) => (e.outcome(), None, None),
    };
    let want = Outcome::from_name(expect["outcome"].as_str().unwrap()).expect("known outcome");
    let mut problems = Vec::new();
    if outcome != want {
        problems.push(format!("outcome {outcome} != {want}"));
    }
    if let Some(want_code) = expect.get("vendor_code") {
        let want_code = want_code.as_str().map(str::to_string);
        if code != want_code {
            problems.push(format!("vendor_code {code:?} != {want_code:?}"));
        }
    }
    if let Some(want_status) = expect.get("http_status") {
        let want_status = want_status.as_u64().map(|s| s as u16);
        if status != want_status {
            problems.push(format!("http_status {status:?} != {want_status:?}"));
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!("{} — {result:?}", problems.join("; ")))
    }
}

#[test]
fn every_shared_vector_passes_against_the_test_server() {
    let doc = vectors();
    let server = Server::start();
    let defaults = &doc["defaults"];
    let list = doc["vectors"].as_array().expect("vectors");
    let mut failures = Vec::new();
    for vector in list {
        let name = vector["name"].as_str().unwrap();
        server.reset();
        let client = client(&server, defaults, vector.get("config"));
        // Setup steps run with the default configuration and must be granted.
        let setup = client_for_setup(&server, defaults);
        for step in vector["before"].as_array().into_iter().flatten() {
            match call(&setup, step) {
                Ok(v) if v.is_granted() => {}
                other => failures.push(format!("{name}: setup step failed: {other:?}")),
            }
        }
        if let Some(fault) = vector.get("fault") {
            server.fault(fault);
        }
        if let Some(offset) = vector.get("clock_offset_secs").and_then(Value::as_i64) {
            server.set_clock(offset);
        }
        let result = call(&client, vector);
        if let Some(problem) = mismatch(&vector["expect"], &result) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    server.reset();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
    eprintln!("{} vectors passed", list.len());
}

fn client_for_setup(server: &Server, defaults: &Value) -> Client {
    client(server, defaults, None)
}

#[test]
fn every_outcome_a_family_can_produce_has_a_vector() {
    let doc = vectors();
    let coverage = doc["coverage"].as_object().expect("coverage");
    let list = doc["vectors"].as_array().unwrap();
    for &family in Family::ALL {
        let claimed = coverage
            .get(family.name())
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("coverage lacks {family}"));
        for outcome in claimed {
            let outcome = outcome.as_str().unwrap();
            assert!(
                Outcome::from_name(outcome).is_some(),
                "{outcome} is not an outcome"
            );
            assert!(
                list.iter()
                    .any(|v| v["family"] == family.name() && v["expect"]["outcome"] == outcome),
                "{family} can produce {outcome} but no vector shows it"
            );
        }
        for v in list.iter().filter(|v| v["family"] == family.name()) {
            assert!(
                claimed.contains(&v["expect"]["outcome"]),
                "{}: {} is missing from coverage.{family}",
                v["name"],
                v["expect"]["outcome"]
            );
        }
    }
}

#[test]
fn vector_names_are_unique() {
    let doc = vectors();
    let mut seen = std::collections::HashSet::new();
    for v in doc["vectors"].as_array().unwrap() {
        assert!(
            seen.insert(v["name"].as_str().unwrap()),
            "duplicate {}",
            v["name"]
        );
    }
}
