//! Bad input never yields a 500, a panic or a hang: oversized and invalid bodies, wrong types,
//! missing headers, unknown paths and methods, malformed HTTP.
mod common;

use common::{Server, raw, raw_body, raw_status, status_json};
use serde_json::Value;

const ENDPOINTS: [&str; 14] = [
    "/api/check/8",
    "/api/check/multiple",
    "/api/checkitem/8",
    "/api/v4/activate_license",
    "/api/v4/check_license",
    "/api/v4/deactivate_license",
    "/api/v4/add_consumption",
    "/api/v1/licenses/check_license/",
    "/api/v1/licenses/activate",
    "/api/v1/licenses/validate",
    "/api/v1/licenses/check",
    "/api/v1/licenses/status",
    "/api/v1/licenses/deactivate",
    "/api/nothing/here",
];

#[test]
fn a_ten_megabyte_body_gets_a_413_in_the_vendors_shape() {
    let s = Server::start();
    let big = vec![b'a'; 10 * 1024 * 1024];
    let r = s
        .post("/api/v4/activate_license")
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .unwrap();
    let (status, v) = status_json(r);
    assert_eq!(
        (status, v["code"].as_str()),
        (413, Some("request_too_large"))
    );
    let r = s
        .post("/api/check/8")
        .header("authorization", "FS-ACTIVE-0001")
        .body(big.clone())
        .send()
        .unwrap();
    let (status, v) = status_json(r);
    assert_eq!((status, v["pass"].as_bool()), (413, Some(false)));
    let (status, v) = status_json(
        s.post("/api/v1/licenses/activate")
            .body(big)
            .send()
            .unwrap(),
    );
    assert_eq!((status, v["code"].as_u64()), (413, Some(6)));
    assert_eq!(s.get("/__admin/health").send().unwrap().status(), 200);
}

#[test]
fn invalid_utf8_in_bodies_queries_and_headers_is_a_clear_4xx() {
    let s = Server::start();
    let junk: &[u8] = b"{\"product\": \"\xff\xfe\"}";
    let auth = common::ls_auth("test-api-key", "test-shared-key");
    let r = common::ls_request(
        &common::client(),
        &s.url,
        "POST",
        "/api/v4/activate_license",
        None,
        &auth,
    )
    .header("content-type", "application/json")
    .body(junk.to_vec())
    .send()
    .unwrap();
    assert_eq!(status_json(r).1["code"], "invalid_json");
    let (status, v) = status_json(
        s.post("/api/check/8")
            .header("authorization", "FS-ACTIVE-0001")
            .header("content-type", "application/json")
            .body(junk.to_vec())
            .send()
            .unwrap(),
    );
    assert_eq!((status, v["status"].as_str()), (400, Some("BAD REQUEST")));
    let (status, v) = status_json(
        s.post("/api/v1/licenses/validate")
            .header("content-type", "application/json")
            .body(junk.to_vec())
            .send()
            .unwrap(),
    );
    assert_eq!((status, v["code"].as_u64()), (422, Some(6)));
    // Percent-encoded invalid UTF-8 in a query is read lossily.
    let (status, v) = status_json(s.ls(
        "GET",
        "/api/v4/check_license?product=TP&license_key=%FF%FE&hardware_id=h",
        None,
    ));
    assert_eq!(
        (status, v["code"].as_str()),
        (400, Some("license_not_found"))
    );
    // A raw non-UTF-8 header value counts as missing.
    let got = raw(&s.addr(), b"POST /api/check/8 HTTP/1.1\r\nHost: x\r\nauthorization: \xff\xfe\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    assert_eq!(raw_status(&got), 400, "{got}");
    assert!(serde_json::from_str::<Value>(raw_body(&got)).is_ok());
}

#[test]
fn garbage_on_every_endpoint_never_yields_a_5xx_and_always_a_json_body() {
    let s = Server::start();
    let bodies: [&[u8]; 8] = [
        b"",
        b"{",
        b"null",
        b"[]",
        b"{\"product\": {}, \"hardware_id\": 1}",
        b"\xff\xfe\xfd",
        b"a=b&c=%zz",
        b"{\"proIds\": null, \"client_key\": []}",
    ];
    for path in ENDPOINTS {
        for method in ["GET", "POST", "PUT", "DELETE"] {
            for body in bodies {
                let r = s
                    .client_request(method, path)
                    .header("authorization", "x")
                    .header("content-type", "application/json")
                    .body(body.to_vec())
                    .send()
                    .unwrap();
                let status = r.status().as_u16();
                let text = r.text().unwrap();
                assert!(status < 500, "{method} {path} {body:?} → {status} {text}");
                assert!(
                    serde_json::from_str::<Value>(&text).is_ok(),
                    "{method} {path} {body:?} → not JSON: {text}"
                );
            }
        }
    }
    assert_eq!(s.get("/__admin/health").send().unwrap().status(), 200);
}

#[test]
fn unknown_paths_answer_in_the_shape_of_their_family() {
    let s = Server::start();
    let (status, v) = status_json(s.get("/api/v4/nope").send().unwrap());
    assert_eq!((status, v["code"].as_str()), (404, Some("not_found")));
    let (status, v) = status_json(s.get("/").send().unwrap());
    assert_eq!((status, v["code"].as_str()), (404, Some("not_found")));
    let (status, v) = status_json(s.post("/api/v1/licenses/nope").send().unwrap());
    assert_eq!((status, v["code"].as_u64()), (404, Some(6)));
    let (status, v) = status_json(s.post("/api/checkitem/8/extra").send().unwrap());
    assert_eq!((status, v["pass"].as_bool()), (404, Some(false)));
    let (status, v) = status_json(s.get("/api/v4/activate_license").send().unwrap());
    assert_eq!(
        (status, v["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
    let (status, v) = status_json(s.get("/__admin/nope").send().unwrap());
    assert_eq!(status, 404);
    assert!(v["error"].is_string());
}

#[test]
fn malformed_http_is_refused_and_the_server_keeps_serving() {
    let s = Server::start();
    for request in [
        &b"NOT HTTP AT ALL\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /api/check/8 HTTP/1.1\r\nHost: x\r\ncontent-length: nope\r\n\r\n",
    ] {
        let got = raw(&s.addr(), request);
        let status = raw_status(&got);
        assert!(status == 0 || (400..500).contains(&status), "{got}");
    }
    assert_eq!(s.get("/__admin/health").send().unwrap().status(), 200);
}

#[test]
fn a_body_cut_short_is_a_400_not_a_partial_request() {
    use std::io::{Read, Write};
    let s = Server::start();
    let mut stream = std::net::TcpStream::connect(s.addr()).unwrap();
    stream
        .write_all(b"POST /api/v1/licenses/activate HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"machine_key\": \"M\"}")
        .unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut got = String::new();
    let _ = stream.read_to_string(&mut got);
    assert_eq!(raw_status(&got), 400, "{got}");
    assert_eq!(
        serde_json::from_str::<Value>(raw_body(&got)).unwrap()["code"],
        6
    );
}
