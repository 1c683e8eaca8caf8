"""The *_async forms: awaitable from asyncio, same verdicts, and the event loop keeps running
while a call waits."""

from __future__ import annotations

import asyncio
import inspect

import pytest

import licensekit
from licensekit import FaxStore, FrameCad, LicenseSpring, LicenseSpringManagement, Outcome

from conftest import Server


def test_every_operation_has_an_async_form_with_the_same_parameters() -> None:
    pairs = {
        licensekit.FaxStore: ["check", "check_multiple", "check_v1"],
        licensekit.LicenseSpring: ["activate", "check", "deactivate"],
        licensekit.LicenseSpringManagement: ["check"],
        licensekit.FrameCad: ["activate", "validate", "check", "status", "deactivate"],
    }
    for cls, ops in pairs.items():
        for op in ops:
            sync, twin = getattr(cls, op), getattr(cls, f"{op}_async")
            assert inspect.iscoroutinefunction(twin), (cls, op)
            assert inspect.signature(twin) == inspect.signature(sync)


def test_async_forms_of_every_family_return_the_same_verdicts(
    faxstore: FaxStore,
    licensespring: LicenseSpring,
    management: LicenseSpringManagement,
    framecad: FrameCad,
) -> None:
    async def main() -> list[Outcome]:
        verdicts = [
            await faxstore.check_async("FS-ACTIVE-0001", 8),
            await faxstore.check_multiple_async("FS-MAPONLY-0001", [8, 16]),
            await faxstore.check_v1_async("FS-ACTIVE-0001", 8),
            await licensespring.activate_async("TP", license_key="LS-VALID-0001", hardware_id="py-async"),
            await licensespring.check_async("TP", license_key="LS-VALID-0001", hardware_id="py-async"),
            await licensespring.deactivate_async("TP", license_key="LS-VALID-0001", hardware_id="py-async"),
            await management.check_async("TP", license_key="LS-VALID-0001", hardware_id="demo-hwid-0001"),
            await framecad.activate_async("FREE-0000-0000-0001", machine_key="PY-ASYNC"),
            await framecad.validate_async("FREE-0000-0000-0001", machine_key="PY-ASYNC"),
            await framecad.check_async("FREE-0000-0000-0001", machine_key="PY-ASYNC"),
            await framecad.status_async("FREE-0000-0000-0001", machine_key="PY-ASYNC"),
            await framecad.deactivate_async("FREE-0000-0000-0001", machine_key="PY-ASYNC"),
        ]
        return [v.outcome for v in verdicts]

    assert asyncio.run(main()) == [Outcome.VALID] * 5 + [Outcome.DEACTIVATED] + [Outcome.VALID] * 5 + [
        Outcome.DEACTIVATED
    ]


def test_the_event_loop_keeps_running_while_an_async_check_waits(server: Server, faxstore: FaxStore) -> None:
    server.fault(path="/api/check/8", delay_ms=1500, times=1)

    async def main() -> tuple[int, Outcome]:
        ticks = 0
        task = asyncio.ensure_future(faxstore.check_async("FS-ACTIVE-0001", 8))
        while not task.done():
            ticks += 1
            await asyncio.sleep(0.01)
        return ticks, (await task).outcome

    ticks, outcome = asyncio.run(main())
    assert outcome is Outcome.VALID
    assert ticks > 1


def test_async_checks_run_concurrently_under_gather(faxstore: FaxStore) -> None:
    async def main() -> list[bool]:
        verdicts = await asyncio.gather(*(faxstore.check_async("FS-ACTIVE-0001", p) for p in (8, 16, 8, 16)))
        return [v.ok for v in verdicts]

    assert asyncio.run(main()) == [True] * 4


def test_async_forms_raise_bad_input_errors_when_awaited(faxstore: FaxStore) -> None:
    async def main() -> None:
        await faxstore.check_async(None, 8)  # type: ignore[arg-type]

    with pytest.raises(TypeError):
        asyncio.run(main())
