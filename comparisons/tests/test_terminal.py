"""The terminal fits: every line within the width, broken between words, nothing lost.

Checked on the report built for real on the selected backend (the outcomes test_catalog
asserts, shared through ``conftest.outcomes``), at several widths: the summary, every
row in full, and one row. The text at a width no line reaches is the unwrapped text;
at each width the same characters must be printed in the same order (only spaces and
line breaks differ), and every word of it short enough to fit a line whole.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from comparisons.__main__ import main
from comparisons.bench.results import legacy_call
from comparisons.catalog import ROWS
from comparisons.document import table, view
from comparisons.document.report import Runner, assemble, on_backend
from comparisons.engine.lab import Lab

WIDTHS = (60, 80, 100, 120)
UNWRAPPED = 100_000
#: A word this short fits whole on any line the terminal prints (the least room a line
#: keeps is ``table.ROOM``): it must never be split.
WORD = table.ROOM


@pytest.fixture(scope="module")
def shown(lab: Lab, outcomes: Runner) -> view.View:
    return view.build(assemble(ROWS, {lab.backend.name: on_backend(lab, ROWS, outcomes)}))


def printed(shown: view.View, mode: str, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    if mode == "summary":
        table.summary(shown, console)
    elif mode == "details":
        table.details(shown, [row.id for row in shown.rows], console)
    else:
        table.details(shown, [mode], console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def content(text: str) -> str:
    """What was printed, spaces, line breaks and the rules' fill left out."""
    return "".join(text.replace("─", "").split())


def words(text: str) -> Counter[str]:
    return Counter(word for word in text.replace("─", " ").split())


MODES = ("summary", "details", "operations.get_by_id")


@pytest.mark.one_backend  # the layout is the same on each
@pytest.mark.parametrize("mode", MODES)
def test_every_line_fits_and_no_word_is_split(shown: view.View, mode: str) -> None:
    whole = printed(shown, mode, UNWRAPPED)
    assert max(cell_len(line) for line in whole.splitlines()) > 100  # else nothing to fit
    expected = words(whole)
    for width in WIDTHS:
        found = printed(shown, mode, width)
        too_wide = [line for line in found.splitlines() if cell_len(line) > width]
        assert too_wide == [], f"{mode} at {width}: {len(too_wide)} lines wider"
        assert content(found) == content(whole), f"{mode} at {width}: text changed"
        got = words(found)
        split = sorted(word for word, count in expected.items()
                       if len(word) <= WORD and got[word] < count)
        assert split == [], f"{mode} at {width}: words split: {split[:5]}"


@pytest.mark.one_backend
def test_continuations_are_indented_under_their_text(shown: view.View) -> None:
    """A multi-line source snippet starts each line under its first, beside its label;
    no line of a row in full starts at column 0 but its rule, its headings and blank
    lines."""
    row = next(r for r in shown.rows if r.id == "relationships.one_to_many")
    lines = printed(shown, row.id, 80).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  legacy  "))
    snippet = row.source["legacy"].splitlines()
    assert lines[start] == f"  legacy  {snippet[0]}"
    assert lines[start + 1] == f"          {snippet[1]}"
    headings = {"As the tutorial writes it:", "legacy (the code that ran)",
                *(f"{v.label} ({v.target})" for v in row.variants),
                *(f"SQL on {s.column.label} (first case)" for s in row.sql)}
    rule = next(i for i, line in enumerate(lines) if line.startswith(f"── {row.id}: "))
    at_zero = {line for line in lines[rule + 1:] if line and not line.startswith(" ")
               and not line.startswith(f"Claim of {row.document_name}: ")}
    assert at_zero <= headings, at_zero - headings


@pytest.mark.one_backend
def test_summary_leads_each_row_with_its_legacy_call(shown: view.View) -> None:
    lines = printed(shown, "summary", UNWRAPPED).splitlines()
    body = next(i for i, line in enumerate(lines) if line.startswith("backends: ")) + 1
    leads = [line for line in lines[body:] if not line.startswith(" ")]
    assert leads == [f"{legacy_call(r.source['legacy'])}  {r.id}" for r in shown.rows]
    assert "Model.query.get(id)  operations.get_by_id" in printed(shown, "summary", 60)


def lines_of(found: list[Text]) -> list[str]:
    return [line.plain for line in found]


def test_fit_breaks_between_words_and_indents_continuations() -> None:
    text = "aaaa bbbb cccc dddd eeee ffff"
    assert lines_of(table.fit(text, 20)) == ["aaaa bbbb cccc dddd", "    eeee ffff"]
    assert lines_of(table.fit(text, 20, indent=2, hang=0)) == \
        ["  aaaa bbbb cccc", "  dddd eeee ffff"]
    # Its own indent is kept, and continuations hang beyond it.
    assert lines_of(table.fit("  x = f(aaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbb)", 30)) == \
        ["  x = f(aaaaaaaaaa,", "      bbbbbbbbbbbbbbbbbbbbb)"]


def test_a_word_too_long_is_folded_at_a_comma_bracket_slash_or_dot() -> None:
    call = "db.session.scalars(select(Person).filter_by(name=name)).all()"
    # 30 columns: the last fold point within 30 is after "select(", within the 26
    # left to a continuation after "filter_by(".
    found = lines_of(table.fit(call, 30))
    assert found == ["db.session.scalars(select(", "    Person).filter_by(",
                     "    name=name)).all()"]
    assert lines_of(table.fit("see https://example.org/a/b/c", 20)) == \
        ["see", "    https://example", "    .org/a/b/c"]
    # No fold point: cut at the room, only then.
    assert lines_of(table.fit("x" * 40, 20)) == ["x" * 20, "    " + "x" * 16, "    xxxx"]


def test_pack_breaks_between_items_only() -> None:
    items = [Text("as written: behaviour-change"), Text("recommended: identical"),
             Text("Lite: identical")]
    assert lines_of(table.pack(items, 60, indent=4)) == [
        "    as written: behaviour-change · recommended: identical ·",
        "        Lite: identical"]


def test_width_is_columns_else_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "93")
    assert table.width() == 93
    monkeypatch.delenv("COLUMNS")
    assert table.width() == 80  # pytest captures stdout: not a terminal


@pytest.mark.parametrize("command", [[], ["bench"], ["merge"], ["clean"], ["translate"]],
                         ids=["comparisons", "bench", "merge", "clean", "translate"])
def test_help_shows_no_rest_backticks(command: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: python -m comparisons{' ' if command else ''}"
                            f"{''.join(command)} ")
    assert "``" not in shown
