"""``python -m comparisons scan PATH... [--json] [--diff] [--out DIR]``: an
application's legacy call sites, each with its proven replacement.

Python files are read and parsed, never imported or executed. Each site is printed
with its replacement (``comparisons.translate``), verdict and steps, or the reason it
has none; then a summary. ``--json`` prints {"sites", "skipped", "summary"}. ``--diff``
prints a unified diff of the replacements declared identical or drop-in (with the
imports they need) and writes nothing. ``--out DIR`` also writes the sites as a page,
``DIR/index.html``, grouped by shape and linked to the reference (``--reference``), with
``DIR/sites.json`` beside it. A file that cannot be read (a syntax error,
not UTF-8, binary, larger than 1 MB, a symlink loop) is skipped with its reason;
``.git``, virtual environments, site-packages and node_modules are not entered.
Exit status: 0; 2 for a missing path, bad options, an --out that cannot be written, or
nothing readable.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comparisons.catalog import ROWS
from comparisons.document.folder import OutError, check
from comparisons.scan import page, patch
from comparisons.scan.files import Missing, Skipped, Source, candidates, read
from comparisons.scan.project import Module, learn
from comparisons.scan.sites import Site, read_sites

#: Verdicts ``--diff`` applies: nothing a caller can observe changes but SQL text.
SAFE = ("identical", "drop-in")
UNTRANSLATED = "not translated"


@dataclass
class Result:
    sites: list[Site] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    modules: list[Module] = field(default_factory=list)
    #: Each Flask-SQLAlchemy object's name -> the module defining it.
    dbs: dict[str, str | None] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        verdicts = Counter(s.verdict or UNTRANSLATED for s in self.sites)
        reasons = Counter(_reason_key(s) for s in self.sites if s.replacement is None)
        unproven = sum(1 for s in self.sites if s.replacement is not None and not s.proven)
        return {"files": len(self.sources), "sites": len(self.sites),
                "by_kind": dict(Counter(s.kind for s in self.sites).most_common()),
                "by_verdict": dict(verdicts.most_common()),
                "shapes": dict(Counter(s.shape for s in self.sites).most_common(10)),
                "files_with_most": dict(Counter(s.path for s in self.sites).most_common(10)),
                "not_translated": dict(reasons.most_common()),
                "translated_not_proven": unproven,
                "skipped": len(self.skipped)}

    def to_json(self) -> dict[str, Any]:
        return {"sites": [s.to_json() for s in self.sites],
                "skipped": [s.to_json() for s in self.skipped],
                "summary": self.summary()}


def _reason_key(site: Site) -> str:
    """The reason, without the site's own names where it has them: a summary line."""
    reason = site.reason or ""
    if site.kind == "dynamic":  # the relationship named, then why
        why = reason.split(" relationship: ", 1)[-1]
        return f"a call on a lazy='dynamic' relationship: {why.split(' (')[0][:100]}"
    if site.kind == "model":
        return f"{site.shape}: {reason.split(':', 1)[0]}"
    if reason.startswith("a Query stored in"):
        return "a stored Query whose uses cannot all be translated"
    if "escapes" in reason:
        return "the Query escapes into code that expects a Query"
    return reason.split(" (")[0][:120]


def scan(paths: Sequence[str]) -> Result:
    """Every site of every readable Python file below ``paths``. Raises
    :class:`files.Missing` for a path that does not exist."""
    result = Result()
    for found in candidates(list(paths)):
        if isinstance(found, Skipped):
            result.skipped.append(found)
            continue
        if found in result.sources:
            continue
        source = read(found)
        if isinstance(source, Skipped):
            result.skipped.append(source)
            continue
        try:
            tree = ast.parse(source.text, filename=found)
        except SyntaxError as error:
            hint = " (Python 2 code?)" if _python2(source.text) else ""
            result.skipped.append(Skipped(found, f"a syntax error at line {error.lineno}: "
                                                 f"{error.msg}{hint}"))
            continue
        except (ValueError, RecursionError, MemoryError) as error:
            result.skipped.append(Skipped(found, f"not parsed: {error}"))
            continue
        result.sources[found] = source
        result.modules.append(Module(found, source.text, tree))
    project = learn(result.modules)
    result.dbs = project.dbs
    for module in result.modules:
        try:
            result.sites.extend(read_sites(module, project))
        except RecursionError:
            result.skipped.append(Skipped(module.path, "nested too deeply to read"))
    return result


