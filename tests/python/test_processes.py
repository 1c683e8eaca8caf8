"""One client shared by many threads, and a client that crosses fork()."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import licensekit
from licensekit import FaxStore, Outcome

from conftest import Server


def test_one_client_serves_many_threads_at_once(faxstore: FaxStore) -> None:
    keys = ["FS-ACTIVE-0001", "FS-DISABLED-0001", "FS-UNKNOWN-0001", "FS-INACTIVE-0001"] * 25
    expected = {
        "FS-ACTIVE-0001": Outcome.VALID,
        "FS-DISABLED-0001": Outcome.KEY_DISABLED,
        "FS-UNKNOWN-0001": Outcome.KEY_NOT_FOUND,
        "FS-INACTIVE-0001": Outcome.KEY_INACTIVE,
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda k: faxstore.check(k, 8).outcome, keys))
    assert outcomes == [expected[k] for k in keys]


def check_in_child(store: FaxStore, results: multiprocessing.queues.Queue[str]) -> None:
    results.put(str(store.check("FS-ACTIVE-0001", 8).outcome))


@pytest.mark.skipif(sys.platform != "linux", reason="fork() is the Linux default start method")
# Forking a process that has threads (the client's I/O thread among them) is the very case
# under test; Python 3.12+ warns about it in general.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_client_used_before_fork_works_in_the_child(server: Server) -> None:
    store = licensekit.FaxStore(server.url, retries=0, timeout=10)
    assert store.check("FS-ACTIVE-0001", 8).ok  # the parent's connection pool is live
    ctx = multiprocessing.get_context("fork")
    results: multiprocessing.queues.Queue[str] = ctx.Queue()
    child = ctx.Process(target=check_in_child, args=(store, results))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert results.get(timeout=5) == "VALID"
    assert store.check("FS-ACTIVE-0001", 8).ok  # and the parent's client still works
