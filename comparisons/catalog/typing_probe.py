"""What a type checker sees in each style's relationships: mypy, run on probe modules.

A probe is a model set followed by a function that reveals the type of both ends of
a relationship and assigns a wrong type to each. All probes are checked by one
``mypy.api.run``, cached for the process: mypy is the slow part of the suite.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import legacy.tutorial_relationships
import lite.tutorial_relationships
import modern.tutorial_relationships
from comparisons.databases import namespaces
from comparisons.engine.lab import Lab
from comparisons.observers.relationships.sets import ENDS, KINDS
from comparisons.values.observation import Observation
from comparisons.values.rows import Case, Side

ROOT = Path(__file__).resolve().parents[2]

#: What each style's tutorial snippets need before they can be checked at all.
PRELUDES = {
    "legacy": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n",
    "modern": (
        "from flask_sqlalchemy import SQLAlchemy\n"
        "from sqlalchemy.orm import DeclarativeBase\n"
        f"{modern.tutorial_relationships.IMPORTS}\n"
        "class Base(DeclarativeBase):\n    pass\n\n"
        "db = SQLAlchemy(model_class=Base)\n"
    ),
    "lite": (
        "from flask_sqlalchemy_lite import SQLAlchemy\n"
        "from sqlalchemy.orm import DeclarativeBase\n"
        f"{modern.tutorial_relationships.IMPORTS}\n"
        "class Base(DeclarativeBase):\n    pass\n\n"
        "db = SQLAlchemy()\n"
    ),
}
SNIPPETS = {"legacy": legacy.tutorial_relationships.SNIPPETS,
            "modern": modern.tutorial_relationships.SNIPPETS,
            "lite": lite.tutorial_relationships.SNIPPETS}
#: Lite's snippets with table names (``source="named"``): the form that runs on Lite.
NAMED = lite.tutorial_relationships.NAMED

#: A value of the wrong type for every relationship attribute.
WRONG = '"nobody"'


@dataclass(frozen=True)
class Probe:
    """A probe module: which models it checks (``tutorial``, ``corrected``, or Lite's
    ``named`` tutorial snippets), in a style."""

    source: str
    style: str

    @property
    def __wrapped__(self) -> ModuleType:
        # inspect.getsource unwraps __wrapped__: a probe's source is its models' module.
        package = "relationships" if self.source == "corrected" else "tutorial_relationships"
        return importlib.import_module(f"{self.style}.{package}")

    def module(self, kind: str) -> str:
        return f"probe_{self.source}_{self.style}_{kind}"

    def models(self, kind: str) -> str:
        if self.source in ("tutorial", "named"):
            text = (NAMED if self.source == "named" else SNIPPETS[self.style])[kind]
            return PRELUDES[self.style] + "\n" + text
        parent, _, child, _ = ENDS[kind]
        return f"from {self.style}.relationships import {parent}, {child}\n"


PROBES = (*(Probe(source, style) for source in ("tutorial", "corrected")
            for style in ("legacy", "modern", "lite")), Probe("named", "lite"))


@dataclass(frozen=True)
class Check:
    """A line of a probe and what it asks: a revealed type, or a wrong assignment."""

    label: str
    line: int
    reveal: bool


def write(probe: Probe, kind: str, folder: Path) -> list[Check]:
    """Write ``probe``'s module for ``kind`` into ``folder``; the checks it holds."""
    parent, forward, child, backward = ENDS[kind]
    models = probe.models(kind)
    lines = [*models.splitlines(), "", "",
             f"def probe(parent: {parent}, child: {child}) -> None:"]
    checks: list[Check] = []
    ends = ((parent, "parent", forward, "child", child),
            (child, "child", backward, "parent", parent))
    for owner, variable, attribute, other, other_class in ends:
        collection = _is_collection(kind, attribute)
        right = f"[{other}]" if collection else other
        lines.append(f"    reveal_type({variable}.{attribute})")
        checks.append(Check(f"{owner}.{attribute}", len(lines), reveal=True))
        lines.append(f"    {variable}.{attribute} = {WRONG}")
        checks.append(Check(f"{owner}.{attribute} = {WRONG}", len(lines), reveal=False))
        # The right type, as the code runs it: does the checker agree with the runtime?
        lines.append(f"    {variable}.{attribute} = {right}")
        label = f"[{other_class}]" if collection else other_class
        checks.append(Check(f"{owner}.{attribute} = {label}", len(lines), reveal=False))
    (folder / f"{probe.module(kind)}.py").write_text("\n".join(lines) + "\n")
    return checks


