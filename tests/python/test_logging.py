"""Rust log records reach Python's logging under the `licensekit` logger, keys masked."""

from __future__ import annotations

import logging

import pytest

import licensekit

from conftest import Server


def test_retries_are_logged_under_the_licensekit_logger(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    server.fault(path="/api/check/8", status=503, times=1)
    with caplog.at_level(logging.DEBUG, logger="licensekit"):
        v = licensekit.FaxStore(server.url, retries=1, initial_backoff=0.01).check("FS-ACTIVE-0001", 8)
    assert v.ok and v.attempts == 2
    ours = [r for r in caplog.records if r.name.startswith("licensekit.")]
    assert ours, [r.name for r in caplog.records]
    messages = [r.getMessage() for r in ours]
    assert any("retrying" in m and r.levelno == logging.INFO for m, r in zip(messages, ours)), messages
    assert any("attempt 2" in m and r.levelno == logging.DEBUG for m, r in zip(messages, ours)), messages
    assert all("FS-ACTIVE-0001" not in m for m in messages)


def test_the_licensekit_logger_level_silences_the_records(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="licensekit"):
        assert licensekit.FaxStore(server.url, retries=0).check("FS-ACTIVE-0001", 8).ok
    assert not [r for r in caplog.records if r.name.startswith("licensekit.")]
