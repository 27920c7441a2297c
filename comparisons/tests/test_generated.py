"""Generated data: where the catalog declares the recommended modern form ``identical`` or
``drop-in``, it agrees with the legacy code on data sets and arguments nobody chose.

Hypothesis generates the tables a row's cases seed (``person``; the migration guide's
authors, addresses, articles, topics and their links) with names holding quotes, ``%``,
``_``, backslashes, NUL, emoji, SQL fragments, a column's full length and more; NULLs;
ties, including names MariaDB's collation holds equal; and each row's arguments, shaped
like one of its cases'. For every example both sides run through the row's own observer;
the aspects the declared verdict allows to differ are the only ones that may: none for
``identical``; the SQL text, the statement count and the warnings for ``drop-in``. Where
the backend refuses a value (NUL on PostgreSQL, a character past the column's length, an
integer out of range), both styles must refuse it the same way: the same exception,
raised at the same point.

The rows are chosen by what the catalog declares, never by id: every row the operation
observer runs whose recommended form is declared ``identical`` or ``drop-in`` on some
backend and SQLAlchemy version (on the others its property is skipped). The properties
run under ``pytest -m slow``; plain ``pytest`` checks that every such row has one, with
a generator for its tables and a strategy for each of its arguments.

Examples per property: the ``ci`` profile runs 200 (``HYPOTHESIS_PROFILE=ci``), the
default ``dev`` profile 5 (see conftest.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from comparisons.catalog import ROWS
from comparisons.databases.backends import ALL
from comparisons.document.report import sqlalchemy_minor
from comparisons.engine.datasets import DATASETS
from comparisons.engine.judge import judge
from comparisons.engine.lab import Lab
from comparisons.observers.operations import observe_operation
from comparisons.values.rows import Case, Row, Variant
from comparisons.values.verdicts import DIFFERS, INVISIBLE

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


def people(backend: str) -> st.SearchStrategy[dict[str, list[dict[str, Any]]]]:
    """A ``person`` table the backend accepts: String(250), 32-bit ages."""
    ages = st.one_of(st.none(), st.sampled_from([0, 25, 30]),
                     st.integers(-INT32, INT32 - 1))
    rows = st.fixed_dictionaries({"name": names(backend, _limit(backend, 250)), "age": ages})
    return st.fixed_dictionaries({"person": st.lists(rows, max_size=25)})


def guide(backend: str) -> st.SearchStrategy[dict[str, list[dict[str, Any]]]]:
    """The migration guide's tables: authors (String(50) names, NULL fullnames), then
    addresses and articles of those authors (NOT NULL keys), emails shared or repeated,
    topics (String(50) names, repeats) and links of articles to topics, each pair once."""
    authors = st.lists(st.fixed_dictionaries({
        "name": names(backend, _limit(backend, 50)),
        "fullname": st.none() | names(backend, _limit(backend, 100)),
    }), max_size=10)
    topics = st.lists(st.fixed_dictionaries({"name": names(backend, _limit(backend, 50))}),
                      max_size=6)

    def children(people: list[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        text = names(backend, _limit(backend, 100))
        owner = st.integers(1, max(len(people), 1))
        emails = st.one_of(text, st.sampled_from(["alex@example.com", "shared@example.com"]))
        addresses = st.lists(st.fixed_dictionaries({"author_id": owner, "email": emails}),
                             max_size=12 if people else 0)
        articles = st.lists(st.fixed_dictionaries({"author_id": owner, "title": text}),
                            max_size=12 if people else 0)

        def linked(found: tuple[list[Any], list[Any], list[Any]]) -> st.SearchStrategy[Any]:
            addressed, written, named = found
            pairs = st.lists(st.tuples(st.integers(1, max(len(written), 1)),
                                       st.integers(1, max(len(named), 1))),
                             unique=True, max_size=12 if written and named else 0)
            # A dict built here, parents first: the seeder inserts tables in its order.
            # Links in key order, the order the lab reads a table back in to check it.
            return pairs.map(lambda chosen: {
                "author": people, "address": addressed, "article": written, "topic": named,
                "article_topic": [{"article_id": a, "topic_id": t} for a, t in sorted(chosen)]})

        return st.tuples(addresses, articles, topics).flatmap(linked)

    return authors.flatmap(children)


def ingredients(backend: str) -> st.SearchStrategy[dict[str, list[dict[str, Any]]]]:
    """The walkthroughs' ``ingredient`` table: String(250) names, NOT NULL, repeats."""
    rows = st.fixed_dictionaries({"name": names(backend, _limit(backend, 250))})
    return st.fixed_dictionaries({"ingredient": st.lists(rows, max_size=10)})


def _limit(backend: str, length: int) -> int | None:
    """A String(length) column's limit, where the backend enforces it (not SQLite)."""
    return None if backend == "sqlite" else length


