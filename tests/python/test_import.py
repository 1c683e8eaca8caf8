"""`import licensekit; licensekit.hardware_id(...)` loads the native module and nothing else;
the rest of the package loads on first use and behaves the same."""

from __future__ import annotations

import subprocess
import sys

import licensekit


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_hardware_id_needs_neither_the_clients_nor_the_enums() -> None:
    out = run(
        "import sys, licensekit; licensekit.hardware_id('TP'); "
        "print(sorted(m for m in sys.modules if m.startswith('licensekit')))"
    )
    assert out.strip() == "['licensekit', 'licensekit._errors', 'licensekit._native']"


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in licensekit.__all__:
        assert getattr(licensekit, name) is not None, name
    assert set(licensekit.__all__) <= set(dir(licensekit))


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    try:
        licensekit.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as e:
        assert "NoSuchThing" in str(e)
    else:
        raise AssertionError("no AttributeError")


def test_invalid_argument_knows_its_outcome_without_the_enum_loaded_first() -> None:
    out = run(
        "import licensekit\n"
        "try:\n    licensekit.fingerprint('TP', algorithm='md5')\n"
        "except ValueError as e:\n    print(type(e).__name__, e.outcome)\n"
    )
    assert out.strip() == "InvalidArgument INVALID_ARGUMENT"
