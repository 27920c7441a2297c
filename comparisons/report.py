"""The verdicts: every catalog row run on every selected backend, as JSON or a table."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from importlib.metadata import version
from typing import Any

from comparisons.backends import Backend
from comparisons.catalog import ROWS
from comparisons.lab import Lab, open_lab
from comparisons.rows import VARIANTS, Outcome, Row, run
from comparisons.styles import DBS

PACKAGES = ("flask", "flask-sqlalchemy", "sqlalchemy")

Runner = Callable[[Row, str], Outcome]


def source(target: Any) -> str:
    """The code a side really runs: a function's body without its docstring.

    A models module stands for its ``Person`` class; a target that is neither a
    function, a class nor a module names the code it stands for as ``__wrapped__``.
    """
    target = getattr(target, "__wrapped__", target)
    target = getattr(target, "Person", target)
    text = textwrap.dedent(inspect.getsource(target))
    node = ast.parse(text).body[0]
    if not isinstance(node, ast.FunctionDef):
        return text.strip("\n")
    body = node.body[1:] if ast.get_docstring(node) else node.body
    lines = text.splitlines()[body[0].lineno - 1: body[-1].end_lineno]
    return textwrap.dedent("\n".join(lines))


def row_verdict(lab: Lab, row: Row, outcome: Runner | None = None) -> dict[str, Any]:
    """One backend's verdict on ``row``: per variant, and the differences found.

    ``outcome`` runs a variant; the tests pass one that reuses their own runs.
    """
    outcome = outcome or (lambda row, name: run(lab, row, name))
    found = {name: outcome(row, name) for name in VARIANTS
             if name == "as_written" or row.recommended is not None}
    verdict: dict[str, Any] = {name: outcome.verdict for name, outcome in found.items()}
    verdict.setdefault("recommended", verdict["as_written"])
    verdict["differences"] = [d.sentence() for d in found["as_written"].differences]
    if "recommended" in found:
        verdict["recommended_differences"] = [
            d.sentence() for d in found["recommended"].differences
        ]
    if row.claim is not None:
        holds, explanation = row.claim.check(lab)
        verdict["claim"] = {"text": row.claim.text, "holds": holds, "explanation": explanation}
    return verdict


def build(backends: Iterable[Backend], rows: Iterable[Row] = ROWS,
          progress: Callable[[str, str], None] | None = None) -> dict[str, Any]:
    """The whole report as one JSON-ready object.

    ``progress(backend, row_id)``, when given, is called as each row starts.
    """
    backends, rows = list(backends), list(rows)
    verdicts: dict[str, dict[str, Any]] = {row.id: {} for row in rows}
    for backend in backends:
        with open_lab(backend, DBS) as lab:
            for row in rows:
                if progress is not None:
                    progress(backend.name, row.id)
                verdicts[row.id][backend.name] = row_verdict(lab, row)
    return {
        "versions": {name: version(name) for name in PACKAGES},
        "backends": [b.name for b in backends],
        "rows": [
            {
                "id": row.id,
                "section": row.section,
                "title": row.title,
                "tutorial": dict(row.tutorial),
                "recommended": source((row.recommended or row.as_written).side.target),
                "verdicts": verdicts[row.id],
            }
            for row in rows
        ],
    }