#: Data set generators by the tables a row's cases seed.
TABLES = {frozenset({"person"}): people,
          frozenset({"author", "address", "article", "topic", "article_topic"}): guide,
          frozenset({"ingredient"}): ingredients}


def integers(size: int) -> st.SearchStrategy[int]:
    """Ids, pages and sizes: around the table's, and at the edges of integer types."""
    return st.one_of(st.integers(-2, size + 3),
                     st.sampled_from([INT32 - 1, INT32, -INT32 - 1, 2**63 - 1, 2**63]))


#: Arguments that choose what the code does rather than carry data (a SQL text, a
#: method to call, a column name): drawn from the row's own cases only.
CHOICES = {("guide.from_statement", 0), ("dynamic.relationship", 1)}


def arguments(row: Row, backend: str, stored: Mapping[str, list[dict[str, Any]]]
              ) -> st.SearchStrategy[tuple[Any, ...]]:
    """Arguments shaped like one of the row's cases, position by position: an int
    (perhaps None), a bool, a name (often one the tables hold, to match), or one of the
    cases' own values where they mix types or choose what the code does."""
    texts = sorted({v for rows in stored.values() for r in rows for v in r.values()
                    if isinstance(v, str)})
    size = max((len(rows) for rows in stored.values()), default=0)

    def position(index: int) -> st.SearchStrategy[Any]:
        seen = [case.args[index] for case in row.cases if len(case.args) > index]
        kinds = {type(v) for v in seen}
        if (row.id, index) in CHOICES or len(kinds - {type(None)}) > 1:
            return st.sampled_from(seen)
        if kinds == {bool}:
            return st.booleans()
        if kinds <= {int, type(None)}:
            number = integers(size)
            return st.one_of(st.none(), number) if type(None) in kinds else number
        if kinds == {str}:
            return st.one_of(names(backend, None), st.sampled_from(seen + texts))
        raise TypeError(f"{row.id}: no strategy for argument {index} of types {kinds}")

    # Every position's strategy made now: a row none fits fails here, not when drawn.
    positions = [position(i) for i in range(max(len(case.args) for case in row.cases))]
    return st.sampled_from(row.cases).flatmap(
        lambda case: st.tuples(*positions[:len(case.args)]))


def modern_form(row: Row) -> Variant:
    """The recommended variant, or the source's own where it is the recommended one."""
    keys = [v.key for v in row.variants]
    return row.variant("recommended" if "recommended" in keys else "as_written")


def tables(row: Row) -> frozenset[str]:
    return frozenset(name for case in row.cases for name in DATASETS[case.dataset])


#: Where a declaration may differ: every backend, both SQLAlchemy versions supported.
PLACES = [(backend, version) for backend in ALL for version in ("2.0", "2.1")]
EQUIVALENCES = ("identical", "drop-in")


def equivalent_on(row: Row, backend: str, version: str) -> bool:
    return modern_form(row).expected(backend, version)[0] in EQUIVALENCES


#: Rows run by the operation observer whose recommended form is declared identical or a
#: drop-in somewhere.
EQUIVALENT = [row for row in ROWS if row.observer is observe_operation
              and any(equivalent_on(row, *place) for place in PLACES)]
_names = (f"generated {n}" for n in itertools.count())


@pytest.mark.parametrize("row", EQUIVALENT, ids=[row.id for row in EQUIVALENT])
def test_every_equivalent_row_has_a_generated_data_property(row: Row) -> None:
    """Each such row (on ``person`` or the guide's tables: no other has a generator)
    can be generated for on every backend: its tables and each of its arguments."""
    assert tables(row) in TABLES, f"{row.id}: no generator for tables {sorted(tables(row))}"
    for backend in ALL:
        arguments(row, backend, {"person": [{"name": "alex", "age": 3}]})


def test_the_operation_rows_include_identical_ones_on_person_and_the_guides_tables() -> None:
    """The selection is not empty where the properties matter most."""
    covered = {tables(row) for row in EQUIVALENT}
    assert covered == set(TABLES)


@pytest.mark.slow  # run by `pytest -m slow` (CI), not by default
@pytest.mark.parametrize("row", EQUIVALENT, ids=[row.id for row in EQUIVALENT])
def test_styles_agree_on_generated_data(lab: Lab, row: Row) -> None:
    backend = lab.backend.name
    if not equivalent_on(row, backend, sqlalchemy_minor()):
        pytest.skip(f"{row.id} is not declared identical or drop-in on {backend}")
    _agree(lab, row)


@given(data=st.data())
def _agree(lab: Lab, row: Row, data: st.DataObject) -> None:
    backend = lab.backend.name
    variant = modern_form(row)
    verdict, _ = variant.expected(backend, sqlalchemy_minor())
    stored = data.draw(TABLES[tables(row)](backend), label="tables")
    args = data.draw(arguments(row, backend, stored), label="args")
    repeat = data.draw(st.sampled_from((1, 2)), label="repeat")
    case = Case("generated", next(_names), args, repeat)
    DATASETS[case.dataset] = stored
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
