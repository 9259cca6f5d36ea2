"""TCP ports for test servers that no other test process is ever given.

Usage::

    from tests.support.ports import free_port

    port = free_port()   # start a server on 127.0.0.1:port, now or later, as often as needed;
                         # or leave it closed: "http://127.0.0.1:{port}" has nobody there

Why not bind port 0, close the socket and return the number: until the server binds it,
the kernel may give the same number to another pytest-xdist worker's ``bind(0)`` (or to
any outgoing connection's local end), so two servers fight over it, or an address meant
to have "nobody there" answers with another test's server. PostgreSQL cannot bind port 0
and report it, and a server killed and started again on the same port (a power cut)
leaves the port free in between, so "let the server bind 0" is no answer either.

How: the ports just below Linux's ephemeral range (``ip_local_port_range``, from 32768
by default; above it when it starts too low) are never handed out by the kernel for ``bind(0)`` or a connection. They are
cut into blocks of ``BLOCK`` ports. Each process that asks for a port (each xdist
worker, a screenshot script, another checkout's test run on the same machine) takes the
first block whose lock file (``/tmp/harmony-test-ports/block-N.lock``) it can lock and
holds it until it exits; the kernel drops the lock when the process dies, even by
``kill -9``. Within its block a process hands the ports out in turn, skipping any that
something already uses, so no two servers of the machine's test runs are given one port
and a port left closed stays closed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from pathlib import Path

#: Ports per process: one process hands out this many before it starts again from the
#: first (a port still in use then is skipped).
BLOCK = 250
#: How many blocks lie below the ephemeral range: at most this many processes at once.
BLOCKS = 40
#: Where the lock files are: shared by every user of the machine, as its ports are.
LOCK_DIR = Path("/tmp/harmony-test-ports")


def ephemeral_range() -> tuple[int, int]:
    """The first and last port the kernel hands out for ``bind(0)`` and connections."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def first_port() -> int:
    """Where the blocks begin: below the ephemeral range, or above it if it starts low."""
    low, high = ephemeral_range()
    if low - BLOCK * BLOCKS >= 1024:
        return low - BLOCK * BLOCKS
    if high + BLOCK * BLOCKS <= 65535:
        return high + 1
    raise RuntimeError(f"no room for test ports beside the ephemeral range {low}-{high}")


class _Block:
    """This process's block of ports and its lock (held while the file stays open)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        LOCK_DIR.mkdir(exist_ok=True)
        with contextlib.suppress(PermissionError):  # another user made it, open to all
            LOCK_DIR.chmod(0o1777)  # other users' test runs lock blocks here too
        first = first_port()
        for number in range(BLOCKS):
            path = LOCK_DIR / f"block-{number}.lock"
            fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)  # flock needs no writing
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.fd = fd  # kept open (never inherited by a child program): the lock
            self.start = first + number * BLOCK
            self.next = 0
            return
        raise RuntimeError(f"all {BLOCKS} blocks of test ports are taken ({LOCK_DIR})")

    def take(self) -> int:
        """The block's next port nothing on 127.0.0.1 uses now."""
        for _ in range(BLOCK):
            port = self.start + self.next
            self.next = (self.next + 1) % BLOCK
            if _unused(port):
                return port
        raise RuntimeError(f"every port from {self.start} to {self.start + BLOCK - 1} is in use")


def _unused(port: int) -> bool:
    """True when nothing (a listener, a connection, a closing one) holds ``port``."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


_block: _Block | None = None


def free_port() -> int:
    """A port on 127.0.0.1 for this process alone: free now, and never given to another
    test process, so a server may bind it later (and again after a restart)."""
    global _block
    if _block is None or _block.pid != os.getpid():  # a forked child takes its own block
        _block = _Block()
    return _block.take()
