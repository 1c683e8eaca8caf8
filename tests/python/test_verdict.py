"""Verdict: fields, raw body as plain Python objects, and masking of license keys."""

from __future__ import annotations

import json

import licensekit
from licensekit import FaxStore, LicenseSpring, Outcome


def test_raw_is_a_fresh_dict_of_plain_python_values(licensespring: LicenseSpring) -> None:
    v = licensespring.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")
    raw = v.raw
    assert isinstance(raw, dict)
    assert raw is v.raw
    assert isinstance(raw["id"], int) and raw["id"] == 1001
    assert isinstance(raw["product_features"], list)
    assert raw["product_details"]["short_code"] == "TP"


def test_to_json_repr_and_str_never_show_the_license_key(licensespring: LicenseSpring) -> None:
    v = licensespring.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")
    assert v.license is not None
    for text in (v.to_json(), repr(v), str(v), repr(v.license)):
        assert "LS-VALID-0001" not in text, text
    data = json.loads(v.to_json())
    assert data["outcome"] == "VALID" and data["family"] == "licensespring"
    assert data["license"]["key"].endswith("0001")
    # The caller's own copy keeps the real key.
    assert v.license.key == "LS-VALID-0001"


def test_a_refusal_keeps_the_vendor_code_and_message(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-INACTIVE-0001", 8)
    assert (v.outcome, v.ok, v.vendor_code, v.http_status) == (Outcome.KEY_INACTIVE, False, "NOT ACTIVE", 200)
    assert v.message
    assert v.server_time  # the response Date header
    assert str(v).startswith("KEY_INACTIVE (faxstore check")


def test_verdicts_are_read_only(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-ACTIVE-0001", 8)
    for name in ("outcome", "ok", "raw", "license"):
        try:
            setattr(v, name, None)
        except AttributeError:
            continue
        raise AssertionError(f"{name} is writable")
    assert isinstance(v, licensekit.Verdict)
