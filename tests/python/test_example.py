"""examples/python/check.py (the README's example) runs against the test server."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, Server


def test_the_example_checks_licenses_and_exits_zero(server: Server) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "python" / "check.py")],
        env={**os.environ, "LICENSEKIT_URL": server.url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "FaxStore: VALID (AUTHORISED)" in out
    assert "FaxStore: refused, KEY_DISABLED" in out
    assert "hardware id: " in out
    assert "frameCAD: VALID" in out
    assert "FS-ACTIVE-0001" not in result.stderr
