"""``python -m comparisons``: run every row and write the migration reference.

Prints each row's legacy call and id, then its verdicts (``--details`` or ``--row ID``:
rows in full), within the terminal's width (``$COLUMNS``; 80 when piped), and writes a
folder (``--out``, default ``comparisons-report/``) with ``index.html``, ``report.md``
and ``report.json``. ``--json`` prints the report object and nothing else.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from comparisons import document
from comparisons.bench import results as bench
from comparisons.catalog import BY_ID, ROWS, STYLES
from comparisons.databases.backends import ALL, ENV_VAR, BackendError, selected_backends
from comparisons.document import chains, folder, table, view
from comparisons.document.report import build, observed
from comparisons.translate import table as step_table

#: ``python -m comparisons NAME ...`` hands the rest of the line to that module's
#: ``main(argv) -> int``. A subcommand is one entry here.
SUBCOMMANDS: dict[str, str] = {"merge": "comparisons.document.merge",
                               "bench": "comparisons.bench.command",
                               "clean": "comparisons.databases.cleanup",
                               "translate": "comparisons.translate.command",
                               "scan": "comparisons.scan.command"}


class UsageError(Exception):
    """Bad input on the command line; the message is one line for the user."""


def plain(doc: str | None) -> str:
    """A docstring as ``--help`` shows it: without reST's double backticks."""
    return (doc or "").replace("``", "")


def parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  python -m comparisons {name} --help"
                         for name in sorted(SUBCOMMANDS))
    p = argparse.ArgumentParser(prog="python -m comparisons", description=plain(__doc__),
                                epilog=f"subcommands:\n{commands}",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", action="append", default=[], metavar="NAME",
                   help=f"backend(s): {', '.join(ALL)}, all, a comma list, or a URL "
                        f"(default: ${ENV_VAR}, else sqlite)")
    p.add_argument("--dburi", action="append", default=[], metavar="URL",
                   help="a database URL (repeatable)")
    p.add_argument("--json", action="store_true",
                   help="print the report object (the folder is still written)")
    p.add_argument("--details", action="store_true", help="print every row in full")
    p.add_argument("--row", metavar="ID",
                   help="run one row and print it in full (writes no folder)")
    p.add_argument("--observed", action="store_true",
                   help="with --row: print every observation of both sides in full, as JSON")
    p.add_argument("--out", type=Path, default=folder.DEFAULT, metavar="DIR",
                   help=f"the report folder (default: {folder.DEFAULT}/)")
    p.add_argument("--bench", type=Path, metavar="FILE",
                   help="a benchmark summary (python -m comparisons bench) to show beside rows")
    p.add_argument("--chains", action="append", type=Path, default=[], metavar="FILE",
                   help="chain counts (pytest --chain-stats FILE) to show per step and per "
                        "pair of steps; repeatable: several files are added up")
    p.add_argument("--from", dest="source", type=Path, metavar="FILE",
                   help="render a saved report.json (for example a merged one) "
                        "instead of running the rows")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        return int(importlib.import_module(SUBCOMMANDS[argv[0]]).main(argv[1:]))
    args = parser().parse_args(argv)
    try:
        return run(args)
    except (UsageError, BackendError, folder.OutError, bench.BenchError,
            chains.ChainsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    saved = _saved(args.source) if args.source else None
    known = [row["id"] for row in saved["rows"]] if saved else list(BY_ID)
    if args.row is not None and args.row not in known:
        nearest = difflib.get_close_matches(args.row, known, n=3, cutoff=0.4)
        hint = f"did you mean {', '.join(nearest)}?" if nearest else \
            "python -m comparisons lists the row ids"
        raise UsageError(f"unknown row {args.row!r}: {hint}")
    if args.observed:
        if args.row is None or saved is not None:
            raise UsageError("--observed takes a --row to run (not --from)")
        found = observed(selected_backends(args.db, args.dburi), BY_ID[args.row], STYLES)
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=1) + "\n")
        return 0
    if args.row is None:
        folder.check(args.out)  # before any row runs: a bad --out must not cost a run
    results = bench.load(args.bench) if args.bench else None
    counted = chains.load(args.chains) if args.chains else None
    console = Console(soft_wrap=True, width=table.width())
    if saved is not None:
        report = saved
    else:
        backends = selected_backends(args.db, args.dburi)
        rows = [BY_ID[args.row]] if args.row else list(ROWS)
        with _progress(console, enabled=console.is_terminal and not args.json,
                       total=len(backends) * len(rows)) as step:
            report = build(backends, rows, STYLES, progress=step)
    # The table of steps, as plain values (the document may not import translate); a
    # saved report keeps its own, one saved before the steps were gets this code's.
    report = {**report, "steps": report.get("steps", step_table.as_json())}
    shown = view.build(report)
    # Rendered before anything is printed: a failure cannot follow a summary.
    files = None if args.row else document.files(report, results, counted)
    if args.json:
        sys.stdout.write(document.as_json(report))
    elif args.row:
        table.details(shown, [args.row], console)
    elif args.details:
        table.details(shown, [row.id for row in shown.rows], console)
    else:
        table.summary(shown, console, counted)
    if files is not None:
        folder.write(args.out, files)
        if not args.json:
            table.note(console, f"report: {args.out / 'index.html'} "
                                "(also report.md, report.json)")
    return 0


def _saved(path: Path) -> dict[str, Any]:
    try:
        report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        view.build(report)
    except OSError as error:
        raise UsageError(f"--from {path}: {error.strerror}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise UsageError(f"--from {path}: not a report.json ({error!r})") from None
    return report


@contextmanager
def _progress(console: Console, enabled: bool,
              total: int) -> Iterator[Callable[[str, str], None] | None]:
    """A bar that advances as each row starts, on a terminal only (else nothing)."""
    if not enabled:
        yield None
        return
    columns = (TextColumn("{task.description:<48}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=total)

        def step(backend: str, row_id: str) -> None:
            bar.update(task, advance=1, description=f"{backend}: {row_id}")

        yield step


if __name__ == "__main__":
    sys.exit(main())
