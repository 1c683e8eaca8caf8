"""frameCAD: activate, validate, check, status, deactivate."""

from __future__ import annotations

import pytest

import licensekit
from licensekit import FrameCad, Outcome

from conftest import CLIENT_B, Server


def test_activate_validate_check_status_deactivate_round_trip(framecad: FrameCad) -> None:
    key, machine = "FREE-0000-0000-0001", "PY-MACHINE-0001"
    v = framecad.activate(key, machine_key=machine)
    assert (v.outcome, v.family, v.operation, v.vendor_code) == (Outcome.VALID, "framecad", "activate", "0")
    assert v.server_time is not None
    assert v.license is not None and v.license.machine_key == machine
    for op in (framecad.validate, framecad.check, framecad.status):
        assert op(key, machine_key=machine).outcome is Outcome.VALID
    d = framecad.deactivate(key, machine_key=machine)
    assert (d.outcome, d.vendor_code) == (Outcome.DEACTIVATED, "9")
    assert framecad.validate(key, machine_key=machine).outcome is Outcome.NOT_ACTIVATED


def test_per_call_client_key_overrides_the_clients_default(framecad: FrameCad) -> None:
    v = framecad.validate("ACTV-0000-0000-0001", machine_key="MACHINE-A-0001", client_key=CLIENT_B)
    assert v.outcome is Outcome.WRONG_CLIENT
    r = framecad.activate("ACTV-0000-0000-0001", machine_key="MACHINE-A-0001", client_key=CLIENT_B)
    assert r.outcome is Outcome.RESERVED_BY_OTHER


@pytest.mark.parametrize(
    ("key", "machine", "outcome"),
    [
        ("ACTV-0000-0000-0001", "OTHER-MACHINE", Outcome.KEY_INVALID),
        ("MISS-0000-0000-0001", "MACHINE-A-0001", Outcome.KEY_NOT_FOUND),
        ("RVKD-0000-0000-0001", "MACHINE-A-0001", Outcome.KEY_REVOKED),
        ("EXPD-0000-0000-0001", "MACHINE-A-0001", Outcome.KEY_EXPIRED),
        ("DEAC-0000-0000-0001", "MACHINE-A-0001", Outcome.NOT_ACTIVATED),
    ],
)
def test_validate_maps_each_code_onto_its_outcome(
    framecad: FrameCad, key: str, machine: str, outcome: Outcome
) -> None:
    assert framecad.validate(key, machine_key=machine).outcome is outcome


def test_machine_key_defaults_to_this_machines_hardware_id(framecad: FrameCad) -> None:
    assert framecad.activate("FREE-0000-0000-0002").ok
    mine = licensekit.hardware_id("PRODUCT-KEY-1")
    assert framecad.validate("FREE-0000-0000-0002", machine_key=mine).ok


def test_a_call_without_any_client_key_is_a_type_error(server: Server) -> None:
    fc = licensekit.FrameCad(server.url)
    with pytest.raises(TypeError, match="client_key"):
        fc.validate("ACTV-0000-0000-0001", machine_key="MACHINE-A-0001")
