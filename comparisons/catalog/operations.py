"""Rows of the tutorial's "Comparison Table of Common Operations", its model, SELECT and CRUD.

Each row declares, per modern variant, its verdict and differences on every backend,
and why; ``On`` deltas say where a backend differs. The ``lite`` variant is the same
operation on Flask-SQLAlchemy-Lite (``lite.queries``).
"""

from __future__ import annotations

import legacy.models
import legacy.queries as old
import legacy.tutorial_models
import lite.models
import lite.queries as lite_
import lite.tutorial_models
import modern.as_written as written_
import modern.models
import modern.queries as new
import modern.tutorial_models
from comparisons.catalog.build import lite_form, recommended, row, written
from comparisons.engine.datasets import PER_PAGE
from comparisons.observers.operations import observe_model
from comparisons.values.diff import Diff
from comparisons.values.rows import Bench, Case, On, Row, Side

LEGACY_API = ("LegacyAPIWarning",)
QUERY_GET_WARNS = Diff("warnings", "", "LegacyAPIWarning", "none")
WHY_QUERY_GET = (
    "Query.get is legacy in SQLAlchemy 2.0 and warns (LegacyAPIWarning, 'The Query.get() "
    "method is considered legacy'); Session.get does the same identity-map lookup "
    "silently."
)

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
    # 23 people: a total that per_page divides exactly, on one page and on 23.
    Case("one full page (23 of 23)", "many", (1, 23)),
    Case("last of 23 pages of 1", "many", (23, 1)),
    Case("per_page 0", "many", (1, 0)),
)



# What the reads and writes answer on the benchmarks' seed, given a case's arguments.
def _with_id(person: tuple[int, str, int | None], id: int) -> bool:
    return person[0] == id


def _named(person: tuple[int, str, int | None], name: str) -> bool:
    return person[1] == name


def _named_or_older(person: tuple[int, str, int | None], name: str, age: int) -> bool:
    return person[1] == name or (person[2] is not None and person[2] > age)


EVERYONE, BY_ID, BY_NAME = Bench(), Bench(people=_with_id), Bench(people=_named)
BY_NAME_OR_AGE = Bench(people=_named_or_older)

# Differences shared by several rows.
LAZY_QUERY = (
    Diff("kind", "returns", "Query", "list"),
    Diff("timing", "sql runs", "when used", "at the call"),
)
WHY_LAZY = (
    "Query is lazy: its SELECT runs when the caller iterates it. execute() runs the "
    "SELECT at once and .scalars().all() hands back a list of Person."
)


def rows_not_people(cases: str) -> tuple[Diff, ...]:
    """execute() without .scalars(): a Result of one-element Rows, run at once."""
    return (
        Diff("kind", "items", "Person", "Row", cases),
        Diff("kind", "returns", "Query", "Result"),
        Diff("timing", "sql runs", "when used", "at the call"),
    )


WHY_ROWS = (
    "Without .scalars(), execute() returns a Result whose items are Row tuples "
    "(row.Person, row[0]), not Person objects: row.name raises AttributeError. "
    "The SELECT also runs at the call, where the legacy Query waits to be iterated."
)
SAME_ID_TWICE = Diff("statements", "", "1", "2", "same id twice")
SECOND_SELECT = Diff("sql", "only one side sent", "nothing else",
                     "SELECT person.id, person.name, person.age FROM person "
                     "WHERE person.id = :id_1", "same id twice")
WHY_IDENTITY_MAP = (
    "Query.get and Session.get look in the identity map first: the second call for "
    "the same id sends no SQL. execute(select(...)) always sends its SELECT."
)

#: Why a Lite form does what its 2.x twin does: the same code on a plain Session.
ON_LITE = ("On Lite as in 2.x: lite.queries runs the 2.x form's code unchanged, Lite's "
           "db.session being a plain SQLAlchemy Session with the same methods. ")

PAGES_COUNTED = ("page 1, last page (partial), single row, empty table, one full page (23 of 23), "
                 "last of 23 pages of 1")
LEGACY_COUNT = ("SELECT count(*) AS count_1 FROM (SELECT person.id AS person_id, person.name "
                "AS person_name, person.age AS person_age FROM person) AS anon_1")
#: db.paginate's count, and Lite's hand-written one, against Query.paginate's.
SELECT_COUNT = Diff("sql", "statement 2 of 2", LEGACY_COUNT,
                    "SELECT count(*) AS count_1 FROM (SELECT person.id AS id, person.name AS "
                    "name, person.age AS age FROM person) AS anon_1", PAGES_COUNTED)

