"""``python -m comparisons translate EXPR... | -``: legacy Query expressions in, 2.x out.

Each expression is parsed, never executed (``comparisons.translate.core``). ``-`` reads
one expression a line from stdin (blank lines skipped). Exit status: 0 when every
expression was translated, 1 when some has no translation (the reason is printed), 2
for text that is not a Python expression or bad options (one line on stderr).
``--steps`` prints the table of steps as Markdown (legacy, 2.x, verdict) instead;
``--steps --readme README.md`` writes it into the README, between its markers.

No expression says which relationships are lazy="dynamic": --dynamic names them
(--dynamic Author.articles, repeatable, or a comma list), and a chain on an instance's
(author.articles.filter_by(title=t).all(), .count(), .paginate(...), .append(x),
iteration) is translated for WriteOnlyMapped: author.articles.select() run by the
session, db.paginate(author.articles.select(), ...), add() for append(); the caller
must declare the relationship WriteOnlyMapped[...].
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from comparisons.translate import table
from comparisons.translate.core import TARGETS, NotPython, Translation, dynamic_names, translate

LABELS = {"modern": "Flask-SQLAlchemy 3.1", "lite": "Flask-SQLAlchemy-Lite"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m comparisons translate", description=__doc__.replace("``", ""),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("expressions", nargs="*", metavar="EXPR",
                   help="a legacy Query expression, or - to read one a line from stdin")
    p.add_argument("--target", choices=TARGETS, default="modern",
                   help="modern: Flask-SQLAlchemy 3.1 (default); lite: Flask-SQLAlchemy-Lite")
    p.add_argument("--json", action="store_true", help="print a JSON array, one object each")
    p.add_argument("--steps", action="store_true",
                   help="print the table of steps as Markdown (no EXPR)")
    p.add_argument("--readme", type=Path, metavar="FILE",
                   help="with --steps: write the table into FILE between its markers")
    p.add_argument("--dynamic", action="append", default=[], metavar="MODEL.ATTR",
                   help="a lazy='dynamic' relationship (Author.articles, or articles): "
                        "calls on an instance's are translated for WriteOnlyMapped "
                        "(repeatable, or a comma list)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.steps or args.readme:
        if args.expressions or not args.steps:
            p.error("--steps takes no EXPR, and --readme needs --steps")
        return steps(args.readme)
    if not args.expressions:
        p.error("give a legacy Query expression (or -), or --steps")
    dynamic = [name for given in args.dynamic for name in given.split(",") if name.strip()]
    try:
        dynamic_names(dynamic)
    except ValueError as error:
        print(f"error: --dynamic: {error}", file=sys.stderr)
        return 2
    sources: list[str] = []
    for expression in args.expressions:
        if expression == "-":
            sources.extend(line for line in sys.stdin.read().splitlines() if line.strip())
        else:
            sources.append(expression)
    found: list[Translation] = []
    for number, source in enumerate(sources, 1):
        try:
            found.append(translate(source, args.target, dynamic))
        except NotPython as error:
            print(f"error: expression {number}: {error}", file=sys.stderr)
            return 2
    if args.json:
        sys.stdout.write(json.dumps([t.to_json() for t in found], ensure_ascii=False,
                                    indent=1) + "\n")
    else:
        for translation in found:
            sys.stdout.write(shown(translation, LABELS[args.target]))
    return 0 if all(t.translation is not None for t in found) else 1


def steps(readme: Path | None) -> int:
    """Print the table of steps, or write it into ``readme`` (exit 2, one line, where
    that file cannot be read, written, or has no markers)."""
    if readme is None:
        sys.stdout.write(table.markdown())
        return 0
    try:
        text = readme.read_text(encoding="utf-8")
        readme.write_text(table.readme_with_table(text, table.markdown()), encoding="utf-8")
    except OSError as error:
        print(f"error: --readme {readme}: {error.strerror}", file=sys.stderr)
        return 2
    except table.ReadmeError as error:
        print(f"error: --readme {readme}: {error}", file=sys.stderr)
        return 2
    return 0


def shown(t: Translation, label: str) -> str:
    """One translation as a few lines for a terminal."""
    legacy = t.legacy if len(t.legacy) <= 200 else t.legacy[:200] + "..."
    if t.translation is None:
        return f"{legacy}\n  no translation: {t.why}\n\n"
    lines = [legacy, f"  {label}: {t.translation}"]
    if t.imports:
        lines.append(f"  imports: {'; '.join(t.imports)}")
    lines.append(f"  verdict: {t.verdict}{' (proven)' if t.proven else ''}")
    lines.append(f"  steps: {', '.join(t.rows)}")
    lines.extend(f"  caller must: {change}" for change in t.caller_changes)
    return "\n".join(lines) + "\n\n"
