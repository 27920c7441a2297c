"""What a type checker sees in each style's relationships: mypy, run on probe modules.

A probe is a model set followed by a function that reveals the type of both ends of
a relationship and assigns a wrong type to each. All probes are checked by one
``mypy.api.run``, cached for the process: mypy is the slow part of the suite, so a run
of every row starts it first (``Row.start``) and collects it when the row runs.
"""

from __future__ import annotations

import atexit
import contextlib
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


#: Runs ``mypy.api.run`` on the arguments given as JSON in argv, prints its answer as
#: JSON, then leaves with ``os._exit``: mypy keeps its whole build (about a million
#: objects on a cold cache) reachable from module globals, and an orderly interpreter
#: exit spent 3 s tearing that down, longer than a warm check takes.
_WORKER = """
import json, os, sys
from mypy import api
print(json.dumps(api.run(json.loads(sys.argv[1]))), flush=True)
os._exit(0)
"""


@dataclass
class _Run:
    """mypy at work on every probe module, in a process of its own, and what it checks."""

    process: subprocess.Popen[str]
    checks: dict[str, list[Check]]
    folder: contextlib.ExitStack


def start() -> None:
    """Start mypy on the probes now, for :func:`results` to collect: on a cold cache it
    takes about 3 s, which a run of every row spends on the other core meanwhile."""
    _started()


@functools.cache
def _started() -> _Run:
    stack = contextlib.ExitStack()
    # A folder named like the suite's namespaces: a killed run's is dropped by the next.
    folder = stack.enter_context(namespaces.folder("probes"))
    checks = {probe.module(kind): write(probe, kind, folder)
              for probe in PROBES for kind in KINDS}
    config = folder / "mypy.ini"
    # The project's packages through mypy_path: its editable install is an import hook,
    # which mypy does not follow.
    config.write_text(f"[mypy]\nmypy_path = {ROOT}\n")
    args = ["--config-file", str(config), "--cache-dir", str(ROOT / ".mypy_cache" / "probes"),
            "--show-error-codes", "--no-error-summary", "--hide-error-context",
            "--no-color-output", "--no-pretty",
            *(str(folder / f"{module}.py") for module in checks)]
    process = subprocess.Popen([sys.executable, "-c", _WORKER, json.dumps(args)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    atexit.register(process.kill)  # started, never collected (a run stopped early)
    return _Run(process, checks, stack)


@functools.cache
def results() -> dict[str, dict[str, str]]:
    """For each probe module (one per probe and kind), each check's label: what mypy said."""
    run = _started()
    with run.folder:
        answer, error = run.process.communicate()
    if run.process.returncode != 0:
        raise RuntimeError(f"mypy could not run: {error.strip()}")
    stdout, stderr, _ = json.loads(answer)
    if stderr.strip():
        raise RuntimeError(f"mypy could not run: {stderr.strip()}")
    return {module: _reported(module, module_checks, stdout)
            for module, module_checks in run.checks.items()}


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
