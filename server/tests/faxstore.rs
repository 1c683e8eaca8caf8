//! FaxStore endpoints over real HTTP: every status, the X-Real-IP rule, parameter forms, v1.
mod common;

use common::{Server, status_json};
use serde_json::{Value, json};

fn check(server: &Server, path: &str, key: &str) -> Value {
    let (status, body) = server.faxstore(path, key);
    assert_eq!(status, 200, "{path} {key}: {body}");
    body
}

#[test]
fn every_faxstore_status_is_reachable_from_the_demo_fixture() {
    let s = Server::start();
    let ok = check(&s, "/api/check/8", "FS-ACTIVE-0001");
    assert_eq!(
        ok,
        json!({"status": "AUTHORISED", "pass": true, "details": "Authorisation completed - https://license.example.com"})
    );
    assert_eq!(
        check(&s, "/api/check/16", "FS-ACTIVE-0001")["status"],
        "AUTHORISED"
    );
    for (path, key, status, details) in [
        (
            "/api/check/999",
            "FS-ACTIVE-0001",
            "NOT FOUND",
            "The supplied product",
        ),
        (
            "/api/check/32",
            "FS-ACTIVE-0001",
            "NOT FOUND",
            "The supplied product",
        ),
        (
            "/api/check/not-a-number",
            "FS-ACTIVE-0001",
            "NOT FOUND",
            "The supplied product",
        ),
        (
            "/api/check/8",
            "FS-UNKNOWN-0001",
            "NOT FOUND",
            "The supplied license key",
        ),
        (
            "/api/check/8",
            "FS-MAPONLY-0001",
            "NOT FOUND",
            "The supplied license key",
        ),
        ("/api/check/8", "FS-DISABLED-0001", "KEY DISABLED", ""),
        ("/api/check/8", "FS-INACTIVE-0001", "NOT ACTIVE", ""),
        ("/api/check/8", "FS-IPLOCKED-0001", "NOT AUTHORISED", ""),
    ] {
        let body = check(&s, path, key);
        assert_eq!(body["status"], status, "{path} {key}: {body}");
        assert_eq!(body["pass"], false);
        assert!(
            body["details"].as_str().unwrap().starts_with(details),
            "{body}"
        );
    }
    assert_eq!(
        check(&s, "/api/check/8", "FS-LOCALHOST-0001")["status"],
        "AUTHORISED"
    );
}

#[test]
fn x_real_ip_decides_the_caller_ip_when_present() {
    let s = Server::start();
    let r = s
        .post("/api/check/8")
        .header("authorization", "FS-IPLOCKED-0001")
        .header("X-Real-IP", "203.0.113.7")
        .send()
        .unwrap();
    assert_eq!(status_json(r).1["status"], "AUTHORISED");
    let r = s
        .post("/api/check/8")
        .header("authorization", "FS-LOCALHOST-0001")
        .header("X-Real-IP", "198.51.100.1")
        .send()
        .unwrap();
    let body = status_json(r).1;
    assert_eq!(body["status"], "NOT AUTHORISED");
    assert!(body["details"].as_str().unwrap().contains("198.51.100.1"));
}

