"""Who created a namespace, and whether the run that created it is still alive.

Every namespace the suite creates is named ``comparisons_<label>_<host>_<pid>_<token>``:
``host`` is a short hash of this machine's name and ``pid`` the process that created
it. A name whose host is this machine and whose process has ended is a leftover of a
dead run (SIGKILL, a crash) and may be dropped; a live process's names never are.
Runs on other machines cannot be checked by PID: there, the server says, through the
lease each run holds while it lives (:mod:`comparisons.databases.namespaces`).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
from dataclasses import dataclass

PREFIX = "comparisons_"

#: This machine, as it appears in names: short enough for PostgreSQL's 63 characters.
HOST = hashlib.sha1(socket.gethostname().encode()).hexdigest()[:6]

#: Exactly the names ``new_name`` writes: ``\Z``, not ``$``, which also matches before a
#: trailing newline; a PID as ``str(pid)`` writes it, without a leading zero.
_NAME = re.compile(
    rf"^{PREFIX}(?P<label>[a-z0-9]{{1,12}})_(?P<host>[0-9a-f]{{6}})_(?P<pid>[1-9][0-9]{{0,9}})"
    r"_[0-9a-f]{6}\Z"
)


@dataclass(frozen=True)
class Owner:
    """The process that created a namespace: its machine and its PID."""

    host: str
    pid: int

    @property
    def here(self) -> bool:
        return self.host == HOST

    @property
    def is_me(self) -> bool:
        return self.here and self.pid == os.getpid()

    @property
    def lease(self) -> str:
        """The lock this owner holds on a server while it runs (at most 64 characters)."""
        return f"{PREFIX}lease_{self.host}_{self.pid}"

    def describe(self) -> str:
        return f"pid {self.pid} on {'this host' if self.here else f'host {self.host}'}"


def me() -> Owner:
    return Owner(HOST, os.getpid())


def new_name(label: str) -> str:
    """A namespace name that no other run uses and that says who made it.

    The label is kept to lower-case letters and digits: it ends up unquoted in file
    names and, quoted, in DDL.
    """
    word = re.sub(r"[^a-z0-9]", "", label.lower())[:12] or "ns"
    return f"{PREFIX}{word}_{HOST}_{os.getpid()}_{secrets.token_hex(3)}"


def owner_of(name: str) -> Owner | None:
    """Who made ``name``, or None when the suite's naming does not account for it."""
    match = _NAME.match(name)
    return Owner(match["host"], int(match["pid"])) if match else None


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine.

    Anywhere but POSIX, every process counts as alive: on Windows ``os.kill`` would
    terminate it, and keeping a leftover is the safe mistake.
    """
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to another user
    return True
