"""Rows of the "Comparison Table of Common Operations", the model, SELECT and CRUD."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import legacy.models
import legacy.queries
import legacy.tutorial_models
import modern.as_written
import modern.models
import modern.queries
import modern.tutorial_models
from comparisons.datasets import PER_PAGE
from comparisons.diff import Diff
from comparisons.observers import observe_model, observe_operation
from comparisons.rows import Case, Row, Side, Variant

LEGACY_API = ("LegacyAPIWarning",)

# Cases shared by several rows.
TABLE_CASES = (Case("empty", "empty"), Case("single", "single"), Case("many", "many"))
ID_CASES = (
    Case("existing id", "many", (3,)),
    Case("missing id", "many", (999,)),
    Case("empty table", "empty", (3,)),
    Case("same id twice", "many", (3,), repeat=2),
)
NAME_CASES = (
    Case("two matches", "many", ("alex",)),
    Case("non-ASCII", "many", ("Zoë",)),
    Case("no match", "many", ("nobody",)),
    Case("empty table", "empty", ("alex",)),
)
OR_CASES = (
    Case("name or age", "many", ("alex", 25)),
    Case("NULL ages", "many", ("bob", 60)),
    Case("empty table", "empty", ("alex", 25)),
)
PAGE_CASES = (
    Case("page 1", "many", (1, PER_PAGE)),
    Case("last page (partial)", "many", (3, PER_PAGE)),
    Case("page past the end", "many", (4, PER_PAGE)),
    Case("single row", "single", (1, PER_PAGE)),
    Case("empty table", "empty", (1, PER_PAGE)),
)


# Claimed differences shared by several rows.
LAZY_QUERY = (
    Diff("returns", "Query", "list"),
    Diff("sql runs", "0 at call, 1 on use", "1 at call, 0 on use"),
)
WHY_LAZY = (
    "Query is lazy: its SELECT runs when the caller iterates it. execute() runs the "
    "SELECT at once and .scalars().all() hands back a list of Person."
)


def rows_not_people(cases: str) -> tuple[Diff, ...]:
    """execute() without .scalars(): a Result of one-element Rows, run at once."""
    return (
        Diff("items", "Person", "Row", cases),
        Diff("returns", "Query", "Result"),
        Diff("sql runs", "0 at call, 1 on use", "1 at call, 0 on use"),
    )


WHY_ROWS = (
    "Without .scalars(), execute() returns a Result whose items are Row tuples "
    "(row.Person, row[0]), not Person objects: row.name raises AttributeError. "
    "The SELECT also runs at the call, where the legacy Query waits to be iterated."
)
SAME_ID_TWICE = Diff("statements", "1", "2", "same id twice")
WHY_IDENTITY_MAP = (
    "Query.get and Session.get look in the identity map first: the second call for "
    "the same id sends no SQL. execute(select(...)) always sends its SELECT."
)


def _legacy(function: Callable[..., Any]) -> Side:
    return Side("legacy", function)


def _modern(function: Callable[..., Any]) -> Side:
    return Side("modern", function)


def operation(
    name: str, title: str, tutorial: tuple[str, str], cases: tuple[Case, ...], *,
    section: str = "operations", as_written: tuple[Diff, ...] = (), why: str = "",
    recommended: tuple[Diff, ...] = (), why_recommended: str = "",
    legacy_warnings: tuple[str, ...] = (),
) -> Row:
    """A row whose sides are same-named functions in legacy/ and modern/ modules.

    The modern side as written is ``modern.as_written.<name>`` where the tutorial's
    code differs from the recommendation, else ``modern.queries.<name>`` itself.
    """
    recommendation = _modern(getattr(modern.queries, name))
    written = getattr(modern.as_written, name, None)
    return Row(
        id=f"{section}.{name.removeprefix('select_')}",
        section=section,
        title=title,
        tutorial={"legacy": tutorial[0], "modern": tutorial[1]},
        legacy=_legacy(getattr(legacy.queries, name)),
        as_written=Variant(_modern(written) if written else recommendation, as_written, why),
        recommended=Variant(recommendation, recommended, why_recommended) if written else None,
        cases=cases,
        observer=observe_operation,
        warnings={"legacy": legacy_warnings, "modern": ()},
    )


ROWS: list[Row] = []

ROWS += [
    operation("all_records", "All records",
              ("Model.query.all()", "db.session.execute(select(Model)).scalars().all()"),
              TABLE_CASES),
    operation("get_by_id", "Get by ID",
              ("Model.query.get(id)", "db.session.get(Model, id)"),
              ID_CASES, legacy_warnings=LEGACY_API),
    operation("get_by_id_execute", "Get by ID (execute)",
              ("Model.query.get(id)",
               "db.session.execute(select(Model).where(Model.id == id)).scalar_one()"),
              ID_CASES, legacy_warnings=LEGACY_API,
              as_written=(Diff("raises", "nothing", "NoResultFound", "missing id, empty table"),
                          SAME_ID_TWICE),
              why="scalar_one() demands exactly one row and raises NoResultFound where "
                  "Query.get returns None. " + WHY_IDENTITY_MAP,
              recommended=(SAME_ID_TWICE,), why_recommended=WHY_IDENTITY_MAP),
    operation("simple_filter", "Simple filters",
              ('Model.query.filter_by(name="x")',
               'db.session.execute(select(Model).where(Model.name == "x"))'),
              NAME_CASES,
              as_written=rows_not_people("two matches, non-ASCII"), why=WHY_ROWS,
              recommended=LAZY_QUERY, why_recommended=WHY_LAZY),
    operation("complex_filter", "Complex filters",
              ("Model.query.filter(or_(...))",
               "db.session.execute(select(Model).where(or_(...)))"),
              OR_CASES,
              as_written=rows_not_people("name or age, NULL ages"), why=WHY_ROWS,
              recommended=LAZY_QUERY, why_recommended=WHY_LAZY),
    operation("first_result", "First result",
              ("Model.query.first()", "db.session.execute(select(Model).limit(1)).scalar_one()"),
              TABLE_CASES,
              as_written=(Diff("raises", "nothing", "NoResultFound", "empty"),),
              why="scalar_one() raises NoResultFound on an empty table, where first() "
                  "returns None; .scalars().first() keeps the legacy behaviour."),
    operation("sorting", "Sorting",
              ("Model.query.order_by(Model.name.desc())",
               "db.session.execute(select(Model).order_by(Model.name.desc()))"),
              TABLE_CASES,
              as_written=rows_not_people("single, many"), why=WHY_ROWS,
              recommended=LAZY_QUERY, why_recommended=WHY_LAZY),
    operation("pagination", "Pagination",
              ("Model.query.paginate(page=1, per_page=10)",
               "db.session.execute(select(Model).offset(0).limit(10))"),
              PAGE_CASES,
              as_written=(
                  Diff("items", "Person", "Row", "page 1, last page (partial), single row"),
                  Diff("raises", "NotFound", "nothing", "page past the end"),
                  Diff("returns", "Pagination", "Result",
                       "page 1, last page (partial), single row, empty table"),
                  Diff("statements", "2", "1",
                       "page 1, last page (partial), single row, empty table"),
              ),
              why="paginate() returns a Pagination (items, total, pages), so it sends a "
                  "second SELECT count(*); past the last page it aborts with 404 "
                  "NotFound. offset().limit() sends one SELECT and returns Rows, an "
                  "empty Result past the end. db.paginate(select(...)) is the 2.x "
                  "equivalent."),
]

ROWS += [
    operation("select_all_people", "SELECT: all records, serialized",
              ("all_people = Person.query.all()\n"
               "all_people = list(map(lambda x: x.serialize(), all_people))",
               "all_people = db.session.execute(select(Person)).scalars().all()"),
              TABLE_CASES, section="select",
              as_written=(Diff("items", "dict", "Person", "single, many"),),
              why="The legacy example serializes to dicts; the modern one stops at the "
                  "Person objects. Same records, different items."),
    operation("select_get_by_id", "SELECT: get by ID with execute",
              ("person = Person.query.get(3)",
               "person = db.session.execute(select(Person).where(Person.id == 3))"
               ".scalar_one_or_none()"),
              ID_CASES, section="select", legacy_warnings=LEGACY_API,
              as_written=(SAME_ID_TWICE,), why=WHY_IDENTITY_MAP),
    operation("select_filter", "SELECT: filter records",
              ('all_people = Person.query.filter_by(name = "alex")\n'
               "all_people = list(map(lambda x: x.serialize(), all_people))",
               "people = db.session.execute(\n"
               '    select(Person).where(Person.name == "alex")\n).scalars().all()'),
              NAME_CASES, section="select",
              as_written=(Diff("items", "dict", "Person", "two matches, non-ASCII"),),
              why="The legacy example serializes to dicts; the modern one does not."),
    operation("select_advanced_filter", "SELECT: advanced filters",
              ("Model.query.filter(or_(...))",
               "people = db.session.execute(\n"
               '    select(Person).where(or_(Person.name == "alex", Person.age > 25))\n'
               ").scalars().all()"),
              OR_CASES, section="select", as_written=LAZY_QUERY, why=WHY_LAZY),
]

WRITE_ID_CASES = (
    Case("existing id", "many", (3, "Bob")),
    Case("missing id", "many", (999, "Bob")),
    Case("only row", "single", (1, "Bob")),
)
DELETE_CASES = (
    Case("existing id", "many", (3,)),
    Case("missing id", "many", (999,)),
    Case("only row", "single", (1,)),
    Case("empty table", "empty", (3,)),
)

ROWS += [
    operation("insert", "INSERT",
              ("person = Person(username = <username_value>, email = <email_value>)\n"
               "db.session.add(person)\ndb.session.commit()",
               "person = Person(username = <username_value>, email = <email_value>)\n"
               "db.session.add(person)\ndb.session.commit()"),
              (Case("into empty table", "empty", ("Bob", 40)),
               Case("into many", "many", ("Ross", None)),
               Case("non-ASCII", "single", ("Zoë", 25))),
              section="crud",
              as_written=(
                  Diff("raises", "nothing", "TypeError"),
                  Diff("statements", "1", "0"),
                  Diff("database afterwards", 'also has [{"age": 40, "id": 1, "name": "Bob"}]',
                       "also has []", "into empty table"),
                  Diff("database afterwards",
                       'also has [{"age": null, "id": 24, "name": "Ross"}]', "also has []",
                       "into many"),
                  Diff("database afterwards", 'also has [{"age": 25, "id": 2, "name": "Zoë"}]',
                       "also has []", "non-ASCII"),
              ),
              why="The tutorial's INSERT passes username= and email=, which its Person "
                  "does not have: the declarative constructor raises TypeError before "
                  "any SQL, in either style, and nothing is stored."),
    operation("update", "UPDATE",
              ('person = Person.query.get(3)\nperson.name = "Bob"\ndb.session.commit()',
               'person = db.session.get(Person, 3)\nperson.name = "Bob"\ndb.session.commit()'),
              (*WRITE_ID_CASES, Case("empty table", "empty", (3, "Bob"))),
              section="crud", legacy_warnings=LEGACY_API),
    operation("delete", "DELETE",
              ("person = Person.query.get(3)\ndb.session.delete(person)\ndb.session.commit()",
               "person = db.session.get(Person, 3)\ndb.session.delete(person)\n"
               "db.session.commit()"),
              DELETE_CASES,
              section="crud", legacy_warnings=LEGACY_API),
]

MODEL_DIFFERENCES = (
    Diff("value.Person.query", '"Query"', '"missing"'),
    Diff("value.column name", '"VARCHAR(250) NOT NULL"', '"VARCHAR NOT NULL"'),
)
WHY_MODEL = (
    "Mapped[str] without String(250) is a VARCHAR with no length: SQLite ignores "
    "lengths, PostgreSQL stores names of any length where the legacy column refuses a "
    "251st character, and MariaDB cannot create the table at all (CompileError: "
    "VARCHAR requires a length). The class also subclasses Base, not db.Model, so it "
    "has no Person.query. Neither model has the age column the filter examples use."
)

ROWS.insert(0, Row(
    id="model.person",
    section="model",
    title="Creating our database: the Person model",
    tutorial={
        "legacy": "id = db.Column(db.Integer, primary_key=True)\n"
                  "name = db.Column(db.String(250), nullable=False)",
        "modern": "id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)\n"
                  "name: Mapped[str] = mapped_column(unique=False, nullable=False)",
    },
    legacy=Side("legacy", legacy.tutorial_models),
    as_written=Variant(
        Side("modern", modern.tutorial_models),
        differences=MODEL_DIFFERENCES,  # SQLite
        why=WHY_MODEL,
        on={
            "postgresql": (*MODEL_DIFFERENCES,
                           Diff("value.251-character name", '"refused (DataError)"',
                                '"stored"')),
            "mariadb": (Diff("raises", "nothing", "CompileError"),),
        },
    ),
    recommended=Variant(Side("modern", modern.models),
                        baseline=Side("legacy", legacy.models)),
    cases=(Case("create_all", "empty"),),
    observer=observe_model,
))
