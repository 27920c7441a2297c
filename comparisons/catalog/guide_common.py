"""What the migration guide's rows share: its cases, and the differences they declare alike.

``guide``, ``fsa``, ``dynamic`` and ``sa21`` declare their rows with these; none of
them imports another's rows.
"""

from __future__ import annotations

from comparisons.values.diff import Diff
from comparisons.values.rows import Case, On

GUIDE = "https://docs.sqlalchemy.org/en/20/changelog/migration_20.html"
#: Query._iter(): "legacy: automatically set scalars, unique" (sqlalchemy/orm/query.py).
QUERY_UNIQUES = (
    "The legacy Query de-duplicates entities: for a query of one entity it calls "
    "result.scalars().unique() itself (Query._iter, 'legacy: automatically set scalars, "
    "unique'); select() executed by the session returns one object per row, as the guide "
    f"says: 'it will not deduplicate results in memory' ({GUIDE}#orm-query-unified-with-"
    "core-select)."
)
JOINED_COLLECTION = (
    "A collection loaded by a JOIN (joinedload, or contains_eager) makes the ORM refuse "
    "to return rows until .unique() is called: 'The unique() method must be invoked on "
    "this Result, as it contains results that include joined eager loads against "
    f"collections' ({GUIDE}#orm-rows-not-uniquified-by-default). It raises only when a "
    "row comes back, so an empty result passes."
)

#: Why a Lite form does what its 2.x twin does: the same code on a plain Session.
ON_LITE = ("On Lite as in 2.x: lite.guide runs modern.guide's code unchanged (Lite's "
           "db.session is a plain SQLAlchemy Session, with the same methods; "
           "test_lite checks the copy). ")

NAMES = {"one match": "carol", "no match": "nobody", "two matches": "alex"}
NAME_CASES = tuple(Case(case, "guide", (name,)) for case, name in NAMES.items())
EMAIL_CASES = (
    Case("one author, two rows", "guide", ("alex@example.com",)),
    Case("two authors", "guide", ("shared@example.com",)),
    Case("no match", "guide", ("nobody@example.com",)),
)
BY_NAME = ("SELECT author.id, author.name, author.fullname FROM author "
           "WHERE author.name = :name_1")


def limit_dropped(offset: bool) -> tuple[Diff, ...]:
    """The SELECT without ``LIMIT`` in each name case; SQLite also binds an OFFSET 0."""
    extra = ", 0" if offset else ""
    return tuple(Diff("sql", "statement 1 of 1",
                      f'{BY_NAME} LIMIT :param_1 with ["{name}", 1{extra}]',
                      f'{BY_NAME} with ["{name}"]', case)
                 for case, name in NAMES.items())


LIMIT_DROPPED = limit_dropped(offset=False)
ON_SQLITE_OFFSET = (On(backend="sqlite", drop=LIMIT_DROPPED, add=limit_dropped(offset=True)),)
WHY_NO_LIMIT = (
    "The same object comes back, but the SELECT has no LIMIT: every matching row is sent "
    "and all but the first thrown away. Query.first() adds LIMIT 1 itself; "
    "Result.first() does not ('for first(), no LIMIT is applied automatically; add "
    f"limit(1) if LIMIT is desired on the query', {GUIDE}#orm-query-unified-with-core-"
    "select)."
)

def count_labels(table: str, columns: tuple[str, ...], rest: str, detail: str, cases: str,
                 distinct: bool = False) -> Diff:
    """A COUNT over a subquery: a legacy ``Query.count()`` labels its columns
    ``<table>_<column>``, a ``select().subquery()`` by column name; nothing else differs.
    ``rest`` is the subquery after its column list (``FROM ... WHERE ...``)."""
    legacy, modern = (", ".join(f"{table}.{c} AS {label(c)}" for c in columns)
                      for label in (lambda c: f"{table}_{c}", lambda c: c))
    select = "SELECT DISTINCT" if distinct else "SELECT"
    return Diff("sql", detail,
                f"SELECT count(*) AS count_1 FROM ({select} {legacy} {rest}) AS anon_1",
                f"SELECT count(*) AS count_1 FROM ({select} {modern} {rest}) AS anon_1", cases)


COUNT_SUBQUERY = ("SELECT count(*) AS count_1 FROM (SELECT author.id AS author_id, "
                  "author.name AS author_name, author.fullname AS author_fullname FROM author")
JOIN = "FROM author JOIN address ON author.id = address.author_id"
AUTHOR_COLUMNS = ("id", "name", "fullname")
DISTINCT_CASES = "join, distinct, empty tables, distinct"


def counted_join(distinct: str, modern: str, cases: str) -> Diff:
    legacy = (f"SELECT count(*) AS count_1 FROM (SELECT {distinct}author.id AS author_id, "
              "author.name AS author_name, author.fullname AS author_fullname "
              f"{JOIN}) AS anon_1")
    return Diff("sql", "statement 1 of 1", legacy, modern, cases)