PYTHON2 = re.compile(r"^\s*(print\s+[^\s(=]|exec\s+[\"']|except\s+\w+\s*,\s*\w+\s*:)",
                     re.MULTILINE)


def _python2(text: str) -> bool:
    return PYTHON2.search(text) is not None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m comparisons scan", description=__doc__.replace("``", ""),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="a Python file or a folder")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the sites as JSON")
    mode.add_argument("--diff", action="store_true",
                      help="print a unified diff of the identical and drop-in replacements "
                           "(writes nothing)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="also write the sites as a page: DIR/index.html and DIR/sites.json")
    p.add_argument("--reference", default=page.REFERENCE, metavar="URL",
                   help=f"where the page links to the reference's rows (default: "
                        f"{page.REFERENCE}, the report folder beside DIR)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    problem = None if args.out is None else out_problem(args.out)
    if problem is not None:  # before the scan: a bad --out must not cost one
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        result = scan(args.paths)
    except Missing as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not result.sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in result.skipped[:3])
        print(f"error: no Python file could be read{': ' + reasons if reasons else ''}",
              file=sys.stderr)
        return 2
    problem = None if args.out is None else write_page(args.out, result, args.paths,
                                                       args.reference)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
    elif args.diff:
        sys.stdout.write(patch.diff(result.sites, result.sources, SAFE, result.dbs))
    else:
        sys.stdout.write(shown(result))
    return 0


def out_problem(out: Path) -> str | None:
    """Why ``--out`` cannot be written (one line), else None."""
    try:
        check(out, page.FILES)
    except OutError as error:
        return str(error)
    return None


def write_page(out: Path, result: Result, paths: list[str], reference: str) -> str | None:
    """Write the page of ``--out``, naming the catalog's rows by their titles; why it
    could not be written, else None."""
    try:
        page.write_page(out, result.to_json(), result.sites, paths,
                        {row.id: row.title for row in ROWS}, reference)
    except OutError as error:
        return str(error)
    return None


def shown(result: Result) -> str:
    """The sites, then the summary, as plain lines."""
    lines: list[str] = []
    for site in result.sites:
        legacy = " ".join(site.legacy.split())
        legacy = legacy if len(legacy) <= 160 else legacy[:160] + "..."
        lines.append(f"{site.path}:{site.line}:{site.column}: {site.shape}: {legacy}")
        if site.replacement is None:
            lines.append(f"  no replacement: {site.reason}")
            continue
        lines.append(f"  replacement: {site.replacement}")
        lines.append(f"  verdict: {site.verdict}{' (proven)' if site.proven else ''}; "
                     f"steps: {', '.join(site.rows) or '-'}")
        lines.extend(f"  caller must: {change}" for change in site.caller_changes)
    for skipped in result.skipped:
        lines.append(f"skipped {skipped.path}: {skipped.reason}")
    summary = result.summary()
    lines += ["", f"{summary['sites']} sites in {summary['files']} files "
                  f"({summary['skipped']} skipped)"]
    for title, key in (("by verdict", "by_verdict"), ("commonest shapes", "shapes"),
                       ("files with most sites", "files_with_most"),
                       ("not translated, and why", "not_translated")):
        if summary[key]:
            lines.append(f"{title}:")
            lines.extend(f"  {count:5}  {name}" for name, count in summary[key].items())
    if summary["translated_not_proven"]:
        lines.append(f"translated but not proven: {summary['translated_not_proven']}")
    return "\n".join(lines) + "\n"
