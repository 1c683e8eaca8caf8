"""The GIL is released while a call waits on the network: other Python threads keep running."""

from __future__ import annotations

import threading
from collections.abc import Callable

from licensekit import FaxStore, LicenseSpring

from conftest import Server

# Enough pure-Python work to need many GIL switch intervals (5 ms each), far less than the
# server's delay: it can only finish first if the waiting call let go of the GIL.
WORK = 2_000_000
DELAY_MS = 3000


def race(server: Server, path: str, call: Callable[[], object]) -> list[str]:
    server.fault(path=path, delay_ms=DELAY_MS, times=1)
    order: list[str] = []
    started = threading.Event()

    def worker() -> None:
        started.wait()
        n = 0
        for _ in range(WORK):
            n += 1
        order.append("python thread")

    t = threading.Thread(target=worker)
    t.start()
    started.set()
    call()
    order.append("license call")
    t.join()
    return order


def test_a_python_thread_finishes_its_work_while_a_faxstore_check_waits(
    server: Server, faxstore: FaxStore
) -> None:
    order = race(server, "/api/check/8", lambda: faxstore.check("FS-ACTIVE-0001", 8))
    assert order == ["python thread", "license call"]


def test_a_python_thread_finishes_its_work_while_a_licensespring_check_waits(
    server: Server, licensespring: LicenseSpring
) -> None:
    order = race(
        server,
        "/api/v4/check_license",
        lambda: licensespring.check("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001"),
    )
    assert order == ["python thread", "license call"]
