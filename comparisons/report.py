"""The report: every catalog row run on every selected backend, as one JSON-ready object.

Its shape is documented in the README ("JSON"); the document and the terminal table
are rendered from it.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Iterable
from importlib.metadata import version
from typing import Any

import sqlalchemy

from comparisons.backends import Backend
from comparisons.catalog import ROWS
from comparisons.lab import Lab, open_lab
from comparisons.rows import TARGETS, Outcome, Row, run

PACKAGES = ("flask", "flask-sqlalchemy", "sqlalchemy")
#: Comments for tools, not readers: stripped from the code the report shows.
TOOL_COMMENT = re.compile(r"\s*#\s*(type:\s*ignore|noqa|pragma)\b.*$")

Runner = Callable[[Row, str], Outcome]


def sqlalchemy_minor() -> str:
    """``"2.0"`` or ``"2.1"``: the version the catalog's ``On(sqlalchemy=...)`` deltas name."""
    return ".".join(sqlalchemy.__version__.split(".")[:2])


def source(target: Any) -> str:
    """The code a side really runs: a function's body without its docstring.

    A models module stands for its ``Person`` class; a target that is neither a
    function, a class nor a module names the code it stands for as ``__wrapped__``.
    """
    target = getattr(target, "__wrapped__", target)
    target = getattr(target, "Person", target)
    text = textwrap.dedent(inspect.getsource(target))
    node = ast.parse(text).body[0]
    if isinstance(node, ast.FunctionDef):
        body = node.body[1:] if ast.get_docstring(node) else node.body
        lines = text.splitlines()[body[0].lineno - 1: body[-1].end_lineno]
        text = textwrap.dedent("\n".join(lines))
    return "\n".join(TOOL_COMMENT.sub("", line) for line in text.strip("\n").splitlines())


def row_verdicts(lab: Lab, row: Row, outcome: Runner | None = None) -> dict[str, Any]:
    """One backend's verdicts on ``row``: per variant, the verdict, aspects, differences.

    ``outcome`` runs a variant; the tests pass one that reuses their own runs.
    """
    outcome = outcome or (lambda row, key: run(lab, row, key))
    found: dict[str, Any] = {}
    for variant in row.variants:
        result = outcome(row, variant.key)
        found[variant.key] = {
            "verdict": result.verdict,
            "aspects": dict(result.aspects),
            "differences": [d.sentence() for d in result.differences],
            "why": variant.why,
        }
    if row.claim is not None:
        holds, explanation = row.claim.check(lab)
        found["claim"] = {"text": row.claim.text, "holds": holds, "explanation": explanation}
    return found


def row_sql(lab: Lab, row: Row, outcome: Runner) -> dict[str, list[str]]:
    """The statements each side sent in the row's first case (for the reader)."""
    first = row.cases[0].name
    sql = {"legacy": [s.sql for s in outcome(row, row.variants[0].key).legacy[first].statements]}
    for variant in row.variants:
        sql[variant.key] = [s.sql for s in outcome(row, variant.key).modern[first].statements]
    return sql


def build(backends: Iterable[Backend], rows: Iterable[Row] = ROWS) -> dict[str, Any]:
    """The whole report as one JSON-ready object."""
    backends, rows = list(backends), list(rows)
    verdicts: dict[str, dict[str, Any]] = {row.id: {} for row in rows}
    sql: dict[str, dict[str, Any]] = {row.id: {} for row in rows}
    for backend in backends:
        with open_lab(backend) as lab:
            for row in rows:
                cache: dict[str, Outcome] = {}

                def outcome(row: Row, key: str, cache: dict[str, Outcome] = cache) -> Outcome:
                    if key not in cache:
                        cache[key] = run(lab, row, key)
                    return cache[key]

                verdicts[row.id][backend.name] = row_verdicts(lab, row, outcome)
                sql[row.id][backend.name] = row_sql(lab, row, outcome)
    return {
        "versions": {name: version(name) for name in PACKAGES},
        "backends": [b.name for b in backends],
        "targets": dict(TARGETS),
        "rows": [row_json(row, verdicts[row.id], sql[row.id]) for row in rows],
    }


def row_json(row: Row, verdicts: dict[str, Any], sql: dict[str, Any]) -> dict[str, Any]:
    keys = [v.key for v in row.variants]
    return {
        "id": row.id,
        "section": row.section,
        "title": row.title,
        "document": row.document,
        "source": dict(row.source),
        "legacy": source(row.legacy.target),
        "variants": {v.key: source(v.side.target) for v in row.variants},
        "targets": {v.key: v.target for v in row.variants},
        "recommended": "recommended" if "recommended" in keys else keys[0],
        "verdicts": verdicts,
        "sql": sql,
    }
