"""Names say what they are: each row names its own document, each difference its target.

A row's source code is labelled with the document it comes from ("As SQLAlchemy's
migration guide writes it"), on the page, in the Markdown and in the terminal; a
difference sentence names the candidate by its target ("legacy X; Lite Y").
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from comparisons.catalog import ROWS
from comparisons.document import render, table, view
from comparisons.document.report import row_verdicts
from comparisons.engine.judge import Outcome
from comparisons.engine.lab import Lab
from comparisons.values.diff import SAID
from comparisons.values.rows import TARGETS, Row

SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"


def test_every_document_of_the_catalog_has_a_name() -> None:
    for row in ROWS:
        assert row.document in view.DOCUMENTS, row.id
    names = {document: view.DOCUMENTS[document] for document in {r.document for r in ROWS}}
    assert [d for d, name in names.items() if name == "the tutorial"] == ["tutorial"]


@pytest.mark.parametrize("document", sorted(view.DOCUMENTS))
def test_a_row_names_its_own_document_everywhere(document: str) -> None:
    """The page, the Markdown and the terminal label the source with the row's document."""
    report: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    # Three rows say it as well as all of them, in a fraction of the rendering.
    report["rows"] = report["rows"][:3]
    for row in report["rows"]:
        row["document"] = document
    shown = view.build(report)
    name = view.DOCUMENTS[document]
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    for row in shown.rows:
        table.row_details(row, console)
    terminal = out.getvalue()
    page = render.html(shown).replace("&#39;", "'")
    for text in (page, render.markdown(shown), terminal):
        assert f"As {name} writes it" in text
        if document != "tutorial":
            assert "the tutorial writes it" not in text


def test_every_target_has_a_word() -> None:
    assert set(SAID) == set(TARGETS)


def test_lite_sentences_name_lite(
    lab: Lab, outcomes: Callable[[Row, str], Outcome]
) -> None:
    """In the report, a Lite variant's differences say "Lite", a 2.x variant's "modern"."""
    seen = set()
    for row in ROWS:
        found = row_verdicts(lab, row, outcomes)
        for variant in row.variants:
            differences = outcomes(row, variant.key).differences
            sentences = found[variant.key]["differences"]
            assert len(sentences) == len(differences)
            for diff, sentence in zip(differences, sentences, strict=True):
                assert sentence.endswith(f"; {SAID[variant.target]} {diff.candidate}"), sentence
                seen.add(variant.target)
    assert seen == set(TARGETS)
