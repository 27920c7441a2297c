"""The step table as plain values: JSON for the report, Markdown for the README.

``as_json`` is what ``python -m comparisons`` hands the report (``comparisons/document/``
may not import this layer: it is given the steps as values, as it is given the rows).
``markdown`` is the README's table of steps ("Translating legacy queries"), between the
two ``MARKERS``; ``python -m comparisons translate --steps --readme README.md`` writes it
there, and ``comparisons/tests/test_step_table.py`` holds the README to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from comparisons.translate.steps import STEPS, Step
from comparisons.values.code import is_code

#: What ``kind`` each group of the table holds, in the table's order, and its heading.
KINDS = {"base": "bases", "builder": "builders", "terminal": "terminals", "rule": "rules"}
#: The lines the README's table stands between (HTML comments: not shown on a code host).
MARKERS = ("<!-- steps: python -m comparisons translate --steps --readme README.md -->",
           "<!-- /steps -->")


class ReadmeError(Exception):
    """The README cannot take the table; the message is one line for the user."""


def as_json(steps: Iterable[Step] = STEPS) -> list[dict[str, Any]]:
    """Each step as the report object holds it (``"steps"``)."""
    return [{"id": s.id, "kind": s.kind, "legacy": s.legacy, "modern": s.modern,
             "verdict": s.verdict, "why": s.why,
             "aspects": {"always": sorted(s.always), "sometimes": sorted(s.sometimes)},
             "caller_changes": list(s.caller_changes), "proven": s.proven}
            for s in steps]


def _cell(text: str) -> str:
    """A form for a table cell: code as inline code, words as text. GFM reads ``|`` as a
    column break even in code; in words, what would be markup is escaped."""
    if not is_code(text):
        return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)
    fence = "``" if "`" in text else "`"
    return f"{fence}{text.replace('|', chr(92) + '|')}{fence}"


def markdown(steps: Iterable[Step] = STEPS) -> str:
    """The table: one line per step, builders then terminals then rules (each in the
    table's order), with the legacy form, the 2.x form and the verdict."""
    found = list(steps)
    lines = ["| step | legacy | 2.x | verdict |", "|---|---|---|---|"]
    for kind in KINDS:
        for step in (s for s in found if s.kind == kind):
            lines.append(f"| `{step.id}` | {_cell(step.legacy)} | {_cell(step.modern)} "
                         f"| {step.verdict} |")
    return "\n".join(lines) + "\n"


def readme_with_table(text: str, table: str) -> str:
    """``text`` with what stands between the markers replaced by ``table``."""
    start, end = MARKERS
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ReadmeError(f"the README needs the lines {start} and {end}, once each, "
                          "in that order, where the table goes")
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    return f"{before}{start}\n{table}{end}{after}"


def readme_table(text: str) -> str:
    """The table as the README holds it (what stands between the markers)."""
    start, end = MARKERS
    return text.split(start, 1)[1].split(end, 1)[0].removeprefix("\n")
