"""Forms SQLAlchemy 2.0 removed: the legacy call that now raises, and its replacements.

Issue 17, point 4. Each row's legacy side is the legacy form that still runs on the
installed SQLAlchemy (``legacy.removed``): the baseline a legacy app keeps. Its
``removed_form`` variant is the removed call itself, as 1.x code wrote it, run on the
same legacy app: its function is in ``legacy/``, so the lab runs it in the legacy style
(``build.side``: a function's package is its style). It is declared ``breaks``, with
the exception class the observer records; its ``why`` quotes the message, as the
installed SQLAlchemy words it (the same on 2.0.58 and 2.1.9, on every backend). The
2.x replacement (``modern.removed``) and its Lite form are compared with the same
legacy side. Commonest first.
"""

from __future__ import annotations

import legacy.removed as old
import modern.removed as new
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.guide_common import GUIDE, NAME_CASES, QUERY_UNIQUES
from comparisons.catalog.guide_data import register
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Row

register()

ON_LITE = ("On Lite as in 2.x: lite.removed runs modern.removed's code unchanged (Lite's "
           "db.session is a plain SQLAlchemy Session, its db.engine a plain Engine; "
           "test_lite checks the copy). ")
#: The removed form raises before any statement: nothing is sent in any case.
NOTHING_SENT = Diff("statements", "", "1", "0")
REMOVED = (
    "The removed_form variant is the legacy code as 1.x wrote it, run on the legacy app "
    "(a legacy/ function, so the lab runs it in the legacy style): it is not a 2.x "
    "candidate, and 'modern' in its differences names that variant. "
)
STRING_OPTIONS = (
    "SQLAlchemy 2.0 removed string attribute names in loader options ('Using strings to "
    f"indicate relationship names or attribute names in loader options is removed', "
    f"{GUIDE}#using-strings-to-indicate-relationship-names-or-attribute-names-in-loader-"
    "options): the class-bound attribute (Author.addresses) is the form that runs in both "
    "styles. "
)


def _sent(sql: str, cases: str) -> Diff:
    return Diff("sql", "only one side sent", sql, "nothing else", cases)


JOINED = ("SELECT author.id, author.name, author.fullname, address_1.id AS id_1, "
          "address_1.author_id, address_1.email FROM author LEFT OUTER JOIN address AS "
          "address_1 ON author.id = address_1.author_id ORDER BY author.id, address_1.id")
BY_NAME = ("SELECT author.id, author.name FROM author WHERE author.name = :name_1 "
           "ORDER BY author.id")
DEFERRED = "SELECT author.fullname FROM author WHERE author.id = :pk_1"
FROM_SELF = ("SELECT anon_1.id, anon_1.name, anon_1.fullname FROM (SELECT author.id AS id, "
             "author.name AS name, author.fullname AS fullname FROM author JOIN address ON "
             "author.id = address.author_id WHERE address.email LIKE :email_1) AS anon_1 "
             "ORDER BY anon_1.id")
AUTHORS = "select id, name from author order by id"
FANS_OUT = ("select author.name, address.email from author join address "
            "on address.author_id = author.id order by address.id")
UPDATE = "update author set fullname = 'Alex' where name = 'alex'"
SQL_CASES = (Case("several rows", "guide", (AUTHORS,)),
             Case("empty tables", "guide_empty", (AUTHORS,)),
             Case("an UPDATE", "guide", (UPDATE,)))
#: The UPDATE committed by the legacy side, rolled back by a connection never committed.
NOT_COMMITTED = Diff(
    "state", "author afterwards",
    'also has [{"fullname": "Alex", "id": 1, "name": "alex"}, '
    '{"fullname": "Alex", "id": 2, "name": "alex"}]',
    'also has [{"fullname": "Alex Smith", "id": 1, "name": "alex"}, '
    '{"fullname": null, "id": 2, "name": "alex"}]', "an UPDATE")

