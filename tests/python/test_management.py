"""LicenseSpring Management API: the license check with an Api-Key."""

from __future__ import annotations

import licensekit
from licensekit import LicenseSpringManagement, Outcome

from conftest import Server


def test_check_returns_the_license_as_the_back_office_sees_it(management: LicenseSpringManagement) -> None:
    v = management.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")
    assert (v.outcome, v.family, v.operation, v.http_status) == (
        Outcome.VALID,
        "licensespring-management",
        "check",
        200,
    )
    assert v.license is not None and v.license.id == "1001"
    assert v.raw["hardware_id"] == "demo-hwid-0001"


def test_check_refuses_an_unknown_key(management: LicenseSpringManagement) -> None:
    v = management.check("TP", license_key="LS-UNKNOWN-0001", hardware_id="demo-hwid-0001")
    assert v.outcome is Outcome.KEY_NOT_FOUND


def test_a_wrong_management_key_is_an_auth_failure(server: Server) -> None:
    m = licensekit.LicenseSpringManagement(server.url, api_key="not-the-key", retries=0)
    v = m.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")
    assert (v.outcome, v.http_status) == (Outcome.AUTH_FAILED, 403)