ROWS: list[Row] = [
    row(
        "operations.all_records", "All records",
        ("Model.query.all()", "db.session.execute(select(Model)).scalars().all()"),
        old.all_records, TABLE_CASES,
        written(new.all_records, "identical"),
        lite_form(why=ON_LITE),
        bench=EVERYONE,
    ),
    row(
        "operations.get_by_id", "Get by ID",
        ("Model.query.get(id)", "db.session.get(Model, id)"),
        old.get_by_id, ID_CASES,
        written(new.get_by_id, "drop-in", QUERY_GET_WARNS, why=WHY_QUERY_GET),
        lite_form(why=ON_LITE),
        warnings=LEGACY_API,
        bench=BY_ID,
    ),
    row(
        "operations.get_by_id_execute", "Get by ID (execute)",
        ("Model.query.get(id)",
         "db.session.execute(select(Model).where(Model.id == id)).scalar_one()"),
        old.get_by_id_execute, ID_CASES,
        written(written_.get_by_id_execute, "behaviour-change",
                Diff("raises", "", "nothing", "NoResultFound", "missing id, empty table"),
                SAME_ID_TWICE, SECOND_SELECT, QUERY_GET_WARNS,
                why="scalar_one() demands exactly one row and raises NoResultFound where "
                    "Query.get returns None. " + WHY_IDENTITY_MAP),
        recommended(new.get_by_id_execute, "drop-in", SAME_ID_TWICE, SECOND_SELECT,
                    QUERY_GET_WARNS,
                    why=WHY_IDENTITY_MAP + " db.session.get(Model, id) is the true "
                        "equivalent (operations.get_by_id)."),
        lite_form(why=ON_LITE),
        warnings=LEGACY_API,
        bench=BY_ID,
    ),
    row(
        "operations.simple_filter", "Simple filters",
        ('Model.query.filter_by(name="x")',
         'db.session.execute(select(Model).where(Model.name == "x"))'),
        old.simple_filter, NAME_CASES,
        written(written_.simple_filter, "caller-changes",
                *rows_not_people("two matches, non-ASCII"), why=WHY_ROWS),
        recommended(new.simple_filter, "caller-changes", *LAZY_QUERY, why=WHY_LAZY),
        lite_form(why=ON_LITE),
        bench=BY_NAME,
    ),
    row(
        "operations.complex_filter", "Complex filters",
        ("Model.query.filter(or_(...))", "db.session.execute(select(Model).where(or_(...)))"),
        old.complex_filter, OR_CASES,
        written(written_.complex_filter, "caller-changes",
                *rows_not_people("name or age, NULL ages"), why=WHY_ROWS),
        recommended(new.complex_filter, "caller-changes", *LAZY_QUERY, why=WHY_LAZY),
        lite_form(why=ON_LITE),
        bench=BY_NAME_OR_AGE,
    ),
    row(
        "operations.first_result", "First result",
        ("Model.query.first()", "db.session.execute(select(Model).limit(1)).scalar_one()"),
        old.first_result, TABLE_CASES,
        written(written_.first_result, "behaviour-change",
                Diff("raises", "", "nothing", "NoResultFound", "empty"),
                why="scalar_one() raises NoResultFound on an empty table, where first() "
                    "returns None."),
        recommended(new.first_result, "identical",
                    why="scalars().first() keeps first()'s None, and its LIMIT 1."),
        lite_form(why=ON_LITE),
        bench=Bench("one"),
    ),
    row(
        "operations.sorting", "Sorting",
        ("Model.query.order_by(Model.name.desc())",
         "db.session.execute(select(Model).order_by(Model.name.desc()))"),
        old.sorting, TABLE_CASES,
        written(written_.sorting, "caller-changes", *rows_not_people("single, many"),
                why=WHY_ROWS),
        recommended(new.sorting, "caller-changes", *LAZY_QUERY, why=WHY_LAZY),
        lite_form(why=ON_LITE),
        bench=EVERYONE,
    ),
    row(
        "operations.pagination", "Pagination",
        ("Model.query.paginate(page=1, per_page=10)",
         "db.session.execute(select(Model).offset(0).limit(10))"),
        old.pagination, PAGE_CASES,
        written(written_.pagination, "behaviour-change",
                Diff("kind", "items", "Person", "Row", "page 1, last page (partial), single row, "
                     "one full page (23 of 23), last of 23 pages of 1"),
                Diff("raises", "", "NotFound", "nothing", "page past the end, per_page 0"),
                Diff("kind", "returns", "Pagination", "Result", PAGES_COUNTED),
                Diff("statements", "", "2", "1", PAGES_COUNTED),
                Diff("sql", "only one side sent", LEGACY_COUNT, "nothing else", PAGES_COUNTED),
                Diff("statements", "", "0", "1", "per_page 0"),
                Diff("sql", "only one side sent", "nothing else",
                     "SELECT person.id, person.name, person.age FROM person "
                     "LIMIT :param_1 OFFSET :param_2", "per_page 0"),
                why="paginate() returns a Pagination (items, total, pages), so it sends a "
                    "second SELECT count(*); past the last page it aborts with 404 "
                    "NotFound. offset().limit() sends one SELECT and returns Rows, an "
                    "empty Result past the end. per_page=0 is a 404 before any SQL for "
                    "paginate() ('if per_page < 1: if error_out: abort(404)', "
                    "Pagination._prepare_page_args); limit(0) is a valid LIMIT 0, an "
                    "empty Result."),
        recommended(new.pagination, "drop-in", SELECT_COUNT,
                    why="db.paginate(select(...)) is Query.paginate for a select(): same "
                        "pages, same 404. Its count wraps the select() as a subquery whose "
                        "columns keep select()'s labels (id), not Query's (person_id): a "
                        "difference in text only, nothing reads those labels."),
        lite_form(lite_.pagination, "caller-changes",
                  Diff("kind", "returns", "Pagination", "Page", PAGES_COUNTED), SELECT_COUNT,
                  why="Lite has no db.paginate: 'It does not provide query recording, "
                      "pagination, query methods, etc.' (its docs). lite.pagination.paginate "
                      "does Query.paginate's work in a dozen lines: the same page SELECT, "
                      "the same count (written as db.paginate writes it), the same 404 past "
                      "the end. It returns a Page: items, page, per_page, total and pages, "
                      "which agree with the Pagination's; has_next, next_num, iter_pages(), "
                      "next() and the rest are not there, so code that reads them changes."),
        bench=Bench("page"),
    ),
    row(
        "select.all_people", "SELECT: all records, serialized",
        ("all_people = Person.query.all()\n"
         "all_people = list(map(lambda x: x.serialize(), all_people))",
         "all_people = db.session.execute(select(Person)).scalars().all()"),
        old.select_all_people, TABLE_CASES,
        written(written_.select_all_people, "caller-changes",
                Diff("kind", "items", "dict", "Person", "single, many"),
                why="The legacy example serializes to dicts; the modern one stops at the "
                    "Person objects. Same records, different items."),
        recommended(new.select_all_people, "identical"),
        lite_form(why=ON_LITE),
        bench=EVERYONE,
    ),
    row(
        "select.get_by_id", "SELECT: get by ID with execute",
        ("person = Person.query.get(3)",
         "person = db.session.execute(select(Person).where(Person.id == 3))"
         ".scalar_one_or_none()"),
        old.select_get_by_id, ID_CASES,
        written(new.select_get_by_id, "drop-in", SAME_ID_TWICE, SECOND_SELECT, QUERY_GET_WARNS,
                why=WHY_IDENTITY_MAP),
        lite_form(why=ON_LITE),
        warnings=LEGACY_API,
        bench=BY_ID,
    ),
    row(
        "select.filter", "SELECT: filter records",
        ('all_people = Person.query.filter_by(name = "alex")\n'
         "all_people = list(map(lambda x: x.serialize(), all_people))",
         "people = db.session.execute(\n"
         '    select(Person).where(Person.name == "alex")\n).scalars().all()'),
        old.select_filter, NAME_CASES,
        written(written_.select_filter, "caller-changes",
                Diff("kind", "items", "dict", "Person", "two matches, non-ASCII"),
                why="The legacy example serializes to dicts; the modern one does not."),
        recommended(new.select_filter, "identical"),
        lite_form(why=ON_LITE),
        bench=BY_NAME,
    ),
    row(
        "select.advanced_filter", "SELECT: advanced filters",
        ("Model.query.filter(or_(...))",
         "people = db.session.execute(\n"
         '    select(Person).where(or_(Person.name == "alex", Person.age > 25))\n'
         ").scalars().all()"),
        old.select_advanced_filter, OR_CASES,
        written(new.select_advanced_filter, "caller-changes", *LAZY_QUERY, why=WHY_LAZY),
        lite_form(why=ON_LITE),
        bench=BY_NAME_OR_AGE,
    ),
]

