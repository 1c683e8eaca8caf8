"""FaxStore: check, check_multiple and check_v1 against the test server."""

from __future__ import annotations

import pytest

from licensekit import FaxStore, Outcome


def test_check_grants_an_active_key_and_describes_the_license(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-ACTIVE-0001", 8)
    assert v.ok and v.outcome is Outcome.VALID
    assert (v.family, v.operation, v.vendor_code, v.http_status) == ("faxstore", "check", "AUTHORISED", 200)
    assert v.message is not None and v.message.startswith("Authorisation completed")
    assert v.raw == {"status": "AUTHORISED", "pass": True, "details": v.message}
    assert v.license is not None and v.license.product == "8"
    assert v.attempts == 1


def test_check_accepts_the_product_id_as_int_or_str(faxstore: FaxStore) -> None:
    assert faxstore.check("FS-ACTIVE-0001", "16").outcome is Outcome.VALID
    assert faxstore.check("FS-ACTIVE-0001", product_id=16).outcome is Outcome.VALID


def test_check_sends_info_and_log_without_changing_the_answer(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-ACTIVE-0001", 8, info="launcher 1.2", log=False)
    assert v.outcome is Outcome.VALID


@pytest.mark.parametrize(
    ("key", "product", "outcome"),
    [
        ("FS-UNKNOWN-0001", 8, Outcome.KEY_NOT_FOUND),
        ("FS-MAPONLY-0001", 8, Outcome.KEY_NOT_FOUND),
        ("FS-ACTIVE-0001", 999, Outcome.PRODUCT_NOT_FOUND),
        ("FS-ACTIVE-0001", 32, Outcome.PRODUCT_NOT_FOUND),
        ("FS-DISABLED-0001", 8, Outcome.KEY_DISABLED),
        ("FS-INACTIVE-0001", 8, Outcome.KEY_INACTIVE),
        ("FS-IPLOCKED-0001", 8, Outcome.IP_NOT_AUTHORISED),
        ("FS-LOCALHOST-0001", 8, Outcome.VALID),
    ],
)
def test_check_maps_each_faxstore_status_onto_its_outcome(
    faxstore: FaxStore, key: str, product: int, outcome: Outcome
) -> None:
    v = faxstore.check(key, product)
    assert v.outcome is outcome, v
    assert v.ok is (outcome is Outcome.VALID)


def test_check_multiple_grants_when_any_product_matches_and_names_it(faxstore: FaxStore) -> None:
    v = faxstore.check_multiple("FS-MAPONLY-0001", [8, 16])
    assert v.outcome is Outcome.VALID
    assert v.operation == "check_multiple"
    assert v.license is not None and v.license.product == "16"
    assert v.raw["proId"] in (16, "16")


def test_check_multiple_accepts_any_iterable_of_ids(faxstore: FaxStore) -> None:
    assert faxstore.check_multiple("FS-ACTIVE-0001", (str(p) for p in (8, 16))).ok


def test_check_multiple_refuses_a_key_for_none_of_the_products(faxstore: FaxStore) -> None:
    assert faxstore.check_multiple("FS-UNKNOWN-0001", [8, 16]).outcome is Outcome.KEY_NOT_FOUND


def test_check_v1_uses_the_legacy_endpoint(faxstore: FaxStore) -> None:
    v = faxstore.check_v1("FS-ACTIVE-0001", 8)
    assert (v.outcome, v.operation, v.vendor_code) == (Outcome.VALID, "check_v1", "OK")
    assert faxstore.check_v1("FS-UNKNOWN-0001", 8).outcome is Outcome.KEY_NOT_FOUND
