//! Where the caller gives no hardware ID or machine key, the client sends this machine's
//! fingerprint for the product.

mod support;

use licensekit_core::Outcome;
use licensekit_core::fingerprint;
use licensekit_core::protocol::{framecad, licensespring};
use support::Server;

#[test]
fn framecad_without_a_machine_key_uses_the_fingerprint_of_the_product_key() {
    let server = Server::start();
    let client = server.client();
    let request = framecad::Request {
        client_key: "3D9AACA84BEC559A".into(),
        license_key: "FREE-0000-0000-0001".into(),
        machine_key: None,
        product_key: Some("PRODUCT-KEY-1".into()),
    };
    let verdict = client.framecad_activate(&request).unwrap();
    assert_eq!(verdict.outcome, Outcome::VALID, "{verdict:?}");
    let expected = fingerprint::hardware_id("PRODUCT-KEY-1");
    assert_eq!(
        verdict.license.as_ref().unwrap().machine_key.as_deref(),
        Some(expected.as_str()),
        "the server bound the license to the fingerprint"
    );
    // The same default on the next call finds the activation.
    assert_eq!(
        client.framecad_validate(&request).unwrap().outcome,
        Outcome::VALID
    );
}

#[test]
fn licensespring_without_a_hardware_id_uses_the_fingerprint_of_the_product() {
    let server = Server::start();
    let client = server.client();
    let activate = licensespring::ActivateRequest {
        product: "TP".into(),
        license_key: Some("LS-VALID-0001".into()),
        hardware_id: None,
        ..Default::default()
    };
    assert_eq!(
        client.licensespring_activate(&activate).unwrap().outcome,
        Outcome::VALID
    );
    // Checking with the fingerprint given explicitly finds the same device.
    let check = licensespring::CheckRequest {
        product: "TP".into(),
        license_key: Some("LS-VALID-0001".into()),
        hardware_id: Some(fingerprint::hardware_id("TP")),
        ..Default::default()
    };
    assert_eq!(
        client.licensespring_check(&check).unwrap().outcome,
        Outcome::VALID
    );
}
