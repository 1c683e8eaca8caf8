"""licensekit's Python package against its peers, in one run on one machine.

1. A FaxStore license check round trip against the same test-server endpoint through
   licensekit, requests.Session and urllib3 (each reuses its connection and parses the JSON).
2. hardware_id(): warm calls against py-machineid and LicenseSpring's
   licensespring-hardware-id-generator, and import + first call in a fresh interpreter.

Run with `make bench-python` (release wheel and peers in build/python/bench-venv).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
import timeit
from pathlib import Path
from typing import Callable

import requests
import urllib3

import licensekit

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
KEY, PRODUCT = "FS-ACTIVE-0001", 8
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CALLS = int(os.environ.get("BENCH_CALLS", "1000"))


def start_server() -> tuple[subprocess.Popen[str], str]:
    for profile in ("release", "debug"):
        binary = TARGET / profile / "licensekit-server"
        if binary.exists():
            break
    else:
        sys.exit("licensekit-server is not built (make bench-python builds it)")
    proc = subprocess.Popen([str(binary), "--port", "0"], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    stdout = proc.stdout
    threading.Thread(target=lambda: [None for _ in stdout], daemon=True).start()
    print(f"server: {binary.relative_to(ROOT)} ({profile}) at {first.split()[-1]}")
    return proc, first.split()[-1]


def per_call_us(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls * 1e6


def round_trip(url: str) -> dict[str, float]:
    store = licensekit.FaxStore(url, retries=0)
    session = requests.Session()
    pool = urllib3.PoolManager()
    endpoint = f"{url}/api/check/{PRODUCT}"
    headers = {"authorization": KEY, "accept": "application/json, text/plain, */*"}

    def with_licensekit() -> object:
        v = store.check(KEY, PRODUCT)
        assert v.ok
        return v

    def with_requests() -> object:
        body = session.post(endpoint, headers=headers, json={}).json()
        assert body["pass"] is True
        return body

    def with_urllib3() -> object:
        r = pool.request("POST", endpoint, headers={**headers, "content-type": "application/json"}, body=b"{}")
        body = json.loads(r.data)
        assert body["pass"] is True
        return body

    clients = {"licensekit": with_licensekit, "requests.Session": with_requests, "urllib3": with_urllib3}
    for fn in clients.values():  # connect, warm caches
        per_call_us(fn, 50)
    samples: dict[str, list[float]] = {name: [] for name in clients}
    for _ in range(ROUNDS):  # interleaved, so drift hits every client alike
        for name, fn in clients.items():
            samples[name].append(per_call_us(fn, CALLS))
    return {name: statistics.median(s) for name, s in samples.items()}


def warm_hardware_id() -> dict[str, float]:
    import machineid
    import licensespring_hardware_id_generator as ls_hwid

    default = ls_hwid.HardwareIdAlgorithm.Default
    candidates: dict[str, Callable[[], object]] = {
        "licensekit.hardware_id": lambda: licensekit.hardware_id("TP"),
        "py-machineid id()": machineid.id,
        "py-machineid hashed_id()": lambda: machineid.hashed_id("TP"),
        "licensespring get_hardware_id()": lambda: ls_hwid.get_hardware_id(default),
    }
    out = {}
    for name, fn in candidates.items():
        fn()
        number = 20_000 if name.startswith("licensekit") else 2_000
        out[name] = min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6
    return out


FRESH = {
    "licensekit": "import licensekit; licensekit.hardware_id('TP')",
    "py-machineid": "import machineid; machineid.id()",
    "licensespring-hardware-id-generator": (
        "import licensespring_hardware_id_generator as g; g.get_hardware_id(g.HardwareIdAlgorithm.Default)"
    ),
}
# The child times its own import + first call, so interpreter start-up noise stays out.
TIMED = "import time as _t; _s = _t.perf_counter(); {code}; print((_t.perf_counter() - _s) * 1e3)"


def fresh_process_ms(runs: int = 21) -> dict[str, tuple[float, float]]:
    """Per candidate: (median ms measured inside the child, fastest wall-clock ms of the child
    process minus the fastest bare interpreter's; the minimum is what noise cannot inflate)."""
    inside: dict[str, list[float]] = {name: [] for name in FRESH}
    wall: dict[str, list[float]] = {name: [] for name in [*FRESH, "bare"]}
    for _ in range(runs):  # interleaved, like the round trips
        for name, code in [*FRESH.items(), ("bare", "pass")]:
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", TIMED.format(code=code)], check=True, capture_output=True, text=True
            ).stdout
            wall[name].append((time.perf_counter() - start) * 1e3)
            if name != "bare":
                inside[name].append(float(out))
    bare = min(wall["bare"])
    return {name: (statistics.median(inside[name]), min(wall[name]) - bare) for name in FRESH}


def main() -> None:
    print(f"licensekit {licensekit.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    proc, url = start_server()
    try:
        rt = round_trip(url)
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\n== FaxStore check round trip (median of {ROUNDS} rounds x {CALLS} calls, keep-alive)")
    for name, us in rt.items():
        print(f"  {name:<18} {us:8.1f} us/call")
    ratio_requests = rt["requests.Session"] / rt["licensekit"]
    ratio_urllib3 = rt["urllib3"] / rt["licensekit"]
    print(f"  licensekit is {ratio_requests:.2f}x requests.Session (target >= 1.00) "
          f"{'OK' if ratio_requests >= 1 else 'MISSED'}; {ratio_urllib3:.2f}x urllib3")

    warm = warm_hardware_id()
    print("\n== hardware id, warm call (best of 5)")
    for name, us in warm.items():
        print(f"  {name:<26} {us:8.3f} us/call")
    ours = warm["licensekit.hardware_id"]
    for peer in ("py-machineid id()", "licensespring get_hardware_id()"):
        r = warm[peer] / ours
        print(f"  licensekit is {r:6.1f}x faster than {peer} (target >= 10) {'OK' if r >= 10 else 'MISSED'}")

    fresh = fresh_process_ms()
    print("\n== import + first call in a fresh interpreter (21 processes each)")
    print(f"  {'':<36} {'timed inside (median)':>21} {'wall - bare (min)':>18}")
    for name, (inside, wall) in fresh.items():
        print(f"  {name:<36} {inside:18.2f} ms {wall:+15.2f} ms")
    ours = fresh["licensekit"][0]
    for peer in ("py-machineid", "licensespring-hardware-id-generator"):
        r = fresh[peer][0] / ours
        print(f"  licensekit is {r:6.1f}x cheaper than {peer} (target >= 5) {'OK' if r >= 5 else 'MISSED'}")


if __name__ == "__main__":
    main()