def _is_collection(kind: str, attribute: str) -> bool:
    return kind == "many_to_many" or attribute == "posts"


_LINE = re.compile(r"^(?P<file>[^:]+\.py):(?P<line>\d+): (?P<level>\w+): (?P<message>.*)$")


#: Runs ``mypy.api.run`` on the arguments read from stdin, prints its answer as JSON,
#: then leaves with ``os._exit``: mypy keeps its whole build (about a million objects
#: on a cold cache) reachable from module globals, and an orderly interpreter exit
#: spent 3 s tearing that down, longer than a warm check takes.
_WORKER = """
import json, os, sys
from mypy import api
print(json.dumps(api.run(json.load(sys.stdin))), flush=True)
os._exit(0)
"""


def _mypy(args: list[str]) -> tuple[str, str, int]:
    """``mypy.api.run(args)``, in a process of its own."""
    done = subprocess.run([sys.executable, "-c", _WORKER], input=json.dumps(args),
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"mypy could not run: {done.stderr.strip()}")
    stdout, stderr, status = json.loads(done.stdout)
    return stdout, stderr, status


@functools.cache
def results() -> dict[str, dict[str, str]]:
    """For each probe module (one per probe and kind), each check's label: what mypy said."""
    # A folder named like the suite's namespaces: a killed run's is dropped by the next.
    with namespaces.folder("probes") as folder:
        checks = {probe.module(kind): write(probe, kind, folder)
                  for probe in PROBES for kind in KINDS}
        config = folder / "mypy.ini"
        # The project's packages through mypy_path: its editable install is an import
        # hook, which mypy does not follow.
        config.write_text(f"[mypy]\nmypy_path = {ROOT}\n")
        stdout, stderr, _ = _mypy([
            "--config-file", str(config), "--cache-dir", str(ROOT / ".mypy_cache" / "probes"),
            "--show-error-codes", "--no-error-summary", "--hide-error-context",
            "--no-color-output", "--no-pretty",
            *(str(folder / f"{module}.py") for module in checks),
        ])
    if stderr.strip():
        raise RuntimeError(f"mypy could not run: {stderr.strip()}")
    return {module: _reported(module, module_checks, stdout)
            for module, module_checks in checks.items()}


def _reported(module: str, checks: list[Check], stdout: str) -> dict[str, str]:
    by_line: dict[int, list[tuple[str, str]]] = {}
    for raw in stdout.splitlines():
        match = _LINE.match(raw.strip())
        if match and Path(match["file"]).stem == module:
            by_line.setdefault(int(match["line"]), []).append((match["level"],
                                                              match["message"]))
    first_check = min(check.line for check in checks)
    found = {check.label: _answer(check, by_line.get(check.line, []), module)
             for check in checks}
    model_errors = sorted({_code(message) for line, reports in by_line.items()
                           if line < first_check for level, message in reports
                           if level == "error"})
    found["errors in the models"] = ", ".join(model_errors) or "none"
    return found


def _answer(check: Check, reports: list[tuple[str, str]], module: str) -> str:
    if check.reveal:
        for level, message in reports:
            if level == "note" and message.startswith("Revealed type is "):
                return _short_type(message.removeprefix("Revealed type is ").strip('"'), module)
        return "not revealed"
    errors = [_code(message) for level, message in reports if level == "error"]
    return f"error [{', '.join(errors)}]" if errors else "accepted"


def _code(message: str) -> str:
    match = re.search(r"\[([\w-]+)\]$", message)
    return match[1] if match else message


def _short_type(text: str, module: str) -> str:
    """Types without module prefixes: the probe's, the project's, ``builtins``."""
    for prefix in (f"{module}.", "legacy.relationships.", "modern.relationships.",
                   "lite.relationships.", "builtins."):
        text = text.replace(prefix, "")
    return text


# --- Typing: what mypy reports ------------------------------------------------------------

def observe_typing(lab: Lab, side: Side, case: Case) -> Observation:
    """mypy's answers for ``side``'s probe of relationship ``case.name``.

    The same on every backend: nothing here touches a database.
    """
    return Observation(kind="mypy", value=None, types=results()[side.target.module(case.name)])
