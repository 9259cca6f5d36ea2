"""The test servers' ports (tests/support/ports.py): never one the kernel hands out for
``bind(0)`` or a connection, never one another test process is given, never one in use."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ports
from tests.support.ports import BLOCK, BLOCKS, ephemeral_range, first_port, free_port

ROOT = Path(__file__).resolve().parents[1]

#: Another test process: takes three ports, says which, and holds its block until told.
_OTHER = """
import json, sys
from tests.support.ports import free_port
print(json.dumps([free_port() for _ in range(3)]), flush=True)
sys.stdin.readline()
"""


def block(port: int) -> int:
    """Which block of ports ``port`` is in."""
    return (port - first_port()) // BLOCK


def test_ports_lie_outside_the_range_the_kernel_hands_out() -> None:
    ports = [free_port() for _ in range(5)]
    low, high = ephemeral_range()
    assert not any(low <= port <= high for port in ports), ports
    assert len(set(ports)) == 5
    with socket.socket() as sock:  # what bind(0) gets is never among them
        sock.bind(("127.0.0.1", 0))
        assert low <= sock.getsockname()[1] <= high


def test_two_processes_at_once_are_given_different_blocks() -> None:
    mine = [free_port() for _ in range(3)]
    other = subprocess.Popen(
        [sys.executable, "-c", _OTHER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdin is not None
        theirs = json.loads(other.stdout.readline())
        other.stdin.write("\n")
        other.stdin.flush()
    finally:
        other.communicate(timeout=30)
    assert other.returncode == 0
    # Not only different ports: different blocks, however many more either takes.
    assert {block(port) for port in mine}.isdisjoint({block(port) for port in theirs})


def test_a_port_in_use_is_skipped() -> None:
    first = free_port()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", first + 1))  # the block's next port, if it is in the block
        busy.listen()
        taken = {free_port() for _ in range(BLOCK - 2)}
    assert first + 1 not in taken


def test_the_blocks_go_above_a_range_that_starts_too_low(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ports, "ephemeral_range", lambda: (32768, 60999))
    assert first_port() == 32768 - BLOCK * BLOCKS
    monkeypatch.setattr(ports, "ephemeral_range", lambda: (1024, 40000))
    assert first_port() == 40001
    monkeypatch.setattr(ports, "ephemeral_range", lambda: (1024, 65535))
    with pytest.raises(RuntimeError, match="no room"):
        first_port()
