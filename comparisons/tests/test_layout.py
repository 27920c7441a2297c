"""The layout holds: layers as folders, imports one way, no cycle, few levels.

Read from the source with ``ast`` (every import counts, a function's too), so that a
contributor who breaks a rule is told which import did it. The rules are the README's
("Layout"); the checks are fed known-bad graphs too, so that they can fail.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUBJECTS = ("legacy", "modern", "lite")
#: Each layer of ``comparisons/``, lowest first, and what it may import besides itself.
MAY_IMPORT: dict[str, set[str]] = {
    "values": set(),
    "databases": {"values"},
    "engine": {"values", "databases"},
    "observers": {"values", "databases", "engine"},
    "catalog": {"values", "databases", "engine", "observers", *SUBJECTS},
    "bench": {"values", "databases", "engine", "observers", "catalog", *SUBJECTS},
    "document": {"values", "databases", "engine", "bench"},
    "translate": {"values", "databases", "engine", "observers", "catalog"},
    "scan": {"values", "databases", "engine", "observers", "catalog", "translate", "document"},
}
MAX_LEVELS = 9
MAX_LOOSE = 6
#: Code lines of ``lite/`` that repeat ``modern/`` (its schema-identical models, and
#: what Lite writes out where a function differs in a line or two).
MAX_LITE_REPEATS = 80

Graph = Mapping[str, set[str]]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, known: set[str], name: str | None = None) -> set[str]:
    """The project modules ``path`` (module ``name``) imports, wherever the import stands."""
    name = name or module_name(path)
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] \
                if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


@cache
def graph() -> dict[str, set[str]]:
    paths = [p for top in (*SUBJECTS, "comparisons") for p in (ROOT / top).rglob("*.py")]
    known = {module_name(p) for p in paths}
    return {module_name(p): imported(p, known) for p in paths}


def is_test(module: str) -> bool:
    leaf = module.rpartition(".")[2]
    return ".tests" in module or leaf.startswith("test_") or leaf == "conftest"


def cycle(edges: Graph) -> list[str] | None:
    """One import cycle, as the modules along it, or ``None``."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return None
        for target in sorted(edges.get(module, ())):
            found = visit(target, [*path, module])
            if found:
                return found
        done.add(module)
        return None

    return next((c for m in sorted(edges) if (c := visit(m, []))), None)


def longest_chain(edges: Graph, modules: Iterable[str]) -> list[str]:
    """The longest chain of imports from any of ``modules`` (an acyclic graph)."""
    chains: dict[str, list[str]] = {}

    def chain(module: str) -> list[str]:
        if module not in chains:
            below = [chain(t) for t in sorted(edges.get(module, ()))]
            chains[module] = [module, *max(below, key=len, default=[])]
        return chains[module]

    return max((chain(m) for m in modules), key=len, default=[])


def layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] in SUBJECTS:
        return parts[0]
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) \
        else None


def crossings(edges: Graph) -> list[str]:
    """Imports a layer may not make: ``module -> target``."""
    wrong = []
    for module, targets in sorted(edges.items()):
        mine = layer(module)
        if is_test(module) or mine is None:
            continue
        # The code under test never imports the harness.
        allowed = set(SUBJECTS) if mine in SUBJECTS else {mine} | MAY_IMPORT[mine]
        wrong += [f"{module} -> {t}" for t in sorted(targets) if layer(t) not in allowed]
    return wrong


def test_no_import_cycle() -> None:
    assert cycle(graph()) is None


def test_at_most_nine_import_levels() -> None:
    chain = longest_chain(graph(), [m for m in graph() if not is_test(m)])
    assert len(chain) <= MAX_LEVELS, " -> ".join(chain)


def test_imports_run_one_way() -> None:
    """Values know nothing of the engine; no engine or observer module imports a subject
    (they reach it through the catalog); the document is handed its rows."""
    assert crossings(graph()) == []


def test_few_loose_modules() -> None:
    loose = sorted(p.name for p in (ROOT / "comparisons").glob("*.py"))
    assert len(loose) <= MAX_LOOSE, loose


def test_readme_layout_names_every_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    folders = sorted(p.name for p in (ROOT / "comparisons").iterdir()
                     if (p / "__init__.py").exists())
    missing = [f for f in folders if not re.search(rf"`comparisons/{f}/`", layout)]
    assert missing == [], "the README's Layout does not name these folders"


def code_lines(path: Path) -> list[str]:
    """A file's code lines, whitespace folded: no blank line, comment, docstring or
    import (an import names what is used, it is not code written twice)."""
    source = path.read_text(encoding="utf-8")
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) \
                and ast.get_docstring(node) is not None:
            first = node.body[0]
            docstrings.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return [" ".join(line.split()) for number, line in enumerate(source.splitlines(), 1)
            if line.strip() and not line.strip().startswith(("#", "import ", "from "))
            and number not in docstrings]


def repeated(mine: list[str], theirs: Iterable[list[str]]) -> int:
    """How many of ``mine`` stand in a run of two or more lines found in ``theirs``."""
    pairs = {pair for lines in theirs for pair in itertools.pairwise(lines)}
    hit: set[int] = set()
    for index, pair in enumerate(itertools.pairwise(mine)):
        if pair in pairs:
            hit |= {index, index + 1}
    return len(hit)


def test_lite_repeats_little_of_modern() -> None:
    """Lite's code exists where Lite differs: what it shares, ``lite.on_lite`` takes."""
    modern = [code_lines(p) for p in (ROOT / "modern").glob("*.py")]
    found = {p.name: repeated(code_lines(p), modern) for p in (ROOT / "lite").glob("*.py")}
    assert sum(found.values()) <= MAX_LITE_REPEATS, found


# -- The checks themselves fail where they must ---------------------------------------


def test_cycle_found() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert cycle(edges) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


def test_longest_chain_found() -> None:
    edges = {"a": {"b", "x"}, "b": {"c"}, "c": set(), "x": set()}
    assert longest_chain(edges, ["a"]) == ["a", "b", "c"]


@pytest.mark.parametrize(("module", "target"), [
    ("comparisons.values.rows", "comparisons.engine.lab"),
    ("comparisons.engine.observe", "lite.pagination"),
    ("comparisons.observers.walkthrough", "modern.transactions"),
    ("comparisons.document.report", "comparisons.catalog"),
    ("legacy.models", "comparisons.values.plain"),
])
def test_crossing_found(module: str, target: str) -> None:
    assert crossings({module: {target}}) == [f"{module} -> {target}"]


def test_repeats_found() -> None:
    assert repeated(["a", "b", "c", "x"], [["q", "a", "b", "c"]]) == 3
    assert repeated(["a", "x", "b"], [["a", "b"]]) == 0


def test_imports_seen_wherever_they_stand(tmp_path: Path) -> None:
    """A function-level import counts: hidden there, a cycle is still a cycle."""
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from comparisons.engine import lab\n", encoding="utf-8")
    known = {"comparisons.engine.lab", "comparisons.engine"}
    assert imported(source, known, "comparisons.probe") == known
