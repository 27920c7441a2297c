"""``python -m comparisons bench``: time every row in each style (Lite where it has a form)
and the driver; summarise.

    python -m comparisons bench --db NAME --size N --out FILE.json

Runs ``comparisons/bench`` through pytest-benchmark (its JSON is kept as
``FILE.pytest-benchmark.json``), prints a table of ratios per backend and size (each
row named by its legacy call and id, a reason beside a ratio far from 1), and writes
the summary ``FILE.json`` and the chart ``FILE.svg``. pytest's own output is shown with
``--verbose``, or when the run fails. Exit 1 when a member returned a wrong result, 2
for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import NoReturn

from rich.console import Console

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
    parser = _Parser(prog="python -m comparisons bench",
                     description=(__doc__ or "").replace("``", ""),
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
    parser.add_argument("--verbose", action="store_true",
                        help="show pytest's own output (its progress and "
                             "pytest-benchmark's tables) before the summary")
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


@contextmanager
def quiet(enabled: bool) -> Iterator[list[str]]:
    """Standard output and error into a file, at the descriptors (pytest writes to both)
    and as ``sys.stdout``/``sys.stderr``; what they received is in the list yielded once
    the block ends (nothing, when not ``enabled``)."""
    said: list[str] = []
    if not enabled:
        yield said
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kept:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        try:
            os.dup2(kept.fileno(), 1)
            os.dup2(kept.fileno(), 2)
            with redirect_stdout(kept), redirect_stderr(kept):  # where sys.std* are not fds
                yield said
        finally:
            kept.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            kept.seek(0)
            said.append(kept.read())


def run(dburis: list[str], sizes: list[int], saved: Path, verbose: bool = False) -> int:
    """pytest-benchmark over the benchmarks, enabled, in run order; its exit code.

    Its output is kept out of the terminal unless ``verbose``, or unless it failed:
    then it is printed to standard error, as it explains the failure."""
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
    with quiet(not verbose) as said:
        status = int(pytest.main(args))
    if status != 0:
        sys.stderr.write("".join(said))
    return status


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
    status = run([b.url.render_as_string(hide_password=False) for b in backends], sizes, saved,
                 verbose=args.verbose)
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
    console = Console(width=shutil.get_terminal_size((80, 24)).columns, highlight=False)
    show(found, console)
    out.write_text(json.dumps(summary(found, loaded.get("versions", {})), indent=2) + "\n",
                   encoding="utf-8")
    out.with_suffix(".svg").write_text(chart(found), encoding="utf-8")
    console.print(f"wrote {out}, {out.with_suffix('.svg')} (from {saved})", overflow="fold")
    return 0 if status == 0 and all(r.correct for r in found) else 1
