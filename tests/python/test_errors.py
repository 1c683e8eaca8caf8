"""raise_for_outcome(): one exception branch per outcome category, each carrying the verdict."""

from __future__ import annotations

import socket

import pytest

import licensekit
from licensekit import (
    FaxStore,
    LicenseCheckFailed,
    LicenseError,
    LicenseRefused,
    Outcome,
    RequestRejected,
    TransportError,
)

from conftest import Server


def test_a_granted_verdict_returns_itself(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-ACTIVE-0001", 8)
    assert v.raise_for_outcome() is v


def test_a_refusal_raises_license_refused_carrying_the_verdict(faxstore: FaxStore) -> None:
    v = faxstore.check("FS-DISABLED-0001", 8)
    with pytest.raises(LicenseRefused) as info:
        v.raise_for_outcome()
    e = info.value
    assert isinstance(e, LicenseError) and not isinstance(e, LicenseCheckFailed)
    assert e.verdict is v
    assert e.outcome is Outcome.KEY_DISABLED
    assert "KEY_DISABLED" in str(e)
    assert "FS-DISABLED-0001" not in str(e)


def test_a_server_failure_raises_request_rejected(server: Server, faxstore: FaxStore) -> None:
    server.fault(path="/api/check/8", status=503, times=1)
    v = faxstore.check("FS-ACTIVE-0001", 8)
    with pytest.raises(RequestRejected) as info:
        v.raise_for_outcome()
    assert isinstance(info.value, LicenseCheckFailed)
    assert info.value.outcome is Outcome.SERVER_ERROR
    assert info.value.outcome.retryable


def test_an_unreachable_server_raises_transport_error() -> None:
    # A port nobody listens on: bind one, note it, close it.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    v = licensekit.FaxStore(f"http://127.0.0.1:{port}", retries=0).check("FS-ACTIVE-0001", 8)
    assert v.outcome is Outcome.NETWORK_ERROR
    assert v.http_status is None and v.message
    with pytest.raises(TransportError) as info:
        v.raise_for_outcome()
    assert isinstance(info.value, LicenseCheckFailed)
    assert info.value.verdict is v


def test_a_slow_server_is_a_timeout_transport_error(server: Server) -> None:
    server.fault(path="/api/check/8", delay_ms=3000, times=1)
    v = licensekit.FaxStore(server.url, timeout=0.3, retries=0).check("FS-ACTIVE-0001", 8)
    assert v.outcome is Outcome.TIMEOUT
    with pytest.raises(TransportError):
        v.raise_for_outcome()


def test_transient_failures_are_retried_and_counted(server: Server) -> None:
    server.fault(path="/api/check/8", status=503, times=1)
    v = licensekit.FaxStore(server.url, retries=1, initial_backoff=0.01).check("FS-ACTIVE-0001", 8)
    assert v.ok and v.attempts == 2


def test_invalid_argument_is_a_value_error_not_a_license_error(faxstore: FaxStore) -> None:
    with pytest.raises(licensekit.InvalidArgument) as info:
        faxstore.check("", 8)
    assert isinstance(info.value, ValueError)
    assert not isinstance(info.value, LicenseError)
    assert info.value.outcome is Outcome.INVALID_ARGUMENT
    assert licensekit.InternalError("boom").outcome is Outcome.INTERNAL_ERROR
