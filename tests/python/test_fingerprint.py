"""hardware_id(), fingerprint(), environment() and matches()."""

from __future__ import annotations

import json
import re

import licensekit


def test_hardware_id_is_stable_formatted_and_salted_per_product() -> None:
    a = licensekit.hardware_id("TP")
    assert a == licensekit.hardware_id(product="TP")
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){15}", a), a
    assert licensekit.hardware_id("another-product") != a


def test_fingerprint_explains_the_id_with_digests_only() -> None:
    fp = licensekit.fingerprint("TP")
    assert fp.id == licensekit.hardware_id("TP")
    assert fp.algorithm == "licensekit-v1"
    assert fp.components, fp
    for c in fp.components:
        assert c.name and isinstance(c.weight, int) and isinstance(c.present, bool)
        assert isinstance(c.in_id, bool)
        if c.present:
            assert re.fullmatch(r"[0-9a-f]{16,64}", c.digest), c.digest
    assert any(c.in_id for c in fp.components)
    assert "Fingerprint(" in repr(fp)


def test_a_stored_fingerprint_round_trips_and_matches_this_machine() -> None:
    current = licensekit.fingerprint("TP")
    stored = licensekit.Fingerprint.from_json(current.to_json())
    assert stored.id == current.id
    assert json.loads(stored.to_json()) == json.loads(current.to_json())
    m = licensekit.matches(stored, current)
    assert m.verdict == "SAME"
    assert m.score == 1.0
    assert m.changed == []


def test_the_licensespring_compatible_algorithm_is_available_by_name() -> None:
    try:
        fp = licensekit.fingerprint("TP", algorithm="licensespring-compat")
    except licensekit.FingerprintUnavailable as e:
        # Only a machine without an OS machine id lacks it, and then says so.
        assert "machine id" in str(e)
    else:
        assert fp.algorithm == "licensespring-compat"
        assert re.fullmatch(r"[0-9a-f]{64}", fp.id), fp.id


def test_environment_reports_its_evidence() -> None:
    env = licensekit.environment()
    assert isinstance(env.vm, bool) and isinstance(env.container, bool) and isinstance(env.wsl, bool)
    assert all(isinstance(e, str) for e in env.evidence)
    if env.vm or env.container or env.wsl:
        assert env.evidence
