//! frameCAD endpoints over real HTTP: every code, the check order, the HTTP statuses,
//! parameters in query, form or JSON, and the bookkeeping.
mod common;

use common::{Server, status_json};
use serde_json::{Value, json};

const A: &str = "3D9AACA84BEC559A";
const B: &str = "7F6E5D4C3B2A1908";
const MACHINE: &str = "MACHINE-A-0001";

fn req(client: &str, key: &str, machine: &str, product: &str) -> Value {
    json!({"client_key": client, "license_key": key, "machine_key": machine, "product_key": product})
}

fn code_of(s: &Server, op: &str, body: Value) -> (u16, u64) {
    let (status, v) = match op {
        "check" | "status" => {
            let query: Vec<String> = body
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("")))
                .collect();
            status_json(
                s.get(&format!("/api/v1/licenses/{op}?{}", query.join("&")))
                    .send()
                    .unwrap(),
            )
        }
        _ => s.framecad(op, body),
    };
    assert!(v["now"].as_str().unwrap().ends_with("+00:00"), "{v}");
    assert!(v["message"].is_string());
    (status, v["code"].as_u64().unwrap())
}

#[test]
fn every_framecad_code_with_its_http_status() {
    let s = Server::start();
    let cases: Vec<(&str, Value, u16, u64)> = vec![
        (
            "validate",
            req(A, "ACTV-0000-0000-0001", MACHINE, ""),
            200,
            0,
        ),
        ("check", req(A, "ACTV-0000-0000-0001", MACHINE, ""), 200, 0),
        ("status", req(A, "ACTV-0000-0000-0001", MACHINE, ""), 200, 0),
        (
            "validate",
            req(A, "MISS-0000-0000-0001", MACHINE, ""),
            404,
            1,
        ),
        (
            "activate",
            req(B, "ACTV-0000-0000-0001", "M-B", "PRODUCT-KEY-1"),
            409,
            2,
        ),
        (
            "activate",
            req(A, "ACTV-0000-0000-0001", MACHINE, "PRODUCT-KEY-1"),
            409,
            3,
        ),
        (
            "validate",
            req(A, "EXPD-0000-0000-0001", MACHINE, ""),
            403,
            4,
        ),
        (
            "validate",
            req(A, "EXPD-0000-0000-0002", MACHINE, ""),
            403,
            4,
        ),
        (
            "validate",
            req(A, "RVKD-0000-0000-0001", MACHINE, ""),
            403,
            5,
        ),
        (
            "validate",
            req(A, "ACTV-0000-0000-0001", "OTHER-MACHINE", ""),
            422,
            6,
        ),
        (
            "validate",
            req(A, "FREE-0000-0000-0001", MACHINE, ""),
            403,
            7,
        ),
        ("validate", req(A, "ACTV-0000-0000-0001", "", ""), 422, 8),
        ("check", req(A, "DEAC-0000-0000-0001", MACHINE, ""), 200, 9),
        (
            "activate",
            req(A, "FREE-0000-0000-0001", MACHINE, ""),
            422,
            10,
        ),
        (
            "activate",
            req(A, "PRD2-0000-0000-0001", MACHINE, "PRODUCT-KEY-1"),
            403,
            11,
        ),
        (
            "validate",
            req(B, "ACTV-0000-0000-0001", MACHINE, ""),
            403,
            12,
        ),
        (
            "validate",
            req("0000000000000000", "ACTV-0000-0000-0001", MACHINE, ""),
            403,
            12,
        ),
        (
            "validate",
            req(A, "UNKN-0000-0000-0001", MACHINE, ""),
            500,
            13,
        ),
    ];
    for (op, body, status, code) in cases {
        assert_eq!(code_of(&s, op, body.clone()), (status, code), "{op} {body}");
    }
}