ROWS: list[Row] = [
    row(
        "removed.joinedload_string", 'Loader options by string: joinedload("addresses")',
        ('Author.query.options(joinedload("addresses")).all()',
         "db.session.scalars(\n    select(Author).options(joinedload(Author.addresses))\n"
         ").unique().all()"),
        old.joinedload_string, (Case("authors", "guide"), Case("empty tables", "guide_empty")),
        variant("removed_form", old.joinedload_string_removed, "breaks",
                Diff("raises", "", "nothing", "ArgumentError"), _sent(JOINED, "every case"),
                NOTHING_SENT,
                why=REMOVED + STRING_OPTIONS + "joinedload(\"addresses\") raises "
                    "ArgumentError when the option is built, before any query, even on "
                    "empty tables: 'Strings are not accepted for attribute names in "
                    "loader options; please use class-bound attributes directly.'"),
        written(new.joinedload_string, "identical",
                why=STRING_OPTIONS + "select(Author).options(joinedload(Author.addresses)) "
                    "sends the same LEFT OUTER JOIN; with .unique(), each author once with "
                    "all its addresses, as the legacy Query returns (author 1 fans out to "
                    "three rows). Without .unique() the result raises: row guide.joinedload."),
        lite_form(why=ON_LITE, like="as_written"),
        document="project",
    ),
    row(
        "removed.load_only_string", 'load_only("name") by string',
        ('Author.query.options(load_only("name")).filter_by(name=n).all()',
         "db.session.scalars(\n    select(Author).options(load_only(Author.name))"
         ".filter_by(name=n)\n).all()"),
        old.load_only_string, NAME_CASES,
        variant("removed_form", old.load_only_string_removed, "breaks",
                Diff("raises", "", "nothing", "ArgumentError"),
                _sent(BY_NAME, "no match"), _sent(f"{BY_NAME} | {DEFERRED}", "one match"),
                _sent(f"{BY_NAME} | {DEFERRED} (x2)", "two matches"),
                Diff("statements", "", "1", "0", "no match"),
                Diff("statements", "", "2", "0", "one match"),
                Diff("statements", "", "3", "0", "two matches"),
                why=REMOVED + STRING_OPTIONS + "load_only(\"name\") raises ArgumentError "
                    "with another message than joinedload's: 'expected ORM mapped "
                    "attribute for loader strategy argument'."),
        written(new.load_only_string, "identical",
                why=STRING_OPTIONS + "load_only(Author.name) selects id and name only in "
                    "both styles; reading the deferred fullname afterwards sends one "
                    "SELECT per author in both (none, one, two)."),
        lite_form(why=ON_LITE, like="as_written"),
        document="project",
    ),
    row(
        "removed.from_self", "Query.from_self()",
        ("Author.query.join(Author.addresses).filter(...).from_self().all()",
         "subq = select(Author).join(Author.addresses).where(...).subquery()\n"
         "ua = aliased(Author, subq)\n"
         "db.session.execute(select(ua).order_by(ua.id)).scalars().unique().all()"),
        old.from_self,
        (Case("a join that fans out", "guide", ("%example.com",)),
         Case("one author, one row", "guide", ("%work.example",)),
         Case("no match", "guide", ("nobody%",)),
         Case("empty tables", "guide_empty", ("%",))),
        variant("removed_form", old.from_self_removed, "breaks",
                Diff("raises", "", "nothing", "AttributeError"),
                _sent(FROM_SELF, "every case"), NOTHING_SENT,
                why=REMOVED + "Query.from_self() is gone ('Selecting from the query itself "
                    f"as a subquery, e.g. \"from_self()\"', {GUIDE}#selecting-from-the-"
                    "query-itself-as-a-subquery-e-g-from-self): AttributeError, "
                    "\"'Query' object has no attribute 'from_self'\". The legacy side "
                    "does its work by hand, Query.subquery() and aliased(Author, subq), "
                    "which still runs on the legacy Query."),
        written(new.from_self_as_written, "behaviour-change",
                Diff("values", "value", "6 items", "7 items", "a join that fans out"),
                why="The guide's replacement, select(aliased(User, subq)), sends the same "
                    "SELECT, but where the join matches an author through two rows "
                    "(author 1 has alex@example.com twice) it returns that author twice: "
                    "7 objects for 6 authors. " + QUERY_UNIQUES),
        recommended(new.from_self, "identical",
                    why="With .unique(), each author once, with the same SQL. "
                        + QUERY_UNIQUES),
        lite_form(why=ON_LITE),
        document="project",
    ),
    row(
        "removed.engine_execute", 'engine.execute("raw SQL")',
        ('db.engine.execute("select ... from author")',
         "with db.engine.connect() as connection:\n"
         '    connection.execute(text("select ... from author"))'),
        old.engine_execute, SQL_CASES,
        variant("removed_form", old.engine_execute_removed, "breaks",
                Diff("raises", "", "nothing", "AttributeError"), _sent(AUTHORS, "several "
                "rows, empty tables"), _sent(UPDATE, "an UPDATE"), NOT_COMMITTED,
                NOTHING_SENT,
                why=REMOVED + "Engine.execute() is removed with 'connectionless' execution "
                    f"({GUIDE}#implicit-and-connectionless-execution-bound-metadata-"
                    "removed): db.engine.execute(sql) raises AttributeError, \"'Engine' "
                    "object has no attribute 'execute'\". In 1.x it ran the statement on "
                    "a connection of its own and committed a write ('library-level "
                    f"autocommit', removed too: {GUIDE}#library-level-but-not-driver-"
                    "level-autocommit-removed-from-both-core-and-orm); the legacy side "
                    "does that with engine.begin() and text()."),
        written(new.engine_execute_connect, "behaviour-change", NOT_COMMITTED,
                why="with engine.connect() as connection: connection.execute(text(sql)) "
                    "returns the same rows, but a connection 'begins' a transaction it "
                    "rolls back when it closes unless Connection.commit() is called "
                    f"('commit as you go', {GUIDE}#library-level-but-not-driver-level-"
                    "autocommit-removed-from-both-core-and-orm): the UPDATE that "
                    "engine.execute() committed is lost, and the table keeps its rows."),
        recommended(new.engine_execute, "identical",
                    why="engine.begin() ('begin once') commits when the block ends: the "
                        "same rows, the same UPDATE kept."),
        lite_form(why=ON_LITE),
        document="project",
    ),
    row(
        "removed.session_execute_string", 'session.execute("raw SQL")',
        ('db.session.execute("select ... from author")',
         'db.session.execute(text("select ... from author"))'),
        old.session_execute_string,
        (SQL_CASES[0], Case("a join that fans out", "guide", (FANS_OUT,)), *SQL_CASES[1:]),
        variant("removed_form", old.session_execute_string_removed, "breaks",
                Diff("raises", "", "nothing", "ArgumentError"),
                _sent(FANS_OUT, "a join that fans out"),
                _sent(AUTHORS, "several rows, empty tables"), _sent(UPDATE, "an UPDATE"),
                NOTHING_SENT,
                why=REMOVED + "A plain string is no longer coerced to SQL ('Coercion of "
                    f"plain strings to text() is removed', {GUIDE}#string-sql-fragments-"
                    "are-coerced-into-text-constructs): db.session.execute(sql) raises "
                    "ArgumentError, \"Textual SQL expression 'select id, name from "
                    "auth...' should be explicitly declared as text('select id, name "
                    "from auth...')\" (the message cuts the SQL). The legacy side wraps "
                    "it in text()."),
        written(new.session_execute_string, "identical",
                why="db.session.execute(text(sql)) is the same call in both styles: the "
                    "same Rows (a join's repeated rows kept: textual SQL is not "
                    "de-duplicated in either) and the same uncommitted UPDATE."),
        lite_form(why=ON_LITE, like="as_written"),
        document="project",
    ),
    row(
        "removed.select_list", "select([...]): a list argument",
        ("db.session.execute(select([Author.id, Author.name]))\n"
         "db.session.execute(select([Author]))",
         "db.session.execute(select(Author.id, Author.name))\n"
         "db.session.execute(select(Author))"),
        old.select_list,
        (Case("columns", "guide", (False,)), Case("an entity", "guide", (True,)),
         Case("columns, empty tables", "guide_empty", (False,))),
        variant("removed_form", old.select_list_removed, "breaks",
                Diff("raises", "", "nothing", "ArgumentError"),
                _sent("SELECT author.id, author.name FROM author ORDER BY author.id",
                      "columns, columns, empty tables"),
                _sent("SELECT author.id, author.name, author.fullname FROM author ORDER BY "
                      "author.id", "an entity"),
                NOTHING_SENT,
                why=REMOVED + "select() takes its columns positionally ('select() no longer "
                    f"accepts varied constructor arguments, columns are passed "
                    f"positionally', {GUIDE}#select-no-longer-accepts-varied-constructor-"
                    "arguments-columns-are-passed-positionally): select([...]) raises "
                    "ArgumentError, 'Column expression, FROM clause, or other columns "
                    "clause element expected, got [<class 'legacy.guide_models.Author'>]. "
                    "Did you mean to say select(<class 'legacy.guide_models.Author'>)?' "
                    "(for a list of columns, the list and its attributes)."),
        written(new.select_list, "identical",
                why="select(Author.id, Author.name) and select(Author): the same "
                    "statement and Rows in both styles."),
        lite_form(why=ON_LITE, like="as_written"),
        document="project",
    ),
]
