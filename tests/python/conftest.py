"""Session fixtures: the real licensekit-server on port 0, its admin API, and one client per
family configured for it. Tests import the installed `licensekit` wheel, never the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import licensekit

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug"
VECTORS = ROOT / "tests" / "vectors" / "vectors.json"

API_KEY = "test-api-key"
SHARED_KEY = "test-shared-key"
MANAGEMENT_KEY = "test-management-key"
CLIENT_A = "3D9AACA84BEC559A"
CLIENT_B = "7F6E5D4C3B2A1908"


def binary(name: str, package: str) -> Path:
    """A workspace binary, built with cargo when it is missing."""
    path = TARGET / name
    if not path.exists():
        subprocess.run(["cargo", "build", "-q", "-p", package], cwd=ROOT, check=True)
    return path


class Server:
    """A running licensekit-server and its admin API."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        self.log: list[str] = []
        self.public_key = self.admin("GET", "/__admin/public-key", raw=True)

    def admin(self, method: str, path: str, body: Any = None, raw: bool = False) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
        return text if raw else (json.loads(text) if text else None)

    def reset(self) -> None:
        """Back to the demo fixture, no faults, the real clock."""
        self.admin("POST", "/__admin/reset")
        self.admin("DELETE", "/__admin/faults")
        self.admin("POST", "/__admin/clock", {"offset_secs": 0})

    def fault(self, **fault: Any) -> None:
        """Adds a fault (`path`, `status`, `delay_ms`, `drop_connection`, … as in TEST_SERVER.md)."""
        self.admin("POST", "/__admin/faults", fault)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    process = subprocess.Popen(
        [str(binary("licensekit-server", "licensekit-server")), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    if not first.startswith("listening on "):
        process.kill()
        raise RuntimeError(f"licensekit-server did not start: {first!r}")
    srv = Server(process, first[len("listening on ") :])
    stdout = process.stdout

    # One log line per request: drain the pipe so the server never blocks on it.
    def drain() -> None:
        for line in stdout:
            srv.log.append(line)

    threading.Thread(target=drain, daemon=True).start()
    yield srv
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(autouse=True)
def clean_server(server: Server) -> None:
    server.reset()


@pytest.fixture
def faxstore(server: Server) -> licensekit.FaxStore:
    return licensekit.FaxStore(server.url, retries=0)


@pytest.fixture
def licensespring(server: Server) -> licensekit.LicenseSpring:
    return licensekit.LicenseSpring(
        server.url,
        api_key=API_KEY,
        shared_key=SHARED_KEY,
        public_key=server.public_key,
        retries=0,
    )


@pytest.fixture
def management(server: Server) -> licensekit.LicenseSpringManagement:
    return licensekit.LicenseSpringManagement(server.url, api_key=MANAGEMENT_KEY, retries=0)


@pytest.fixture
def framecad(server: Server) -> licensekit.FrameCad:
    return licensekit.FrameCad(
        server.url, client_key=CLIENT_A, product_key="PRODUCT-KEY-1", retries=0
    )