#[test]
fn the_check_order_puts_missing_fields_before_lookups_and_ownership_before_state() {
    let s = Server::start();
    // 8 before 10 before 1.
    assert_eq!(
        code_of(&s, "activate", req(A, "MISS-0000-0000-0001", "", "")).1,
        8
    );
    assert_eq!(
        code_of(&s, "activate", req(A, "MISS-0000-0000-0001", MACHINE, "")).1,
        10
    );
    // 1 before 12; 12 before 5; 5 before 4 (revoked and unknown client).
    assert_eq!(
        code_of(
            &s,
            "validate",
            req("0000000000000000", "MISS-0000-0000-0001", MACHINE, "")
        )
        .1,
        1
    );
    assert_eq!(
        code_of(
            &s,
            "validate",
            req("0000000000000000", "RVKD-0000-0000-0001", MACHINE, "")
        )
        .1,
        12
    );
    // 4 before 11 before ownership.
    assert_eq!(
        code_of(
            &s,
            "activate",
            req(B, "EXPD-0000-0000-0002", MACHINE, "PRODUCT-KEY-2")
        )
        .1,
        4
    );
    assert_eq!(
        code_of(
            &s,
            "activate",
            req(B, "ACTV-0000-0000-0001", MACHINE, "PRODUCT-KEY-2")
        )
        .1,
        11
    );
    // Ownership (12) before machine mismatch (6) on validate.
    assert_eq!(
        code_of(&s, "validate", req(B, "ACTV-0000-0000-0001", "OTHER", "")).1,
        12
    );
}

#[test]
fn activate_then_deactivate_binds_and_releases_the_license() {
    let s = Server::start();
    let (status, v) = s.framecad(
        "activate",
        req(B, "FREE-0000-0000-0001", "M-B", "PRODUCT-KEY-1"),
    );
    assert_eq!((status, v["code"].as_u64()), (200, Some(0)));
    let l = &v["license"];
    assert_eq!(
        (
            l["status"].as_str(),
            l["reserved"].as_bool(),
            l["client_id"].as_str(),
            l["machine_key"].as_str()
        ),
        (Some("activated"), Some(true), Some(B), Some("M-B"))
    );
    for field in [
        "id",
        "license_key",
        "expiration_date",
        "created_at",
        "updated_at",
    ] {
        assert!(l.get(field).is_some(), "missing license.{field}");
    }
    assert_eq!(
        code_of(&s, "validate", req(B, "FREE-0000-0000-0001", "M-B", "")),
        (200, 0)
    );
    assert_eq!(
        code_of(
            &s,
            "activate",
            req(A, "FREE-0000-0000-0001", MACHINE, "PRODUCT-KEY-1")
        ),
        (409, 2)
    );
    assert_eq!(
        code_of(
            &s,
            "deactivate",
            req(A, "FREE-0000-0000-0001", MACHINE, "PRODUCT-KEY-1")
        ),
        (403, 12)
    );
    assert_eq!(
        code_of(
            &s,
            "deactivate",
            req(B, "FREE-0000-0000-0001", "M-OTHER", "PRODUCT-KEY-1")
        ),
        (422, 6)
    );
    let (status, v) = s.framecad(
        "deactivate",
        req(B, "FREE-0000-0000-0001", "M-B", "PRODUCT-KEY-1"),
    );
    assert_eq!((status, v["code"].as_u64()), (200, Some(9)));
    assert_eq!(
        (
            v["license"]["status"].as_str(),
            v["license"]["machine_key"].as_str(),
            v["license"]["client_id"].as_str()
        ),
        (Some("deactivated"), None, None)
    );
    assert_eq!(
        code_of(&s, "validate", req(B, "FREE-0000-0000-0001", "M-B", "")),
        (200, 9)
    );
    assert_eq!(
        code_of(
            &s,
            "deactivate",
            req(B, "FREE-0000-0000-0001", "M-B", "PRODUCT-KEY-1")
        ),
        (200, 9)
    );
    // A deactivated license can be activated again, by anyone.
    assert_eq!(
        code_of(
            &s,
            "activate",
            req(A, "DEAC-0000-0000-0001", MACHINE, "PRODUCT-KEY-1")
        ),
        (200, 0)
    );
}

