"""The report: every catalog row run on every selected backend, as one JSON-ready object.

Its shape is documented in the README ("JSON"); the document and the terminal table
are rendered from it.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from importlib.metadata import version
from typing import Any

import sqlalchemy

from comparisons.databases.backends import Backend, BackendError
from comparisons.document.merge import minor
from comparisons.engine.capture import LostConnection
from comparisons.engine.judge import Outcome, check_claim, run
from comparisons.engine.lab import Lab, open_lab
from comparisons.engine.styles import Style
from comparisons.values.rows import TARGETS, Row

PACKAGES = ("flask", "flask-sqlalchemy", "flask-sqlalchemy-lite", "sqlalchemy")
#: Comments for tools, not readers: stripped from the code the report shows.
TOOL_COMMENT = re.compile(r"\s*#\s*(type:\s*ignore|noqa|pragma)\b.*$")

Runner = Callable[[Row, str], Outcome]


def sqlalchemy_minor() -> str:
    """``"2.0"`` or ``"2.1"``: the version the catalog's ``On(sqlalchemy=...)`` deltas name."""
    return minor(sqlalchemy.__version__)


#: The packages whose code a user of this reference writes: a call into them is shown.
SUBJECTS = ("legacy", "modern", "lite")
#: How deep the functions a shown function calls are followed.
CALL_DEPTH = 3


def _unwrap(target: Any) -> Any:
    return getattr(target, "__wrapped__", target)


def _snippets(target: Any) -> dict[str, str] | None:
    """The snippets a side runs where its module keeps them as text (the tutorial's
    relationships): by kind, the named ones where the side asks for them."""
    module = _unwrap(target)
    texts = getattr(module, "NAMED", None) if _named(target) else None
    texts = texts if texts is not None else getattr(module, "SNIPPETS", None)
    if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
        return None
    kind = str(getattr(target, "name", "")).rpartition(".")[2]
    return {kind: texts[kind]} if kind in texts else dict(texts)


#: The names under which a module of probes keeps its cases: case -> probe function
#: (``PROBES``) or lookup (``LOOKUPS``, a ``lambda db, Person: ...`` per name).
PROBE_TABLES = ("PROBES", "LOOKUPS")


