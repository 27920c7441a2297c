"""The replacements applied to a file's text, and the unified diff of them: each site's
span replaced by its replacement, the imports it needs added once per file."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterable, Mapping

from comparisons.scan.files import Source
from comparisons.scan.project import dotted
from comparisons.scan.sites import Site


def applicable(sites: Iterable[Site], verdicts: Iterable[str]) -> list[Site]:
    """The sites whose replacement has one of ``verdicts``; a group (a stored Query's
    definition and uses) is applied whole or not at all."""
    allowed = set(verdicts)
    chosen = [s for s in sites if s.replacement is not None and s.verdict in allowed
              and s.kind == "query"]
    groups: dict[str, list[Site]] = {}
    for site in sites:
        if site.group is not None:
            groups.setdefault(site.group, []).append(site)
    # By identity: Site's dataclass __eq__ compares every field, and `in` a list of
    # them made this quadratic (17 s of a 1,000-file --diff under cProfile).
    taken = {id(s) for s in chosen}
    whole = {g for g, members in groups.items() if all(id(m) in taken for m in members)}
    return [s for s in chosen if s.group is None or s.group in whole]


def patched(text: str, sites: list[Site], db_import: str | None) -> str:
    """``text`` with each site's span replaced and the imports added."""
    for site in sorted(sites, key=lambda s: s.span[0], reverse=True):
        start, end = site.span
        text = text[:start] + (site.replacement or "") + text[end:]
    needed = list(dict.fromkeys(i for s in sites for i in s.imports))
    if db_import is not None and any(s.needs_db for s in sites):
        needed.append(db_import)
    return add_imports(text, needed)


def add_imports(text: str, imports: list[str]) -> str:
    """``text`` with each of ``imports`` (``from m import n`` lines) it lacks, after its
    last top-level import (else after its docstring)."""
    tree = ast.parse(text)
    have = {(n.module, a.name) for n in tree.body if isinstance(n, ast.ImportFrom)
            for a in n.names}
    missing = [line for line in imports
               if (line.split()[1], line.split()[3]) not in have]
    if not missing:
        return text
    after = 0
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if not isinstance(node, ast.Import | ast.ImportFrom) and not (docstring and after == 0):
            break
        after = node.end_lineno or node.lineno
    lines = text.splitlines(keepends=True)
    return "".join([*lines[:after], *(f"{line}\n" for line in missing), *lines[after:]])


def db_import(path: str, db_modules: Mapping[str, str | None]) -> str | None:
    """The import of the application's Flask-SQLAlchemy object, for a module that uses
    ``Model.query`` without naming it (None when it cannot be written)."""
    here = dotted(path)
    for name, module in sorted(db_modules.items()):
        if module is None or module == here:
            continue
        package, _, leaf = module.rpartition(".")
        name = name if name == "db" else f"{name} as db"
        if here is not None and package and here.rpartition(".")[0] == package:
            return f"from .{leaf} import {name}"  # a sibling: as the package imports it
        return f"from {module} import {name}"
    return None


def diff(sites: list[Site], sources: Mapping[str, Source], verdicts: Iterable[str],
         db_modules: Mapping[str, str | None] | None = None) -> str:
    """A unified diff of every file the applicable replacements change."""
    by_path: dict[str, list[Site]] = {}
    for site in applicable(sites, verdicts):
        by_path.setdefault(site.path, []).append(site)
    out: list[str] = []
    for path, mine in sorted(by_path.items()):
        importing = db_import(path, db_modules or {})
        if importing is None:
            mine = [s for s in mine if not s.needs_db]
        if not mine:
            continue
        before = sources[path].text
        after = patched(before, mine, importing)
        out.extend(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}"))
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)
