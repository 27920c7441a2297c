"""The report folder, written whole or not at all.

Files are written to a temporary folder beside the target and moved into place, so an
interrupted or failed write leaves the previous report (or nothing), never half of one.
A folder that holds anything but report files is refused: it is not ours to replace.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

FILES = ("index.html", "report.md", "report.json")
DEFAULT = Path("comparisons-report")


class OutError(Exception):
    """The report folder cannot be written; the message is one line for the user."""


def check(out: Path, names: Iterable[str] = FILES) -> None:
    """Refuse ``out`` before any row runs, when the report could not be put there: a
    folder holding anything but ``names`` (the files a report of this kind writes)."""
    parent = out.absolute().parent
    if out.exists() and not out.is_dir():
        raise OutError(f"--out {out}: exists and is not a folder; give a folder to write to")
    if out.is_dir() and not set(os.listdir(out)) <= set(names):
        raise OutError(f"--out {out}: holds files that are not a report; "
                       "give a new folder, an empty one, or a previous report folder")
    if not parent.is_dir():
        raise OutError(f"--out {out}: {parent} is not an existing folder; create it first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutError(f"--out {out}: cannot write in {parent}; give a folder you can write to")


def write(out: Path, files: Mapping[str, str]) -> Path:
    """Put ``files`` (name -> text) in folder ``out``, replacing a previous report there
    (a folder holding only files of these names)."""
    check(out, files)
    parent = out.absolute().parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=parent))
    except OSError as error:
        raise OutError(f"--out {out}: cannot write in {parent}: {error.strerror}") from None
    try:
        staging.chmod(0o755)  # mkdtemp's 0700 would hide the report from other readers
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        _replace(staging, out)
    except OSError as error:
        raise OutError(f"--out {out}: writing the report failed: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _replace(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    old = out.absolute().parent / f".{out.name}-old-{secrets.token_hex(3)}"
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)  # put the previous report back
        raise
    shutil.rmtree(old, ignore_errors=True)
