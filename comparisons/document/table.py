"""The report in the terminal: one line per row, or a row in full (``--details``, ``--row``).

Lines are printed without wrapping (``soft_wrap``): piped, a row stays one line and
code is never broken inside an identifier.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from comparisons.databases.backends import ALL
from comparisons.document.view import ShownRow, ShownVariant, View

STYLE = {"identical": "green", "drop-in": "cyan", "caller-changes": "yellow",
         "behaviour-change": "dark_orange", "breaks": "bold red", "both-fail": "magenta"}
#: Below this width, code is printed one side after the other instead of side by side.
SIDE_BY_SIDE = 110
TITLE_WIDTH = 34


def header(view: View, console: Console) -> None:
    versions = ", ".join(f"{name} {version}" for name, version in view.versions.items())
    backends = list(dict.fromkeys(c.backend for c in view.columns))
    line = Text()
    line.append(f"Legacy Flask-SQLAlchemy vs 2.x and Lite — {versions}\n", style="bold")
    line.append(f"backends: {', '.join(c.label for c in view.columns)}")
    skipped = [name for name in ALL if name not in backends]
    if skipped:
        line.append(f" (not selected: {', '.join(skipped)}; use --db all)")
    console.print(line, soft_wrap=True)


def verdicts(variant: ShownVariant) -> Text:
    """``drop-in``, or ``drop-in on sqlite; breaks on mariadb`` where columns disagree.

    Columns are grouped by the verdict word alone: the differences behind it are for
    ``--details``.
    """
    words: dict[str, list[str]] = {}
    for group in variant.groups:
        words.setdefault(group.verdict.verdict, []).extend(c.label for c in group.columns)
    text = Text()
    for index, (word, labels) in enumerate(words.items()):
        text.append("; " if index else "")
        text.append(word, style=STYLE.get(word, ""))
        if len(words) > 1:
            text.append(f" on {', '.join(labels)}", style="dim")
    return text if words else Text("not run", style="dim")


def summary_line(row: ShownRow, id_width: int) -> Text:
    title = row.title if len(row.title) <= TITLE_WIDTH else row.title[: TITLE_WIDTH - 1] + "…"
    line = Text()
    line.append(f"{row.id:<{id_width}}  ", style="bold")
    line.append(f"{title:<{TITLE_WIDTH}}  ")
    for index, variant in enumerate(row.variants):
        line.append(" · " if index else "", style="dim")
        line.append(f"{variant.label}: ", style="dim")
        line.append_text(verdicts(variant))
    return line


def summary(view: View, console: Console) -> None:
    header(view, console)
    id_width = max((len(row.id) for row in view.rows), default=0)
    for row in view.rows:
        console.print(summary_line(row, id_width), soft_wrap=True)


def _code(code: str) -> Syntax:
    return Syntax(code, "python", theme="ansi_dark", background_color="default",
                  word_wrap=False)


def _grid(title_left: str, left: str, title_right: str, right: str) -> Table:
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    grid.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    grid.add_row(Text(title_left, style="bold"), Text(title_right, style="bold"))
    grid.add_row(_code(left), _code(right))
    return grid


def _indented(code: str) -> Text:
    return Text("\n".join(f"    {line}" for line in code.splitlines()))


def _variant(row: ShownRow, variant: ShownVariant, console: Console) -> None:
    """The variant's code (beside the legacy code on a wide terminal) and its verdicts."""
    title = f"{variant.label} ({variant.target})"
    if console.width >= SIDE_BY_SIDE:
        console.print(_grid("legacy", row.legacy, title, variant.code))
    else:
        console.print(Text(title, style="bold"), soft_wrap=True)
        console.print(_indented(variant.code), soft_wrap=True)
    for group in variant.groups:
        line = Text("  ")
        line.append(group.verdict.verdict, style=STYLE.get(group.verdict.verdict, ""))
        line.append(f" on {group.label}", style="dim")
        console.print(line, soft_wrap=True)
        for sentence in group.verdict.differences:
            console.print(Text(f"    • {sentence}"), soft_wrap=True)
        if group.verdict.why:
            console.print(Text(f"    why: {group.verdict.why}", style="italic"), soft_wrap=True)


def row_details(row: ShownRow, console: Console) -> None:
    console.print(Rule(Text(f"{row.id}: {row.title}", style="bold"), align="left"))
    console.print(Text(f"As {row.document_name} writes it:", style="dim"), soft_wrap=True)
    console.print(Text(f"  legacy  {row.source['legacy']}\n  2.x     {row.source['modern']}"),
                  soft_wrap=True)
    if console.width < SIDE_BY_SIDE:
        console.print(Text("\nlegacy (the code that ran)", style="bold"))
        console.print(_indented(row.legacy), soft_wrap=True)
    for variant in row.variants:
        console.print()
        _variant(row, variant, console)
    if row.claim is not None:
        console.print(Text(f"\nClaim of {row.document_name}: “{row.claim.text}”"), soft_wrap=True)
        for columns, holds, explanation in row.claim.outcomes:
            line = Text("  ")
            line.append("holds" if holds else "does not hold", style="green" if holds else "red")
            line.append(f" on {', '.join(c.label for c in columns)}: {explanation}")
            console.print(line, soft_wrap=True)
    for sent in row.sql:
        console.print(Text(f"\nSQL on {sent.column.label} (first case)", style="dim"))
        for side, statements in sent.sides:
            for statement in statements or ("(no statement)",):
                console.print(Text(f"  {side:<12} {statement}", style="dim"), soft_wrap=True)


def details(view: View, row_ids: Sequence[str], console: Console) -> None:
    header(view, console)
    for row_id in row_ids:
        console.print()
        row_details(view.row(row_id), console)

