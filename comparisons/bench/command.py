"""``python -m comparisons bench``: time every row in both styles and the driver; summarise.

    python -m comparisons bench --db NAME --size N --out FILE.json

Runs ``comparisons/benchmarks`` through pytest-benchmark (its JSON is kept as
``FILE.pytest-benchmark.json``), prints a table of ratios per backend and size, and
writes the summary ``FILE.json`` and the chart ``FILE.svg``. Exit 1 when a member
returned a wrong result, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from comparisons.bench.chart import chart
from comparisons.bench.data import DEFAULT_SIZES, SizeError, parse_sizes
from comparisons.bench.summary import SummaryError, results, show, summary
from comparisons.databases.backends import ALL, BackendError, selected_backends
from comparisons.databases.namespaces import namespace

BENCHMARKS = Path(__file__).parent  # this folder: the benchmarks, run by pytest


class BadInput(ValueError):
    """Input the command cannot use; the message is one line for the user."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, not argparse's usage block: the same as every other bad input."""
        self.exit(2, f"error: {message} (see python -m comparisons bench --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m comparisons bench", description=__doc__,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", action="append", default=[], metavar="NAME",
                        help=f"backend(s): {', '.join(ALL)}, all, a comma list, or a URL "
                             "(default: $COMPARISONS_DB, else sqlite)")
    parser.add_argument("--size", action="append", default=[], metavar="N",
                        help="table size(s) in rows, e.g. 100 or 100,10000 "
                             f"(default: {','.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--out", required=True, metavar="FILE.json",
                        help="where to write the summary (FILE.svg and "
                             "FILE.pytest-benchmark.json go beside it)")
    parser.add_argument("--from", dest="saved", metavar="SAVED.json",
                        help="summarise this pytest-benchmark JSON instead of running")
    return parser


def writable(path: Path) -> Path:
    """``path`` if a file can be written there; else a one-line reason."""
    if path.is_dir():
        raise BadInput(f"--out {path} is a folder: give a file name such as bench.json")
    if not path.parent.is_dir():
        raise BadInput(f"--out {path}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise BadInput(f"--out {path}: not writable")
    return path


def run(dburis: list[str], sizes: list[int], saved: Path) -> int:
    """pytest-benchmark over the benchmarks, enabled, in run order; its exit code."""
    try:
        import pytest
    except ModuleNotFoundError:
        raise BadInput("pytest is not installed (pip install -e '.[test]')") from None
    if not (BENCHMARKS.parent.parent / "conftest.py").exists():  # it selects the backends
        raise BadInput("the benchmarks run from a source checkout (pip install -e .)")
    args = [str(BENCHMARKS), "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
            "--benchmark-enable", "--benchmark-json", str(saved), "--benchmark-sort=name",
            "--benchmark-columns=median,iqr,rounds", "--size", ",".join(map(str, sizes))]
    for uri in dburis:
        args += ["--dburi", uri]
    return int(pytest.main(args))


def measure(args: argparse.Namespace, out: Path) -> tuple[Path, int]:
    """Run the benchmarks unless ``--from`` names a saved run; the JSON and pytest's status."""
    if args.saved:
        return Path(args.saved), 0
    sizes = parse_sizes(args.size or [",".join(map(str, DEFAULT_SIZES))])
    backends = selected_backends(args.db)
    for backend in backends:  # unreachable or driverless: one line, before any run
        with namespace(backend, "probe"):
            pass
    saved = out.with_suffix(".pytest-benchmark.json")
    status = run([b.url.render_as_string(hide_password=False) for b in backends], sizes, saved)
    if status not in (0, 1):
        raise BadInput(f"the benchmark run stopped (pytest exit code {status})")
    return saved, status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    status = 0
    try:
        out = writable(Path(args.out))
        saved, status = measure(args, out)
        try:
            loaded = json.loads(saved.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise BadInput(f"cannot read {saved}: {error}") from None
        found = results(loaded)
    except (BadInput, BackendError, SizeError, SummaryError) as error:
        if status and isinstance(error, SummaryError):  # pytest said why, above
            print(f"error: some benchmarks failed before being timed ({error})",
                  file=sys.stderr)
            return 1
        print(f"error: {error}", file=sys.stderr)
        return 2
    show(found)
    out.write_text(json.dumps(summary(found, loaded.get("versions", {})), indent=2) + "\n",
                   encoding="utf-8")
    out.with_suffix(".svg").write_text(chart(found), encoding="utf-8")
    print(f"wrote {out}, {out.with_suffix('.svg')} (from {saved})")
    return 0 if status == 0 and all(r.correct for r in found) else 1
