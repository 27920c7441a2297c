"""The report JSON as the document shows it: columns, variants, verdicts grouped.

One view serves the HTML page, the Markdown file and the terminal, so the three
cannot disagree about what a row's verdicts are. Nothing here formats; it only
arranges what the JSON holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from comparisons.databases.backends import ALL
from comparisons.document.coverage import SOURCES
from comparisons.values.verdicts import VERDICTS

#: How a sentence names the document a row's source code comes from ("As ... writes
#: it"): the two sources whose tables the coverage lists, then the documents of the
#: rows beyond them (a row's ``document`` in the catalog).
DOCUMENTS = {**{source.key: source.title for source in SOURCES},
             "flask-sqlalchemy": "Flask-SQLAlchemy's documentation",
             "lite": "Flask-SQLAlchemy-Lite's documentation"}


@dataclass(frozen=True)
class Column:
    """A verdict column: a backend, on one SQLAlchemy version when runs were merged."""

    key: str  # "sqlite", or "sqlite@sqlalchemy-2.0" in a merged report
    backend: str
    sqlalchemy: str | None

    @property
    def label(self) -> str:
        return self.backend if self.sqlalchemy is None else f"{self.backend} · SA {self.sqlalchemy}"


def column(key: str) -> Column:
    backend, _, version = key.partition("@")
    return Column(key, backend, version.removeprefix("sqlalchemy-") or None)


@dataclass(frozen=True)
class Verdict:
    verdict: str
    differences: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Group:
    """Columns on which a variant got the same verdict, differences and why."""

    columns: tuple[Column, ...]
    verdict: Verdict

    @property
    def label(self) -> str:
        return ", ".join(c.label for c in self.columns)


@dataclass(frozen=True)
class ShownVariant:
    """A variant as the report shows it: its label, target, code and verdict cells."""

    name: str
    label: str  # "as written", "recommended", "Lite", "Lite: write_only"
    target: str  # "Flask-SQLAlchemy 3.1, 2.x style"
    code: str
    cells: tuple[Verdict | None, ...]  # one per column
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Claim:
    text: str
    #: (columns, holds, explanation) with equal outcomes grouped.
    outcomes: tuple[tuple[tuple[Column, ...], bool, str], ...]


@dataclass(frozen=True)
class Sql:
    column: Column
    sides: tuple[tuple[str, tuple[str, ...]], ...]  # (side label, statements)


@dataclass(frozen=True)
class ShownRow:
    """A row as the report shows it, read from the report JSON (not a catalog Row)."""

    id: str
    section: str
    title: str
    document: str
    source: Mapping[str, str]
    legacy: str
    variants: tuple[ShownVariant, ...]
    claim: Claim | None
    sql: tuple[Sql, ...]
    search: str  # lower-case text the search box matches against

    @property
    def document_name(self) -> str:
        return DOCUMENTS.get(self.document, self.document)


@dataclass(frozen=True)
class View:
    versions: Mapping[str, str]  # a merged report's several versions joined: "2.0.44 / 2.1.9"
    columns: tuple[Column, ...]
    variant_names: tuple[str, ...]
    rows: tuple[ShownRow, ...]

    def row(self, row_id: str) -> ShownRow:
        return next(row for row in self.rows if row.id == row_id)


def variant_label(name: str) -> str:
    if name == "lite":
        return "Lite"
    if name.startswith("lite."):
        return f"Lite: {name.removeprefix('lite.').replace('_', ' ')}"
    return name.replace("_", " ")


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[Column, ...]:
    keys = dict.fromkeys(key for row in rows for key in row["verdicts"])
    found = [column(key) for key in keys]
    order = {name: index for index, name in enumerate(ALL)}
    return tuple(sorted(found, key=lambda c: (order.get(c.backend, len(order)), c.backend,
                                              c.sqlalchemy or "")))


def _verdict(found: Mapping[str, Any] | None) -> Verdict | None:
    if found is None:
        return None
    if found["verdict"] not in VERDICTS:
        raise ValueError(f"unknown verdict {found['verdict']!r}")
    return Verdict(found["verdict"], tuple(found.get("differences", ())), found.get("why", ""))


def _groups(columns: Sequence[Column], cells: Sequence[Verdict | None]) -> tuple[Group, ...]:
    grouped: dict[Verdict, list[Column]] = {}
    for col, cell in zip(columns, cells, strict=True):
        if cell is not None:
            grouped.setdefault(cell, []).append(col)
    return tuple(Group(tuple(cols), verdict) for verdict, cols in grouped.items())


def _variant(row: Mapping[str, Any], name: str, columns: Sequence[Column],
             targets: Mapping[str, str]) -> ShownVariant:
    cells = tuple(_verdict(row["verdicts"].get(c.key, {}).get(name)) for c in columns)
    target = row.get("targets", {}).get(name, "modern")
    return ShownVariant(name, variant_label(name), targets.get(target, target),
                   row["variants"][name], cells, _groups(columns, cells))


def _claim(row: Mapping[str, Any], columns: Sequence[Column]) -> Claim | None:
    found = [(c, row["verdicts"][c.key]["claim"]) for c in columns
             if "claim" in row["verdicts"].get(c.key, {})]
    if not found:
        return None
    outcomes: dict[tuple[bool, str], list[Column]] = {}
    for col, claim in found:
        outcomes.setdefault((claim["holds"], claim["explanation"]), []).append(col)
    return Claim(found[0][1]["text"],
                 tuple((tuple(cols), holds, why) for (holds, why), cols in outcomes.items()))


def _sql(row: Mapping[str, Any], columns: Sequence[Column]) -> tuple[Sql, ...]:
    sent = row.get("sql", {})
    return tuple(
        Sql(c, tuple((variant_label(side), tuple(statements))
                     for side, statements in sent[c.key].items()))
        for c in columns if sent.get(c.key)
    )


def _search_text(row: ShownRow) -> str:
    parts: list[str] = [row.id, row.title, row.document, *row.source.values(), row.legacy]
    for variant in row.variants:
        parts += [variant.label, variant.code]
        for group in variant.groups:
            parts += [group.verdict.verdict, *group.verdict.differences, group.verdict.why]
    if row.claim is not None:
        parts += [row.claim.text, *(why for _, _, why in row.claim.outcomes)]
    return " ".join(" ".join(parts).split()).lower()


def _row(row: Mapping[str, Any], columns: Sequence[Column], targets: Mapping[str, str]) -> ShownRow:
    variants = tuple(_variant(row, name, columns, targets) for name in row["variants"])
    view = ShownRow(row["id"], row["section"], row["title"], row.get("document", "tutorial"),
               row["source"], row["legacy"], variants,
               _claim(row, columns), _sql(row, columns), search="")
    return ShownRow(**{**view.__dict__, "search": _search_text(view)})


def build(report: Mapping[str, Any]) -> View:
    rows: Sequence[Mapping[str, Any]] = report["rows"]
    columns = _columns(rows)
    targets = report.get("targets", {})
    names = dict.fromkeys(name for row in rows for name in row["variants"])
    versions = {name: " / ".join(map(str, found)) if isinstance(found, list) else str(found)
                for name, found in report["versions"].items()}
    return View(versions, columns, tuple(names),
                tuple(_row(row, columns, targets) for row in rows))


def verdict_counts(view: View) -> dict[str, int]:
    """How many (row, variant, column) verdicts each verdict word got."""
    counts = dict.fromkeys(VERDICTS, 0)
    for cell in _cells(view.rows):
        counts[cell.verdict] += 1
    return counts


def _cells(rows: Iterable[ShownRow]) -> Iterable[Verdict]:
    for row in rows:
        for variant in row.variants:
            yield from (cell for cell in variant.cells if cell is not None)