#[test]
fn check_changes_nothing_status_records_last_seen_and_validate_touches_updated_at() {
    let s = Server::start();
    let license = |s: &Server| s.state()["framecad"]["licenses"][2].clone();
    let before = license(&s);
    assert_eq!(
        code_of(&s, "check", req(A, "ACTV-0000-0000-0001", MACHINE, "")).1,
        0
    );
    assert_eq!(license(&s), before);
    std::thread::sleep(std::time::Duration::from_millis(5));
    assert_eq!(
        code_of(&s, "status", req(A, "ACTV-0000-0000-0001", MACHINE, "")).1,
        0
    );
    let after_status = license(&s);
    assert!(after_status["last_seen_at"].is_string());
    assert_eq!(after_status["updated_at"], before["updated_at"]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    assert_eq!(
        code_of(&s, "validate", req(A, "ACTV-0000-0000-0001", MACHINE, "")).1,
        0
    );
    assert_ne!(license(&s)["updated_at"], before["updated_at"]);
}

#[test]
fn parameters_may_come_as_query_form_or_json_and_wrong_types_are_invalid() {
    let s = Server::start();
    let q = format!("client_key={A}&license_key=ACTV-0000-0000-0001&machine_key={MACHINE}");
    let (_, v) = status_json(
        s.post(&format!("/api/v1/licenses/validate?{q}"))
            .send()
            .unwrap(),
    );
    assert_eq!(v["code"], 0);
    let (_, v) = status_json(
        s.post("/api/v1/licenses/validate")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(q.clone())
            .send()
            .unwrap(),
    );
    assert_eq!(v["code"], 0);
    let (_, v) = status_json(s.post("/api/v1/licenses/validate").json(&json!({"client_key": A, "license_key": "ACTV-0000-0000-0001", "machine_key": MACHINE, "extra": [1]})).send().unwrap());
    assert_eq!(v["code"], 0);
    let (status, v) = s.framecad(
        "validate",
        json!({"client_key": A, "license_key": 5, "machine_key": MACHINE}),
    );
    assert_eq!((status, v["code"].as_u64()), (422, Some(6)));
    let (status, v) = status_json(
        s.post("/api/v1/licenses/validate")
            .header("content-type", "application/json")
            .body("{broken")
            .send()
            .unwrap(),
    );
    assert_eq!((status, v["code"].as_u64()), (422, Some(6)));
}

#[test]
fn body_parameters_win_over_the_query_and_a_repeated_parameter_takes_its_last_value() {
    let s = Server::start();
    let validate = |query: &str, body: Option<Value>| {
        let mut r = s.post(&format!("/api/v1/licenses/validate?{query}"));
        if let Some(body) = body {
            r = r.json(&body);
        }
        let (status, v) = status_json(r.send().unwrap());
        (status, v["code"].as_u64().unwrap())
    };
    // The query names the wrong machine; the JSON body corrects it.
    let query = format!("client_key={A}&license_key=ACTV-0000-0000-0001&machine_key=WRONG");
    assert_eq!(validate(&query, None), (422, 6));
    assert_eq!(
        validate(&query, Some(json!({"machine_key": MACHINE}))),
        (200, 0)
    );
    // A null in the body clears the query's value: no machine key.
    let good = format!("client_key={A}&license_key=ACTV-0000-0000-0001&machine_key={MACHINE}");
    assert_eq!(
        validate(&good, Some(json!({"machine_key": null}))),
        (422, 8)
    );
    // A body value of the wrong type is invalid even when the query has a good one.
    assert_eq!(validate(&good, Some(json!({"machine_key": 7}))), (422, 6));
    // Repeated in the query: the last one counts.
    assert_eq!(validate(&format!("{good}&machine_key=OTHER"), None).1, 6);
    assert_eq!(
        validate(&format!("{query}&machine_key={MACHINE}"), None),
        (200, 0)
    );
}

#[test]
fn the_server_clock_offset_expires_licenses_and_moves_now() {
    let s = Server::start();
    // FREE-0000-0000-0002 expires 2099-12-31.
    assert_eq!(
        code_of(
            &s,
            "activate",
            req(A, "FREE-0000-0000-0002", MACHINE, "PRODUCT-KEY-1")
        )
        .1,
        0
    );
    s.admin(
        "/__admin/clock",
        json!({"offset_secs": 100i64 * 365 * 86400}),
    );
    let (_, v) = s.framecad("validate", req(A, "FREE-0000-0000-0002", MACHINE, ""));
    assert_eq!(v["code"], 4);
    assert!(v["now"].as_str().unwrap().starts_with("21"), "{v}");
}