COUNT_FILTER_SQL = Diff(
    "sql", "statement 1 of 1",
    "SELECT count(*) AS count_1 FROM (SELECT person.id AS person_id, person.name AS "
    "person_name, person.age AS person_age FROM person WHERE person.name = :name_1) AS anon_1",
    "SELECT count(*) AS count_1 FROM person WHERE person.name = :name_1")
WHY_COUNT_FILTER = (
    "The same number in every case, on every backend. Query.count() 'generates the SQL "
    "for this Query as follows: SELECT count(1) AS count_1 FROM (SELECT <rest of query "
    "follows...>) AS anon_1' (SQLAlchemy's Query.count docs; it sends count(*)): the "
    "filtered query, every column, wrapped in a subquery. The migration guide's 2.x form for count(), "
    "session.scalar(select(func.count()).select_from(User)), counts the table "
    "directly; filter_by() on it adds the WHERE to that one SELECT. Over one table "
    "without DISTINCT, GROUP BY or LIMIT the two count the same rows."
)

ROWS += [
    row(
        "operations.count_filter", "Count after filter",
        ("Model.query.filter_by(name=n).count()",
         "db.session.scalar(select(func.count()).select_from(Model).filter_by(name=n))"),
        old.count_filter, NAME_CASES,
        written(new.count_filter, "drop-in", COUNT_FILTER_SQL, why=WHY_COUNT_FILTER),
        lite_form(why=ON_LITE),
        document="guide",
        bench=Bench("count", people=_named),
    ),
]

