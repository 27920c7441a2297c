"""Which files a scan reads, and reading them: every problem is a skip with its reason."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Folders never entered (a virtual environment is also known by its ``pyvenv.cfg``).
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "site-packages",
                          "__pycache__", ".venv", "venv", ".tox", ".nox", ".mypy_cache"})
#: Larger files are generated code, not an application's: skipped.
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class Source:
    """A file read: its path as shown (the argument joined with the path below it)."""

    path: str
    text: str


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class Missing(Exception):
    """A path on the command line does not exist; the message is one line."""


def candidates(arguments: list[str]) -> Iterator[str | Skipped]:
    """The ``.py`` paths below each argument, in order, or why one was not entered."""
    for argument in arguments:
        if not os.path.lexists(argument):
            raise Missing(f"{argument}: no such file or directory")
        if not os.path.isdir(argument):
            yield argument
            continue
        seen: set[tuple[int, int]] = set()
        for top, dirs, names in os.walk(argument, followlinks=True, onerror=None):
            stat = os.stat(top)
            if (stat.st_dev, stat.st_ino) in seen:
                dirs[:] = []
                yield Skipped(top, "a symlink loop: this folder was already scanned")
                continue
            seen.add((stat.st_dev, stat.st_ino))
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS
                             and not os.path.exists(os.path.join(top, d, "pyvenv.cfg")))
            for name in sorted(names):
                if name.endswith(".py"):
                    yield os.path.join(top, name)


def read(path: str) -> Source | Skipped:
    """The file's text, or why it cannot be scanned."""
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return Skipped(path, f"larger than {MAX_BYTES:,} bytes ({size:,}): "
                                 "generated code is not scanned")
        data = Path(path).read_bytes()
    except OSError as error:
        return Skipped(path, error.strerror or str(error))
    if b"\0" in data:
        return Skipped(path, "a binary file, not Python source")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Skipped(path, f"not UTF-8 (byte {error.start})")
    return Source(path, text)
