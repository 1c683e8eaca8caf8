//! The operations of every family, named once, and how a request's fields become the core's
//! request of each: the sync and `_async` entry points both dispatch through [`Op::call`].

use licensekit_core::protocol::{faxstore, framecad, licensespring, management};
use licensekit_core::{Client, Error, Verdict};

use crate::request::Fields;

/// One operation of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    FaxStoreCheck,
    FaxStoreCheckMultiple,
    FaxStoreCheckV1,
    LicenseSpringActivate,
    LicenseSpringCheck,
    LicenseSpringDeactivate,
    ManagementCheck,
    FrameCadActivate,
    FrameCadValidate,
    FrameCadCheck,
    FrameCadStatus,
    FrameCadDeactivate,
}

fn faxstore_check(f: &Fields) -> faxstore::CheckRequest {
    faxstore::CheckRequest {
        license_key: f.license_key.clone().unwrap_or_default(),
        product_id: f.product_id.clone().unwrap_or_default(),
        info: f.info.clone(),
        log: f.log,
    }
}

fn framecad_request(f: &Fields) -> framecad::Request {
    framecad::Request {
        client_key: f.client_key.clone().unwrap_or_default(),
        license_key: f.license_key.clone().unwrap_or_default(),
        machine_key: f.machine_key.clone(),
        product_key: f.product_key.clone(),
    }
}

impl Op {
    /// Runs the operation with the fields it uses; required fields left unset reach the core as
    /// empty and are refused there with `InvalidArgument` naming them.
    pub(crate) fn call(self, client: &Client, f: &Fields) -> Result<Verdict, Error> {
        let product = || f.product.clone().unwrap_or_default();
        match self {
            Op::FaxStoreCheck => client.faxstore_check(&faxstore_check(f)),
            Op::FaxStoreCheckV1 => client.faxstore_check_v1(&faxstore_check(f)),
            Op::FaxStoreCheckMultiple => {
                client.faxstore_check_multiple(&faxstore::CheckMultipleRequest {
                    license_key: f.license_key.clone().unwrap_or_default(),
                    product_ids: f.product_ids.clone(),
                    info: f.info.clone(),
                    log: f.log,
                })
            }
            Op::LicenseSpringActivate => {
                client.licensespring_activate(&licensespring::ActivateRequest {
                    product: product(),
                    license_key: f.license_key.clone(),
                    username: f.username.clone(),
                    password: f.password.clone(),
                    hardware_id: f.hardware_id.clone(),
                    license_id: f.license_id,
                    app_ver: f.app_ver.clone(),
                    os_ver: f.os_ver.clone(),
                    hostname: f.hostname.clone(),
                    is_vm: f.is_vm,
                })
            }
            Op::LicenseSpringCheck => client.licensespring_check(&licensespring::CheckRequest {
                product: product(),
                license_key: f.license_key.clone(),
                username: f.username.clone(),
                hardware_id: f.hardware_id.clone(),
                license_id: f.license_id,
                app_ver: f.app_ver.clone(),
                include_expired_features: f.include_expired_features,
            }),
            Op::LicenseSpringDeactivate => {
                client.licensespring_deactivate(&licensespring::DeactivateRequest {
                    product: product(),
                    license_key: f.license_key.clone(),
                    username: f.username.clone(),
                    hardware_id: f.hardware_id.clone(),
                    license_id: f.license_id,
                })
            }
            Op::ManagementCheck => client.management_check(&management::CheckRequest {
                product: product(),
                license_key: f.license_key.clone(),
                username: f.username.clone(),
                hardware_id: f.hardware_id.clone(),
            }),
            Op::FrameCadActivate => client.framecad_activate(&framecad_request(f)),
            Op::FrameCadValidate => client.framecad_validate(&framecad_request(f)),
            Op::FrameCadCheck => client.framecad_check(&framecad_request(f)),
            Op::FrameCadStatus => client.framecad_status(&framecad_request(f)),
            Op::FrameCadDeactivate => client.framecad_deactivate(&framecad_request(f)),
        }
    }
}
