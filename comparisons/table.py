"""The report as rich tables: one per section, a column per backend."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from comparisons.backends import ALL

STYLE = {"identical": "green", "drop-in": "green", "caller-changes": "yellow",
         "behaviour-change": "red", "breaks": "bold red", "both-fail": "magenta"}


def _verdicts(verdicts: dict[str, Any], keys: list[str]) -> Text:
    text = Text()
    for key in keys:
        found = verdicts[key]
        text.append(f"{key.replace('_', ' ')}: ", style="dim")
        text.append(f"{found['verdict']}\n", style=STYLE.get(found["verdict"], ""))
        for sentence in found["differences"]:
            text.append(f"• {sentence}\n")
        if found["differences"] and found["why"]:
            text.append(f"why: {found['why']}\n", style="italic")
    if "claim" in verdicts:
        claim = verdicts["claim"]
        text.append("claim holds\n" if claim["holds"] else "claim does not hold\n",
                    style="green" if claim["holds"] else "red")
        text.append(f"{claim['explanation']}\n", style="italic")
    return text


def render(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    versions = ", ".join(f"{name} {v}" for name, v in report["versions"].items())
    backends = report["backends"]
    skipped = [name for name in ALL if name not in backends]
    console.print(f"[bold]Legacy vs 2.x Flask-SQLAlchemy[/] — {versions}")
    line = f"backends: {', '.join(backends)}"
    if skipped:
        line += f" (not selected: {', '.join(skipped)}; use --db all)"
    console.print(line)
    sections: dict[str, list[dict[str, Any]]] = {}
    for row in report["rows"]:
        sections.setdefault(row["section"], []).append(row)
    for section, rows in sections.items():
        table = Table(title=section, show_lines=True, expand=True)
        table.add_column("row", ratio=1)
        table.add_column("source (legacy → modern)", ratio=2, overflow="fold")
        table.add_column("recommended", ratio=2, overflow="fold")
        for name in backends:
            table.add_column(name, ratio=2, overflow="fold")
        for row in rows:
            # Text, not str: code such as Mapped[int] is not rich markup.
            source = Text(f"{row['source']['legacy']}\n→ {row['source']['modern']}")
            keys = list(row["variants"])
            table.add_row(Text(row["title"]), source,
                          Text(row["variants"][row["recommended"]]),
                          *(_verdicts(row["verdicts"][name], keys) for name in backends))
        console.print(table)
