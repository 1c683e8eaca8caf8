"""LicenseSpring License API v4: activate, check, deactivate, signed both ways."""

from __future__ import annotations

import pytest

import licensekit
from licensekit import LicenseSpring, Outcome

from conftest import API_KEY, SHARED_KEY, Server


def test_activate_check_deactivate_round_trip(licensespring: LicenseSpring) -> None:
    hwid = "py-hwid-0001"
    v = licensespring.activate("TP", license_key="LS-VALID-0001", hardware_id=hwid)
    assert (v.outcome, v.family, v.operation, v.http_status) == (Outcome.VALID, "licensespring", "activate", 200)
    lic = v.license
    assert lic is not None
    assert (lic.id, lic.product, lic.license_type) == ("1001", "TP", "perpetual")
    assert (lic.enabled, lic.active, lic.seats_max) == (True, True, 3)
    assert lic.seats_used == 2
    assert "pro" in lic.features
    assert v.raw["license_key"] == "LS-VALID-0001"

    assert licensespring.check("TP", license_key="LS-VALID-0001", hardware_id=hwid).outcome is Outcome.VALID
    d = licensespring.deactivate("TP", license_key="LS-VALID-0001", hardware_id=hwid)
    assert (d.outcome, d.ok, d.raw) == (Outcome.DEACTIVATED, True, "license_deactivated")
    again = licensespring.check("TP", license_key="LS-VALID-0001", hardware_id=hwid)
    assert again.outcome is Outcome.NOT_ACTIVATED
    assert again.vendor_code == "device_not_found"


def test_hardware_id_defaults_to_this_machines_id_for_the_product(licensespring: LicenseSpring) -> None:
    assert licensespring.activate("TP", license_key="LS-VALID-0001").ok
    mine = licensekit.hardware_id("TP")
    assert licensespring.check("TP", license_key="LS-VALID-0001", hardware_id=mine).ok
    assert licensespring.check("TP", license_key="LS-VALID-0001").ok


def test_user_based_license_activates_with_username_and_password(licensespring: LicenseSpring) -> None:
    user = "demo-user@example.com"
    v = licensespring.activate("UP", username=user, password="demo-password", hardware_id="py-user-hwid")
    assert v.outcome is Outcome.VALID
    assert licensespring.check("UP", username=user, hardware_id="py-user-hwid").ok


def test_optional_fields_are_sent_and_checked_by_the_server(licensespring: LicenseSpring) -> None:
    old = licensespring.activate("VP", license_key="LS-VERSIONED-0001", hardware_id="py-v", app_ver="1.9.9")
    assert old.outcome is Outcome.VERSION_NOT_SUPPORTED
    new = licensespring.activate(
        "VP",
        license_key="LS-VERSIONED-0001",
        hardware_id="py-v",
        app_ver="2.1.0",
        os_ver="Linux 6",
        hostname="build-box",
        is_vm=False,
        license_id=None,
    )
    assert new.ok
    vm = licensespring.activate("TP", license_key="LS-NO-VM-0001", hardware_id="py-vm", is_vm=True)
    assert vm.outcome is Outcome.VM_NOT_ALLOWED


def test_check_with_license_id_and_expired_features_flag(licensespring: LicenseSpring) -> None:
    v = licensespring.check(
        "TP",
        license_key="LS-VALID-0001",
        hardware_id="demo-hwid-0001",
        license_id=1001,
        include_expired_features=True,
    )
    assert v.ok, v


@pytest.mark.parametrize(
    ("key", "outcome"),
    [
        ("LS-UNKNOWN-0001", Outcome.KEY_NOT_FOUND),
        ("LS-DISABLED-0001", Outcome.KEY_DISABLED),
        ("LS-INACTIVE-0001", Outcome.KEY_INACTIVE),
        ("LS-EXPIRED-0001", Outcome.KEY_EXPIRED),
        ("LS-TRIAL-EXPIRED-0001", Outcome.TRIAL_EXPIRED),
        ("LS-CONSUMED-0001", Outcome.CONSUMPTION_EXHAUSTED),
        ("LS-FULL-0001", Outcome.ACTIVATION_LIMIT),
        ("LS-FLOATING-FULL-0001", Outcome.FLOATING_UNAVAILABLE),
        ("LS-TRANSFERRED-0001", Outcome.TRANSFER_LIMIT),
        ("LS-FLAG-EXPIRED-0001", Outcome.KEY_EXPIRED),
        ("LS-INTERNAL-ERROR-0001", Outcome.SERVER_ERROR),
    ],
)
def test_activate_maps_each_refusal_onto_its_outcome(
    licensespring: LicenseSpring, key: str, outcome: Outcome
) -> None:
    v = licensespring.activate("TP", license_key=key, hardware_id="py-refused-hwid")
    assert v.outcome is outcome, v


def test_blacklisted_device_is_refused(licensespring: LicenseSpring) -> None:
    v = licensespring.check("TP", license_key="LS-BLACKLISTED-0001", hardware_id="blacklisted-hwid-0001")
    assert v.outcome is Outcome.DEVICE_BLACKLISTED


def test_a_response_signed_by_another_key_is_not_trusted(server: Server) -> None:
    # The test server's key verifies its answers; a different key must not.
    other = licensekit.LicenseSpring(
        server.url, api_key=API_KEY, shared_key=SHARED_KEY, public_key=OTHER_PUBLIC_KEY, retries=0
    )
    v = other.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")
    assert v.outcome is Outcome.SIGNATURE_INVALID
    assert not v.ok


def test_verification_can_be_turned_off_explicitly(server: Server) -> None:
    lk = licensekit.LicenseSpring(
        server.url, api_key=API_KEY, shared_key=SHARED_KEY, verify_signatures=False, retries=0
    )
    assert lk.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001").ok


def test_verification_without_a_public_key_is_a_configuration_error(server: Server) -> None:
    lk = licensekit.LicenseSpring(server.url, api_key=API_KEY, shared_key=SHARED_KEY, retries=0)
    with pytest.raises(licensekit.InvalidArgument, match="public_key"):
        lk.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")


# A 2048-bit RSA public key that is not the test server's.
OTHER_PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3a0JHtSiUXWKfwCMHIxa
9wZ3xJOx/hfqUc1y9A0P/H9caMVsZMmdt5jT6DXkdhNX2NF1jz6iozFCHyLcS0Cf
Zhoe6yTXDDomNCokxkKUdgt2iTVuGIImnfy5r0C4t9U6T73JLk7fWjiG75VDNZNj
YQ0cjwV7ZXFjFia8uDrompxVD963o6oHBXaRbdbnZ/N4QdA13dJ3diycW6k/Lh7Y
xxiHaNMxdESxt4qXjNX/iOwvoUq4lGb7Hxf4tKJBSaOPvmACKHcRge5BlzrQ+iI0
YvW7MBaf0h2tASLu9hOSB8gu8zR0OchqFVrM2hCQSwmPbOvpZHTn5xJ2w1PijmUm
VwIDAQAB
-----END PUBLIC KEY-----
"""