#[test]
fn check_multiple_authorises_on_any_listed_product_and_names_it() {
    let s = Server::start();
    let r = s
        .post("/api/check/multiple")
        .header("authorization", "FS-MAPONLY-0001")
        .json(&json!({"proIds": [8, 16]}))
        .send()
        .unwrap();
    let (status, body) = status_json(r);
    assert_eq!(
        (status, body["status"].as_str(), body["proId"].as_u64()),
        (200, Some("AUTHORISED"), Some(16))
    );
    // Ids as strings, as a form, and missing.
    let r = s
        .post("/api/check/multiple")
        .header("authorization", "FS-ACTIVE-0001")
        .json(&json!({"proIds": ["16"]}))
        .send()
        .unwrap();
    assert_eq!(status_json(r).1["proId"], 16);
    let r = s
        .post("/api/check/multiple")
        .header("authorization", "FS-ACTIVE-0001")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("proIds%5B%5D=8")
        .send()
        .unwrap();
    assert_eq!(status_json(r).1["proId"], 8);
    for body in [json!({}), json!({"proIds": []}), json!({"proIds": [999]})] {
        let r = s
            .post("/api/check/multiple")
            .header("authorization", "FS-ACTIVE-0001")
            .json(&body)
            .send()
            .unwrap();
        let (status, answer) = status_json(r);
        assert_eq!(
            (status, answer["status"].as_str()),
            (200, Some("NOT FOUND")),
            "{body}"
        );
        assert!(
            answer["details"]
                .as_str()
                .unwrap()
                .starts_with("The supplied product")
        );
    }
    let r = s
        .post("/api/check/multiple")
        .header("authorization", "FS-ACTIVE-0001")
        .json(&json!({"proIds": {"a": 1}}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[test]
fn info_and_log_are_accepted_in_query_json_form_or_empty_body_and_recorded() {
    let s = Server::start();
    let sends = [
        s.post("/api/check/8?info=from-query"),
        s.post("/api/check/8")
            .json(&json!({"info": "from-json", "log": true})),
        s.post("/api/check/8")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("info=from-form"),
        s.post("/api/check/8"),
        s.post("/api/check/8")
            .json(&json!({"info": "not-recorded", "log": false})),
        s.post("/api/check/8")
            .body("")
            .header("content-type", "application/json"),
    ];
    for send in sends {
        let (status, body) = status_json(
            send.header("authorization", "FS-ACTIVE-0001")
                .send()
                .unwrap(),
        );
        assert_eq!(
            (status, body["pass"].as_bool()),
            (200, Some(true)),
            "{body}"
        );
    }
    let state = s.state();
    let log: Vec<Value> = state["faxstore"]["licenses"][0]["request_log"]
        .as_array()
        .unwrap()
        .clone();
    let infos: Vec<Value> = log.iter().map(|r| r["info"].clone()).collect();
    assert_eq!(
        infos,
        vec![
            json!("from-query"),
            json!("from-json"),
            json!("from-form"),
            Value::Null,
            Value::Null
        ]
    );
    assert_eq!(log[0]["ip"], "127.0.0.1");
}

#[test]
fn v1_answers_ok_and_404_when_the_fixture_disables_it() {
    let s = Server::start();
    let body = check(&s, "/api/checkitem/8", "FS-ACTIVE-0001");
    assert_eq!(
        body,
        json!({"status": "OK", "pass": true, "details": "Authorisation completed!"})
    );
    assert_eq!(
        check(&s, "/api/checkitem/8", "FS-DISABLED-0001")["status"],
        "KEY DISABLED"
    );
    s.admin("/__admin/fixture", json!({"faxstore": {"v1_enabled": false, "products": [{"id": 8}], "licenses": [{"key": "K-0001", "products": [8]}]}}));
    let (status, body) = s.faxstore("/api/checkitem/8", "K-0001");
    assert_eq!((status, body["pass"].as_bool()), (404, Some(false)));
    assert_eq!(check(&s, "/api/check/8", "K-0001")["status"], "AUTHORISED");
}

#[test]
fn a_missing_key_or_malformed_body_is_a_400_in_faxstore_shape() {
    let s = Server::start();
    let (status, body) = status_json(s.post("/api/check/8").send().unwrap());
    assert_eq!((status, body["pass"].as_bool()), (400, Some(false)));
    let r = s
        .post("/api/check/8")
        .header("authorization", "FS-ACTIVE-0001")
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .unwrap();
    let (status, body) = status_json(r);
    assert_eq!(
        (status, body["status"].as_str()),
        (400, Some("BAD REQUEST"))
    );
}

#[test]
fn a_fixture_without_a_faxstore_section_answers_not_found() {
    let s = Server::start();
    s.admin("/__admin/fixture", json!({}));
    let (status, body) = s.faxstore("/api/check/8", "FS-ACTIVE-0001");
    assert_eq!((status, body["status"].as_str()), (200, Some("NOT FOUND")));
}