WRITE_ID_CASES = (
    Case("existing id", "many", (3, "Bob")),
    Case("missing id", "many", (999, "Bob")),
    Case("only row", "single", (1, "Bob")),
    Case("empty table", "empty", (3, "Bob")),
)
DELETE_CASES = (
    Case("existing id", "many", (3,)),
    Case("missing id", "many", (999,)),
    Case("only row", "single", (1,)),
    Case("empty table", "empty", (3,)),
)
INSERT_CASES = (
    Case("into empty table", "empty", ("Bob", 40)),
    Case("into many", "many", ("Ross", None)),
    Case("non-ASCII", "single", ("Zoë", 25)),
)

ROWS += [
    row(
        "crud.insert", "INSERT",
        ("person = Person(username = <username_value>, email = <email_value>)\n"
         "db.session.add(person)\ndb.session.commit()",
         "person = Person(username = <username_value>, email = <email_value>)\n"
         "db.session.add(person)\ndb.session.commit()"),
        old.insert, INSERT_CASES,
        written(written_.insert, "breaks",
                Diff("raises", "", "nothing", "TypeError"),
                Diff("statements", "", "1", "0"),
                Diff("sql", "only one side sent",
                     "INSERT INTO person (name, age) VALUES (:name, :age)", "nothing else"),
                Diff("state", "person afterwards",
                     'also has [{"age": 40, "id": 1, "name": "Bob"}]', "also has []",
                     "into empty table"),
                Diff("state", "person afterwards",
                     'also has [{"age": null, "id": 24, "name": "Ross"}]', "also has []",
                     "into many"),
                Diff("state", "person afterwards",
                     'also has [{"age": 25, "id": 2, "name": "Zoë"}]', "also has []",
                     "non-ASCII"),
                why="The tutorial's INSERT passes username= and email=, which its Person "
                    "does not have: the declarative constructor raises TypeError before "
                    "any SQL, in either style, and nothing is stored. The legacy side "
                    "here is the corrected Person(name=..., age=...)."),
        recommended(new.insert, "identical"),
        lite_form(why=ON_LITE),
        bench=Bench("inserted"),
    ),
    row(
        "crud.update", "UPDATE",
        ('person = Person.query.get(3)\nperson.name = "Bob"\ndb.session.commit()',
         'person = db.session.get(Person, 3)\nperson.name = "Bob"\ndb.session.commit()'),
        old.update, WRITE_ID_CASES,
        written(new.update, "drop-in", QUERY_GET_WARNS, why=WHY_QUERY_GET),
        lite_form(why=ON_LITE),
        warnings=LEGACY_API,
        bench=Bench("renamed"),
    ),
    row(
        "crud.delete", "DELETE",
        ("person = Person.query.get(3)\ndb.session.delete(person)\ndb.session.commit()",
         "person = db.session.get(Person, 3)\ndb.session.delete(person)\n"
         "db.session.commit()"),
        old.delete, DELETE_CASES,
        written(new.delete, "drop-in", QUERY_GET_WARNS, why=WHY_QUERY_GET),
        lite_form(why=ON_LITE),
        warnings=LEGACY_API,
        bench=Bench("deleted"),
    ),
]

