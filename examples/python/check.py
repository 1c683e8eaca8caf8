"""Check licenses with licensekit the way an application does at start-up.

    LICENSEKIT_URL=http://127.0.0.1:8080 python examples/python/check.py

The keys are the test server's demo fixture (`licensekit-server` with no --fixture).
"""

from __future__ import annotations

import asyncio
import os
import sys

import licensekit

url = os.environ.get("LICENSEKIT_URL", "http://127.0.0.1:8080")

# --- the ten lines an application needs -------------------------------------------------
store = licensekit.FaxStore(url, timeout=10)
verdict = store.check("FS-ACTIVE-0001", product_id=8)
print(f"FaxStore: {verdict.outcome} ({verdict.vendor_code})")
try:
    store.check("FS-DISABLED-0001", product_id=8).raise_for_outcome()
except licensekit.LicenseRefused as refused:
    print(f"FaxStore: refused, {refused.outcome}: {refused.verdict.message}")
except licensekit.LicenseCheckFailed as failed:
    print(f"FaxStore: could not check ({failed.outcome}); allow an offline grace period")
print(f"hardware id: {licensekit.hardware_id(product='8')}")
# -----------------------------------------------------------------------------------------


async def framecad() -> licensekit.Verdict:
    """The async form, as an asyncio application would use it."""
    cad = licensekit.FrameCad(url, client_key="3D9AACA84BEC559A")
    return await cad.validate_async("ACTV-0000-0000-0001", machine_key="MACHINE-A-0001")


cad = asyncio.run(framecad())
print(f"frameCAD: {cad.outcome} (server time {cad.server_time})")
sys.exit(0 if verdict.ok and cad.ok else 1)
