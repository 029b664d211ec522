"""Shared fixtures. Every test runs with a guard that refuses any non-loopback connection.

The shared data (MEANTIME, ECB+) is found by tests/shared_data.py only.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import shared_data
from tests.fake_endpoint import FakeEndpoint


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
    else:
        return True  # Unix sockets and the like stay on this machine.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> None:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach {address!r}")
        real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture
def fake_endpoint() -> Iterator[FakeEndpoint]:
    with FakeEndpoint() as endpoint:
        yield endpoint


@pytest.fixture
def meantime_dir() -> Path:
    """MEANTIME (``data/meantime``): skips without it, fails when ``CI`` is set."""
    return shared_data.meantime()


@pytest.fixture
def ecbplus_dir() -> Path:
    """ECB+ (``data/ecbplus``): skips without it, fails when ``CI`` is set."""
    return shared_data.ecbplus()