LEGACY_DDL = "CREATE TABLE person ( id INTEGER NOT NULL, name VARCHAR(250) NOT NULL, PRIMARY KEY (id) )"
MODERN_DDL = "CREATE TABLE person ( id INTEGER NOT NULL, name VARCHAR NOT NULL, PRIMARY KEY (id) )"
REFUSED_LONG = "INSERT INTO person (name) VALUES (:name) (refused: DataError)"
SCHEMA_DIFFERENCES = (
    Diff("values", "Person.query", "Query", "missing"),
    Diff("values", "person.name", "VARCHAR(250) NOT NULL", "VARCHAR NOT NULL"),
)
DDL_DIFFERS = Diff("sql", "statement 3 of 7", LEGACY_DDL, MODERN_DDL)
WHY_MODEL = (
    "Mapped[str] without String(250) is a VARCHAR with no length: SQLite ignores "
    "lengths, PostgreSQL stores names of any length where the legacy column refuses a "
    "251st character, and MariaDB cannot create the table at all (CompileError: "
    "VARCHAR requires a length). The class also subclasses Base, not db.Model, so it "
    "has no Person.query. Neither model has the age column the filter examples use."
)

#: Where the tutorial's modern Person differs from its legacy one besides SQLite.
MODEL_WRITTEN_ON = (
    # The legacy column refuses the 251st character; the modern stores it.
    On(backend="postgresql", drop=(DDL_DIFFERS,), add=(
        Diff("values", "251-character name", "refused (DataError)",
             "stored"),
        Diff("statements", "", "5", "6"),
        Diff("sql", "only one side sent", f"{LEGACY_DDL} | {REFUSED_LONG}",
             f"{MODERN_DDL} | INSERT INTO person (name) VALUES (:name) | "
             "SELECT person.name FROM person"))),
    # CREATE TABLE itself fails to compile: nothing is sent after it.
    On(backend="mariadb", verdict="breaks",
       drop=(*SCHEMA_DIFFERENCES, DDL_DIFFERS), add=(
           Diff("raises", "", "nothing", "CompileError"),
           Diff("statements", "", "5", "1"),
           Diff("sql", "only one side sent",
                f"{LEGACY_DDL} | {REFUSED_LONG} | "
                "DESCRIBE `<namespace>`.`person` | DROP TABLE person",
                "nothing else"))),
)
WHY_MODEL_LITE = (
    "The tutorial's modern Person already subclasses Base, which is what Lite asks for "
    "(Lite has no db.Model; 'each model subclasses the base', its docs say): on Lite it "
    "runs unchanged, and differs from the legacy model exactly as on Flask-SQLAlchemy. "
    + WHY_MODEL
)
WHY_MODEL_LITE_RECOMMENDED = (
    "lite.models.Person is schema-identical to the legacy Person (the same DDL, the same "
    "refusal of a 251st character); only Person.query is missing. Lite's models subclass "
    "a plain DeclarativeBase, which has no query property, and Lite has no db.Model to "
    "give one ('It does not provide ... query methods', its docs): every Model.query "
    "call site becomes db.session.get(...) or db.session.execute(select(...)), the Lite "
    "forms of the operations rows. Flask-SQLAlchemy 3.1's db.Model still has it."
)

ROWS.insert(0, row(
    "model.person", "Creating our database: the Person model",
    ("id = db.Column(db.Integer, primary_key=True)\n"
     "name = db.Column(db.String(250), nullable=False)",
     "id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)\n"
     "name: Mapped[str] = mapped_column(unique=False, nullable=False)"),
    Side("legacy", legacy.tutorial_models), (Case("create_all", "empty"),),
    written(Side("modern", modern.tutorial_models), "behaviour-change",
            *SCHEMA_DIFFERENCES, DDL_DIFFERS, why=WHY_MODEL, on=MODEL_WRITTEN_ON),
    recommended(Side("modern", modern.models), "identical",
                baseline=Side("legacy", legacy.models)),
    lite_form(Side("lite", lite.tutorial_models), "behaviour-change",
              *SCHEMA_DIFFERENCES, DDL_DIFFERS, why=WHY_MODEL_LITE, on=MODEL_WRITTEN_ON,
              name="as_written"),
    lite_form(Side("lite", lite.models), "behaviour-change", SCHEMA_DIFFERENCES[0],
              why=WHY_MODEL_LITE_RECOMMENDED, baseline=Side("legacy", legacy.models)),
    observer=observe_model,
))
