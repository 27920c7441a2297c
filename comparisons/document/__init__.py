"""The migration reference as a folder: ``index.html``, ``report.md``, ``report.json``.

``index.html`` is one self-contained page (styles, script and charts inline, nothing
fetched), ``report.md`` the same content as GitHub-flavoured Markdown, ``report.json``
the object ``python -m comparisons --json`` prints.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from comparisons.bench.results import Result
from comparisons.document import render, view
from comparisons.document.chains import Tally
from comparisons.document.folder import write


def as_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def files(report: Mapping[str, Any],
          bench: Mapping[str, Sequence[Result]] | None = None,
          chains: Tally | None = None) -> dict[str, str]:
    """The three files' texts, built from one report object (and, beside it, benchmark
    results and generated chains' counts, where given)."""
    shown = view.build(report)
    return {
        "index.html": render.html(shown, bench, chains),
        "report.md": render.markdown(shown, bench, chains),
        "report.json": as_json(report),
    }


def write_folder(report: Mapping[str, Any], out: Path,
                 bench: Mapping[str, Sequence[Result]] | None = None,
                 chains: Tally | None = None) -> Path:
    return write(out, files(report, bench, chains))
