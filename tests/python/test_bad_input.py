"""Bad input raises TypeError or ValueError (InvalidArgument) with a message naming the
argument, before anything is sent; it never crashes the interpreter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import licensekit
from licensekit import FaxStore, FrameCad, LicenseSpring, LicenseSpringManagement

from conftest import API_KEY, SHARED_KEY, Server

HUGE = "K" * 1_000_000


def call(f: Callable[..., object], *args: Any, **kwargs: Any) -> Callable[[], object]:
    return lambda: f(*args, **kwargs)


def test_wrong_types_raise_type_error_naming_the_argument(
    faxstore: FaxStore, licensespring: LicenseSpring, framecad: FrameCad
) -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (call(faxstore.check, None, 8), "license_key"),
        (call(faxstore.check, 1234, 8), "license_key"),
        (call(faxstore.check, b"FS-ACTIVE-0001", 8), "license_key"),
        (call(faxstore.check, "FS-ACTIVE-0001", None), "product_id"),
        (call(faxstore.check, "FS-ACTIVE-0001", 8.5), "product_id"),
        (call(faxstore.check, "FS-ACTIVE-0001", True), "product_id"),
        (call(faxstore.check, "FS-ACTIVE-0001", 8, log="no"), "log"),
        (call(faxstore.check, "FS-ACTIVE-0001", 8, info=5), "info"),
        (call(faxstore.check_multiple, "FS-ACTIVE-0001", "8"), "product_ids"),
        (call(faxstore.check_multiple, "FS-ACTIVE-0001", 8), "product_ids"),
        (call(faxstore.check_multiple, "FS-ACTIVE-0001", [8, None]), "product_ids[1]"),
        (call(licensespring.check, None, license_key="LS-VALID-0001"), "product"),
        (call(licensespring.check, "TP", license_key=["LS-VALID-0001"]), "license_key"),
        (call(licensespring.check, "TP", license_key="LS-VALID-0001", license_id="1001"), "license_id"),
        (call(licensespring.check, "TP", license_key="LS-VALID-0001", license_id=True), "license_id"),
        (call(licensespring.activate, "TP", license_key="LS-VALID-0001", is_vm="yes"), "is_vm"),
        (call(framecad.validate, None), "license_key"),
        (call(framecad.validate, "ACTV-0000-0000-0001", machine_key=7), "machine_key"),
        (call(licensekit.hardware_id, None), "product"),
        (call(licensekit.hardware_id, 42), "product"),
        (call(licensekit.fingerprint, "TP", algorithm=5), "algorithm"),
    ]
    for f, name in cases:
        with pytest.raises(TypeError) as info:
            f()
        text = str(info.value) + " ".join(getattr(info.value, "__notes__", []))
        assert name in text, (name, text)


def test_bad_values_raise_value_error_naming_the_argument(
    faxstore: FaxStore, licensespring: LicenseSpring, management: LicenseSpringManagement
) -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (call(faxstore.check, "", 8), "license_key"),
        (call(faxstore.check, HUGE, 8), "license_key"),
        (call(faxstore.check, "FS-ACTIVE\0-0001", 8), "license_key"),
        (call(faxstore.check, "FS-ACTIVE-0001", -1), "product_id"),
        (call(faxstore.check, "FS-ACTIVE-0001", 2**80), "product_id"),
        (call(faxstore.check, "FS-ACTIVE-0001", 8, info=HUGE), "info"),
        (call(faxstore.check_multiple, "FS-ACTIVE-0001", []), "product_ids"),
        (call(faxstore.check_multiple, "FS-ACTIVE-0001", list(range(1000))), "product_ids"),
        (call(licensespring.check, "TP", license_key="LS-VALID-0001", license_id=-5), "license_id"),
        (call(licensespring.check, "TP", license_key="LS-VALID-0001", license_id=2**70), "license_id"),
        (call(licensespring.check, "TP", license_key="LS-VALID-0001", hardware_id=HUGE), "hardware_id"),
        (call(management.check, "", license_key="LS-VALID-0001"), "product"),
        (call(licensekit.fingerprint, "TP", algorithm="md5"), "md5"),
        (call(licensekit.Fingerprint.from_json, "{not json"), "fingerprint"),
    ]
    for f, name in cases:
        with pytest.raises(ValueError) as info:
            f()
        assert isinstance(info.value, licensekit.InvalidArgument), info.value
        assert name in str(info.value), (name, str(info.value))


def test_a_lone_surrogate_is_a_value_error(faxstore: FaxStore) -> None:
    with pytest.raises(ValueError):
        faxstore.check("FS-\ud800-0001", 8)


def test_bad_configuration_raises_value_error_naming_the_setting(server: Server) -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (call(licensekit.FaxStore, "not a url"), "not a url"),
        (call(licensekit.FaxStore, ""), "base_url"),
        (call(licensekit.FaxStore, "ftp://127.0.0.1/"), "ftp"),
        # Plain HTTP is for loopback only; nothing is sent to this host.
        (call(licensekit.FaxStore, "http://license.example.com"), "http"),
        (call(licensekit.FaxStore, server.url, timeout=-1), "timeout"),
        (call(licensekit.FaxStore, server.url, timeout=float("nan")), "timeout"),
        (call(licensekit.FaxStore, server.url, connect_timeout=float("inf")), "connect_timeout"),
        (call(licensekit.FaxStore, server.url, retries=-1), "retries"),
        (call(licensekit.FaxStore, server.url, proxy="::not a proxy::"), "proxy"),
        (call(licensekit.FaxStore, server.url, extra_ca_certs_pem=["not a PEM"]), "extra_ca_certs_pem"),
        # One str is one PEM bundle (the text of a CA file), not a list of characters.
        (call(licensekit.FaxStore, server.url, extra_ca_certs_pem="not a PEM"), "extra_ca_certs_pem"),
        (call(licensekit.LicenseSpring, server.url, api_key=API_KEY, shared_key=SHARED_KEY,
              public_key="not a PEM"), "public"),
    ]
    for f, name in cases:
        with pytest.raises(ValueError) as info:
            f()
        assert name.lower() in str(info.value).lower(), (name, str(info.value))


def test_wrong_configuration_types_raise_type_error(server: Server) -> None:
    for f in [
        call(licensekit.FaxStore, None),
        call(licensekit.FaxStore, server.url, timeout="5"),
        call(licensekit.FaxStore, server.url, retries=1.5),
        call(licensekit.FaxStore, server.url, extra_ca_certs_pem=5),
        call(licensekit.FaxStore, server.url, extra_ca_certs_pem=[b"bytes"]),
        call(licensekit.LicenseSpring, server.url, api_key=5, shared_key=SHARED_KEY),
    ]:
        with pytest.raises(TypeError):
            f()


def test_missing_required_credentials_name_the_setting(server: Server) -> None:
    lk = licensekit.LicenseSpring(server.url, api_key="", shared_key=SHARED_KEY, verify_signatures=False)
    with pytest.raises(ValueError, match="api_key"):
        lk.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001")


def test_the_process_survives_a_burst_of_bad_calls(faxstore: FaxStore) -> None:
    for bad in (None, 1, 1.5, [], {}, object(), HUGE, "", "\0"):
        with pytest.raises((TypeError, ValueError)):
            faxstore.check(bad, 8)  # type: ignore[arg-type]
    assert faxstore.check("FS-ACTIVE-0001", 8).ok
