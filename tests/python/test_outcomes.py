"""`licensekit.Outcome` is the core's table: same names, numbers, categories and descriptions
as `licensekit outcomes --json`, and the shipped stub lists the same members."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import licensekit
from licensekit import Category, Outcome

from conftest import binary


def cli_table() -> list[dict[str, Any]]:
    out = subprocess.run(
        [str(binary("licensekit", "licensekit-cli")), "outcomes", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table: list[dict[str, Any]] = json.loads(out)
    return table


def test_outcome_enum_has_exactly_the_cli_names_and_numbers_in_order() -> None:
    table = cli_table()
    assert [(o.name, o.value) for o in Outcome] == [(r["name"], r["number"]) for r in table]
    assert len(table) == 35


def test_each_outcome_carries_the_cli_category_retryable_flag_and_description() -> None:
    for row in cli_table():
        outcome = Outcome[row["name"]]
        assert outcome.category is Category(row["category"])
        assert outcome.retryable is row["retryable"]
        assert outcome.description == row["description"]
        assert outcome.__doc__ == row["description"]
        assert outcome.granted is (row["category"] == "granted")


def test_shipped_stub_lists_the_same_members_as_the_runtime_enum() -> None:
    stub = Path(licensekit.__file__).with_name("__init__.pyi").read_text(encoding="utf-8")
    block = stub.split("# BEGIN GENERATED OUTCOMES", 1)[1].split("# END GENERATED OUTCOMES", 1)[0]
    members = [(m[0], int(m[1])) for m in re.findall(r"^    ([A-Z_]+) = (\d+)$", block, re.M)]
    assert members == [(o.name, o.value) for o in Outcome]


def test_outcome_is_an_int_enum_comparable_with_c_numbers() -> None:
    assert int(Outcome.VALID) == 0
    assert Outcome.SERVER_ERROR > Outcome.MISSING_PARAMETER
    assert Outcome(100) is Outcome.KEY_NOT_FOUND
    assert isinstance(Outcome.TIMEOUT, int)
    assert Outcome["SIGNATURE_INVALID"].value == 304


def test_str_and_format_show_the_contract_name_on_every_python_version() -> None:
    assert str(Outcome.KEY_NOT_FOUND) == "KEY_NOT_FOUND"
    assert f"{Outcome.KEY_EXPIRED}" == "KEY_EXPIRED"
    assert f"{Outcome.VALID:>8}" == "   VALID"
    assert repr(Outcome.VALID) == "<Outcome.VALID: 0>"


def test_outcome_and_category_live_in_the_public_module() -> None:
    assert Outcome.__module__ == "licensekit"
    assert Outcome.__qualname__ == "Outcome"
    assert str(Category.REFUSED) == "refused"


def test_only_transient_failures_are_retryable() -> None:
    assert [o.name for o in Outcome if o.retryable] == [
        "RATE_LIMITED",
        "SERVER_ERROR",
        "NETWORK_ERROR",
        "TIMEOUT",
    ]
