"""Every shared scenario of tests/vectors/vectors.json, through the Python package."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

import licensekit
from licensekit import Outcome, Verdict

from conftest import API_KEY, MANAGEMENT_KEY, SHARED_KEY, VECTORS, Server

SPEC: dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))
DEFAULTS: dict[str, Any] = SPEC["defaults"]


def client(server: Server, family: str, config: dict[str, Any]) -> Any:
    """The family's client with the vector's configuration over the file's defaults."""
    cfg = {**DEFAULTS, **config}
    url = server.url.replace("http://", "https://") if cfg.get("https") else server.url
    common: dict[str, Any] = {
        "timeout": cfg["timeout_ms"] / 1000,
        "connect_timeout": cfg["connect_timeout_ms"] / 1000,
        "retries": cfg["max_retries"],
    }
    if family == "faxstore":
        return licensekit.FaxStore(url, **common)
    if family == "licensespring":
        return licensekit.LicenseSpring(
            url,
            api_key=cfg.get("api_key", API_KEY),
            shared_key=cfg.get("shared_key", SHARED_KEY),
            public_key=server.public_key,
            verify_signatures=cfg["verify_signatures"],
            **common,
        )
    if family == "licensespring-management":
        return licensekit.LicenseSpringManagement(
            url, api_key=cfg.get("management_api_key", MANAGEMENT_KEY), **common
        )
    if family == "framecad":
        return licensekit.FrameCad(url, **common)
    raise AssertionError(f"unknown family {family}")


def operation(client: Any, family: str, op: str, args: dict[str, Any]) -> Callable[[], Verdict]:
    """The package call for one vector step, with the vector's argument names mapped onto the
    vendor-named keywords."""
    a = dict(args)
    method: Callable[..., Verdict] = getattr(client, op)
    if family == "faxstore":
        key = a.pop("license_key")
        if op == "check_multiple":
            return lambda: method(key, a.pop("product_ids"), **a)
        return lambda: method(key, a.pop("product"), **a)
    if family == "framecad":
        return lambda: method(a.pop("license_key"), **a)
    return lambda: method(a.pop("product"), **a)


def run(server: Server, vector: dict[str, Any]) -> Verdict | Exception:
    for step in vector.get("before", []):
        c = client(server, step["family"], {})
        operation(c, step["family"], step["operation"], step["args"])()
    if "fault" in vector:
        server.fault(**vector["fault"])
    c = client(server, vector["family"], vector.get("config", {}))
    try:
        return operation(c, vector["family"], vector["operation"], vector["args"])()
    except licensekit.InvalidArgument as e:
        return e


@pytest.mark.parametrize("vector", SPEC["vectors"], ids=[v["name"] for v in SPEC["vectors"]])
def test_shared_vector(server: Server, vector: dict[str, Any]) -> None:
    expect = vector["expect"]
    result = run(server, vector)
    if expect["outcome"] == "INVALID_ARGUMENT":
        # Refused before any I/O: a ValueError subclass carrying the outcome.
        assert isinstance(result, licensekit.InvalidArgument), result
        assert isinstance(result, ValueError)
        assert result.outcome is Outcome.INVALID_ARGUMENT
        return
    assert isinstance(result, Verdict), result
    assert result.outcome.name == expect["outcome"], result
    assert result.family == vector["family"]
    assert result.operation == vector["operation"]
    if "vendor_code" in expect:
        assert result.vendor_code == expect["vendor_code"], result
    if "http_status" in expect:
        assert result.http_status == expect["http_status"], result


def test_vectors_cover_every_operation_of_every_family() -> None:
    seen = {(v["family"], v["operation"]) for v in SPEC["vectors"]}
    assert seen == {
        ("faxstore", "check"),
        ("faxstore", "check_multiple"),
        ("faxstore", "check_v1"),
        ("licensespring", "activate"),
        ("licensespring", "check"),
        ("licensespring", "deactivate"),
        ("licensespring-management", "check"),
        ("framecad", "activate"),
        ("framecad", "validate"),
        ("framecad", "check"),
        ("framecad", "status"),
        ("framecad", "deactivate"),
    }
