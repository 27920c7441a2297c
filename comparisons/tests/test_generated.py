"""Generated data: where the catalog declares the recommended modern form ``identical`` or
``drop-in``, it agrees with the legacy code on data sets and arguments nobody chose.

Hypothesis generates the ``person`` table (names with quotes, ``%``, ``_``, backslashes,
NUL, emoji, SQL fragments, 250 characters and more; NULL ages; ties, including names
MariaDB's collation holds equal) and each row's arguments, shaped like its cases'. For
every example both sides run through the row's own observer; the aspects the declared
verdict allows to differ are the only ones that may: none for ``identical``; the SQL
text, the statement count and the warnings for ``drop-in``. Where the backend refuses a
value (NUL on PostgreSQL, a 251st character, an integer out of range), both styles must
refuse it the same way: the same exception, raised at the same point.

Examples per property: the ``ci`` profile runs 200 (``HYPOTHESIS_PROFILE=ci``), the
default ``dev`` profile 20 (see conftest.py).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from comparisons.catalog import ROWS
from comparisons.datasets import DATASETS
from comparisons.lab import Lab
from comparisons.observers import observe_operation
from comparisons.report import sqlalchemy_minor
from comparisons.rows import Case, Row, Variant, judge
from comparisons.verdicts import DIFFERS, INVISIBLE

#: Characters that quoting, LIKE patterns, escaping and encodings trip on.
SPECIAL = ["'", '"', "%", "_", "\\", "\x00", "😀", "🐍", "\u0301", "\u202e", " ", "\t",
           "\n", "ß", "\u0130", "\u0131", "Å"]
FRAGMENTS = ["'; DROP TABLE person; --", "' OR '1'='1", "%' --", "_%", "\\'", "NULL",
             "null", "", " ", "alex", "Alex", "ALEX", "alex ", "bob", "e\u0301", "\u00e9"]
#: Names MariaDB's utf8mb4_unicode_ci holds equal, and plain duplicates: ties.
TIES = ["alex", "Alex", "alex ", "bob", "😀", "😁"]
#: At String(250)'s limit, one past it, far past it; in 1-, 2- and 4-byte characters.
LONG = ["x" * 250, "é" * 250, "😀" * 250, "x" * 251, "y" * 1000]
INT32 = 2**31


def names(backend: str, longest: int | None) -> st.SearchStrategy[str]:
    """Names as a user might store them; without NUL on PostgreSQL (text cannot hold
    it) and at most ``longest`` characters, when given."""
    alphabet = st.one_of(st.sampled_from([c for c in SPECIAL
                                          if backend != "postgresql" or c != "\x00"]),
                         # UTF-8: no lone surrogates, which no driver can send.
                         st.characters(codec="utf-8", exclude_characters="\x00"))
    text = st.text(alphabet, max_size=longest or 300)
    long = [s for s in LONG if longest is None or len(s) <= longest]
    return st.one_of(text, st.sampled_from(FRAGMENTS + TIES + long))


def people(backend: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    """A ``person`` table the backend accepts: String(250), 32-bit ages."""
    ages = st.one_of(st.none(), st.sampled_from([0, 25, 30]),
                     st.integers(-INT32, INT32 - 1))
    longest = None if backend == "sqlite" else 250
    return st.lists(st.fixed_dictionaries({"name": names(backend, longest), "age": ages}),
                    max_size=25)


def integers(stored: list[dict[str, Any]]) -> st.SearchStrategy[int]:
    """Ids, pages and sizes: around the table's, and at the edges of integer types."""
    return st.one_of(st.integers(-2, len(stored) + 3),
                     st.sampled_from([INT32 - 1, INT32, -INT32 - 1, 2**63 - 1, 2**63]))


def arguments(row: Row, backend: str, stored: list[dict[str, Any]]) -> st.SearchStrategy[Any]:
    """Arguments shaped like the row's cases', position by position: an int, a name,
    or an int that may be None (an age). Names often come from the table, to match."""
    shapes = []
    for values in zip(*(case.args for case in row.cases), strict=True):
        kinds = {type(v) for v in values}
        if kinds == {int}:
            shapes.append(integers(stored))
        elif kinds == {str}:
            present = [p["name"] for p in stored]
            shapes.append(st.one_of(names(backend, None), *(
                [st.sampled_from(present)] if present else [])))
        elif kinds == {int, type(None)}:
            shapes.append(st.one_of(st.none(), integers(stored)))
        else:
            raise TypeError(f"{row.id}: no strategy for arguments of types {kinds}")
    return st.tuples(*shapes)


def modern_form(row: Row) -> Variant:
    """The recommended variant, or the source's own where it is the recommended one."""
    keys = [v.key for v in row.variants]
    return row.variant("recommended" if "recommended" in keys else "as_written")


#: Rows on ``person`` whose recommended form is declared identical or a drop-in.
EQUIVALENT = [row for row in ROWS if row.observer is observe_operation
              and modern_form(row).verdict in ("identical", "drop-in")]
_names = (f"generated {n}" for n in itertools.count())


def test_the_equivalent_rows_are_the_read_and_write_rows() -> None:
    """Which rows the properties cover: every identical or drop-in row on ``person``."""
    assert [row.id for row in EQUIVALENT] == [
        "operations.all_records", "operations.get_by_id", "operations.get_by_id_execute",
        "operations.first_result", "operations.pagination", "select.all_people",
        "select.get_by_id", "select.filter", "crud.insert", "crud.update", "crud.delete",
    ]


@pytest.mark.parametrize("row", EQUIVALENT, ids=[row.id for row in EQUIVALENT])
@given(data=st.data())
def test_styles_agree_on_generated_data(lab: Lab, row: Row, data: st.DataObject) -> None:
    backend = lab.backend.name
    variant = modern_form(row)
    verdict, _ = variant.expected(backend, sqlalchemy_minor())
    assert verdict in ("identical", "drop-in")
    stored = data.draw(people(backend), label="person")
    args = data.draw(arguments(row, backend, stored), label="args")
    repeat = data.draw(st.sampled_from((1, 2)), label="repeat")
    case = Case("generated", next(_names), args, repeat)
    DATASETS[case.dataset] = {"person": stored}
    try:
        legacy = row.observer(lab, row.legacy, case)
        modern = row.observer(lab, variant.side, case)
    finally:
        del DATASETS[case.dataset]
    outcome = judge({case.name: legacy}, {case.name: modern})
    differing = {aspect for aspect, state in outcome.aspects.items() if state == DIFFERS}
    allowed = INVISIBLE if verdict == "drop-in" else frozenset()
    assert differing <= allowed, "\n".join(d.sentence() for d in outcome.differences)
    event(f"both raised {legacy.error}" if legacy.error else "both returned")