def _probes(target: Any) -> dict[str, str] | None:
    """What a side runs when its target is a module of probes (the rows about the
    extension object: the same probes on each style's ``db``): per case, its probe's
    body or its lookup's expression, read from the module's table with ``ast``. The
    harness around them (running a probe, threads, the observation) is left out."""
    module = _unwrap(target)
    if not inspect.ismodule(module):
        return None
    text = inspect.getsource(module)
    for node in ast.parse(text).body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or \
                not isinstance(node.value, ast.Dict):
            continue
        names = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not any(isinstance(n, ast.Name) and n.id in PROBE_TABLES for n in names):
            continue
        found: dict[str, str] = {}
        for key, value in zip(node.value.keys, node.value.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return None
            if isinstance(value, ast.Lambda):
                found[key.value] = ast.get_source_segment(text, value.body) or ""
            elif isinstance(value, ast.Name) and inspect.isfunction(
                    probe := getattr(module, value.id, None)):
                found[key.value] = source(probe)
            else:
                return None
        return found
    return None


def _probes_text(probes: Mapping[str, str]) -> str:
    """Lookups one a line, as written; probe bodies each under its case's name."""
    if all("\n" not in code for code in probes.values()):
        return "\n".join(probes.values())
    return "\n\n".join(f"# {case}\n{_strip(code)}" for case, code in probes.items())


def _named(target: Any) -> bool:
    return bool(getattr(target, "named", False)) or ".named." in str(getattr(target, "name", ""))


def _strip(text: str) -> str:
    return "\n".join(TOOL_COMMENT.sub("", line) for line in text.strip("\n").splitlines())


def source(target: Any) -> str:
    """The code a side really runs, as its user writes it: a function's body without its
    docstring, a models module's ``Person`` class, a module without its docstring.

    A module that keeps the source's snippets as text (``SNIPPETS``, ``NAMED``) stands
    for the snippet the side runs, shown as the code it is (each kind headed by a
    comment where the side runs them all); a module of probes for what its probes run
    (``_probes``); a target that is neither a function, a class nor a module names the
    code it stands for as ``__wrapped__``.
    """
    probes = _probes(target)
    if probes:
        return _probes_text(probes)
    snippets = _snippets(target)
    if snippets is not None:
        if len(snippets) == 1:
            return _strip(next(iter(snippets.values())))
        return "\n\n".join(f"# {kind}\n{_strip(text)}" for kind, text in snippets.items())
    target = _unwrap(target)
    target = getattr(target, "Person", target)
    text = textwrap.dedent(inspect.getsource(target))
    tree = ast.parse(text)
    node = tree.body[0]
    lines = text.splitlines()
    if isinstance(node, ast.FunctionDef):
        body = node.body[1:] if ast.get_docstring(node) else node.body
        text = textwrap.dedent("\n".join(lines[body[0].lineno - 1: body[-1].end_lineno]))
    elif inspect.ismodule(target) and ast.get_docstring(tree) and len(tree.body) > 1:
        text = "\n".join(lines[tree.body[1].lineno - 1:])
    return _strip(text)


def origin(target: Any) -> str:
    """Where a side's code stands: ``module.function``, ``module.Class`` or ``module``."""
    target = _unwrap(target)
    target = getattr(target, "Person", target)
    if inspect.ismodule(target):
        return target.__name__
    return f"{target.__module__}.{target.__qualname__}"


def _dotted(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else [*head, node.attr]
    return None


def _resolve(names: list[str], namespace: Mapping[str, Any]) -> Any:
    if names[0] not in namespace:
        return None
    found = namespace[names[0]]
    for name in names[1:]:
        # Only through modules: an attribute of a model may need an app (``Model.query``).
        found = vars(found).get(name) if inspect.ismodule(found) else None
    return found


def _subject(found: Any) -> bool:
    return inspect.isfunction(found) and (
        getattr(found, "__module__", "") or "").partition(".")[0] in SUBJECTS


def calls(target: Any) -> dict[str, str]:
    """The functions of ``legacy/``, ``modern/`` and ``lite/`` that a side's function
    calls, read with ``ast`` from the code shown and followed ``CALL_DEPTH`` deep:
    ``{"lite.pagination.paginate": its source}``, in the order first called."""
    found: dict[str, str] = {}

    def follow(function: Any, depth: int) -> None:
        if depth > CALL_DEPTH or not inspect.isfunction(function):
            return
        for node in ast.walk(ast.parse(source(function))):
            names = _dotted(node.func) if isinstance(node, ast.Call) else None
            called = _resolve(names, function.__globals__) if names else None
            if called is None or called is function or not _subject(called):
                continue
            name = origin(called)
            if name not in found:
                found[name] = source(called)
                follow(called, depth + 1)

    follow(_unwrap(target), 1)
    return found


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
            "differences": [d.sentence(variant.target) for d in result.differences],
            "why": variant.why,
        }
    if row.claim is not None:
        holds, explanation = check_claim(lab, row)
        found["claim"] = {"text": row.claim.text, "holds": holds, "explanation": explanation}
    return found


def row_sql(lab: Lab, row: Row, outcome: Runner) -> dict[str, list[str]]:
    """The statements each side sent in the row's first case (for the reader)."""
    first = row.cases[0].name
    sql = {"legacy": [s.sql for s in outcome(row, row.variants[0].key).baseline[first].statements]}
    for variant in row.variants:
        sql[variant.key] = [s.sql for s in outcome(row, variant.key).candidate[first].statements]
    return sql


def cached(lab: Lab) -> Runner:
    """A runner that runs each row's variant once on ``lab`` and remembers the outcome."""
    cache: dict[tuple[str, str], Outcome] = {}

    def outcome(row: Row, key: str) -> Outcome:
        if (row.id, key) not in cache:
            cache[(row.id, key)] = run(lab, row, key)
        return cache[(row.id, key)]

    return outcome


def start(rows: Iterable[Row]) -> None:
    """Begin each row's slow work (``Row.start``), to go on while the others run."""
    for row in rows:
        if row.start is not None:
            row.start()


def on_backend(lab: Lab, rows: Iterable[Row], outcome: Runner,
               progress: Callable[[str, str], None] | None = None) -> dict[str, Any]:
    """Every row's verdicts and SQL on ``lab``'s backend: {row id: {"verdicts", "sql"}}."""
    rows = list(rows)
    start(rows)
    found: dict[str, Any] = {}
    for row in rows:
        if progress is not None:
            progress(lab.backend.name, row.id)
        found[row.id] = {"verdicts": row_verdicts(lab, row, outcome),
                         "sql": row_sql(lab, row, outcome)}
    return found


def assemble(rows: Iterable[Row], per_backend: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The report object from what ``on_backend`` found on each backend."""
    return {
        "versions": {name: version(name) for name in PACKAGES},
        "backends": list(per_backend),
        "targets": dict(TARGETS),
        "rows": [row_json(row, {b: found[row.id]["verdicts"] for b, found in per_backend.items()},
                          {b: found[row.id]["sql"] for b, found in per_backend.items()})
                 for row in rows],
    }


def build(backends: Iterable[Backend], rows: Iterable[Row], styles: Mapping[str, Style],
          progress: Callable[[str, str], None] | None = None) -> dict[str, Any]:
    """The whole report as one JSON-ready object.

    ``progress(backend, row_id)``, when given, is called as each row starts.
    """
    rows = list(rows)
    per_backend: dict[str, dict[str, Any]] = {}
    for backend in backends:
        try:
            with open_lab(backend, styles) as lab:
                per_backend[backend.name] = on_backend(lab, rows, cached(lab), progress)
        except (LostConnection, sqlalchemy.exc.DBAPIError) as error:
            if isinstance(error, sqlalchemy.exc.DBAPIError):
                if not error.connection_invalidated:
                    raise
                error = LostConnection(str(error.orig).strip().splitlines()[0])
            raise BackendError(f"{backend.name}: lost a connection to the server mid-run "
                               f"({error}); no report was written: run again") from None
    return assemble(rows, per_backend)


def observed(backends: Iterable[Backend], row: Row,
             styles: Mapping[str, Style]) -> dict[str, Any]:
    """``row`` in full, for a contributor: per backend and variant, the whole outcome,
    every case's observation of both sides included (``Outcome.to_json``), where the
    report's sentences shorten long values."""
    found: dict[str, Any] = {}
    for backend in backends:
        with open_lab(backend, styles) as lab:
            found[backend.name] = {v.key: run(lab, row, v.key).to_json() for v in row.variants}
    return {"row": row.id, "backends": found}


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
        "origins": {"legacy": origin(row.legacy.target),
                    **{v.key: origin(v.side.target) for v in row.variants}},
        "calls": {side: found for side, found in
                  [("legacy", calls(row.legacy.target)),
                   *((v.key, calls(v.side.target)) for v in row.variants)] if found},
        "targets": {v.key: v.target for v in row.variants},
        "recommended": "recommended" if "recommended" in keys else keys[0],
        "verdicts": verdicts,
        "sql": sql,
    }
