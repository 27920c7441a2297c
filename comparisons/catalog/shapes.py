"""Rows of the commonest legacy ``Query`` shapes of real applications (issue 17).

Counted in eight open-source Flask-SQLAlchemy applications, beyond the guide's rows:
``with_parent()``, column and multi-entity queries, ``add_columns()``, ``add_entity()``,
``outerjoin()``, ``with_entities()``, loader options, ``group_by()``/``having()``,
``limit()``/``offset()`` and slicing, ``scalar()``, ``one_or_none()``, ``exists()``,
``subquery()``, and the compositions ``query.filter.all``, ``query.filter_by.count`` and
a query stored and continued (``query.filter.order_by.paginate`` is ``fsa.paginate``).
The cases are chosen to expose differences: empty tables, NULLs, repeated values,
several matches, a join that fans out. ``recommended`` is the exactly equivalent 2.x
form where there is one; the shorter forms migrations write are further variants, each
declaring how it differs. Every variant declares its verdict on every backend and
SQLAlchemy version, and why; the docstrings quoted are SQLAlchemy's own (its API docs).
"""

from __future__ import annotations

import legacy.shapes as old
import modern.shapes as new
import modern.shapes_alternatives as other
from comparisons.catalog.build import lite_form, recommended, row, variant
from comparisons.catalog.guide_common import (
    AUTHOR_COLUMNS,
    COUNT_SUBQUERY,
    EMAIL_CASES,
    GUIDE,
    NAME_CASES,
    QUERY_UNIQUES,
    count_labels,
)
from comparisons.catalog.guide_data import register
from comparisons.values.diff import EVERY, Diff
from comparisons.values.rows import Case, On, Row

register()

SA = "https://docs.sqlalchemy.org/en/20"
#: guide_common.ON_LITE, for lite.shapes.
ON_LITE_SHAPES = ("On Lite as in 2.x: lite.shapes runs modern.shapes' code unchanged "
                  "(Lite's db.session is a plain SQLAlchemy Session, with the same methods; "
                  "test_lite checks the copy). ")
EMPTY = Case("empty tables", "guide_empty")
WITH_NULL = (*NAME_CASES, Case("a NULL fullname", "guide", ("dave",)))
BY_NAME_WHERE = "FROM author WHERE author.name = :name_1"
LEGACY_API = ("LegacyAPIWarning",)

ROW_KEYS = (
    "A legacy Query of columns returns Rows in which an unlabeled SQL function "
    "(func.count(...)) has no key: row[1] is the count, but row._mapping holds only the "
    "other columns. The Query compiles with the ORM's legacy label style; a select() uses "
    "LABEL_STYLE_DISAMBIGUATE_ONLY, 'the default labeling style for all SELECT statements "
    "outside of 1.x style ORM queries' (its docstring, "
    f"{SA}/core/selectable.html#sqlalchemy.sql.expression.SelectLabelStyle), which names "
    "the column after the function: the 2.x Row has a key more (count). Code reading "
    "row[0], row[1] or unpacking is unchanged; code reading row._mapping, or comparing "
    "whole Rows, is not. Labelling the expression (.label('n')) names it alike on both "
    "sides (translate's rule.row_keys)."
)


def _sliced(limit: str) -> str:
    return f"SELECT author.id, author.name, author.fullname FROM author ORDER BY author.id {limit}"


SLICE_SQL = {"[-2:]": _sliced("LIMIT -1 OFFSET :param_1"), "[0:-1]": _sliced("LIMIT :param_1"),
             "[3:1]": _sliced("LIMIT :param_1 OFFSET :param_2")}
SLICE_SENT = (Diff("statements", "", "0", "1", "[3:1], [-2:], [0:-1]"),)


def _slice_refused(error: str) -> tuple[Diff, ...]:
    """``Select.slice()`` with a negative bound or an empty range on a backend that
    refuses a negative LIMIT or OFFSET, raising ``error``."""
    return (Diff("raises", "", "IndexError", error, "[-2:]"),
            Diff("raises", "", "nothing", error, "[3:1], [0:-1]"),
            *(Diff("sql", "only one side sent", "nothing else", f"{sql} (refused: {error})",
                   case) for case, sql in SLICE_SQL.items()),
            *SLICE_SENT)


SLICE_SQLITE = (
    Diff("kind", "items", "-", "Author", "[3:1], [0:-1]"),
    Diff("raises", "", "IndexError", "nothing", "[-2:]"),
    *(Diff("sql", "only one side sent", "nothing else", sql, case)
      for case, sql in SLICE_SQL.items()),
    *SLICE_SENT,
    Diff("timing", "sql runs", "never", "at the call", "[3:1], [0:-1]"),
    Diff("values", "records", "0 items", "5 items", "[3:1]"),
    Diff("values", "records", "0 items", "8 items", "[0:-1]"),
)
GETITEM = (
    "Query[start:stop] (orm.util._getitem) first returns [] without SQL where both bounds "
    "are ints and stop - start <= 0, then raises IndexError('negative indexes are not "
    "accepted by SQL index / slice operators') for a negative bound, and only then runs "
    "Query.slice(start, stop). "
)

STORED = ("SELECT author.id, author.name, author.fullname FROM author WHERE author.name = "
          ":name_1 ORDER BY author.id")
STORED_COUNT = (f"{COUNT_SUBQUERY} WHERE author.name = :name_1) AS anon_1")

ROWS: list[Row] = [
    row(
        "shapes.with_parent", "with_parent(instance, relationship)",
        ("Address.query.with_parent(user, User.addresses).all()",
         "db.session.scalars(select(Address).where(with_parent(user, User.addresses))).all()"),
        old.with_parent,
        (Case("three addresses, one repeated", "guide", (1,)),
         Case("no address", "guide", (3,)), Case("no such author", "guide", (99,)),
         Case("empty tables", "guide_empty", (1,))),
        recommended(new.with_parent, "drop-in", Diff("warnings", "", "LegacyAPIWarning", "none"),
                    why="Query.with_parent 'uses the with_parent() function to generate the "
                        "clause, the result of which is passed to Query.filter()' and is "
                        "'considered legacy as of the 1.x series ... Use the with_parent() "
                        "standalone construct' (its docstring; it warns "
                        "LegacyAPIWarning): the same SELECT and addresses. Where the author "
                        "is None (no such author) both raise the same AssertionError."),
        variant("collection", other.with_parent_collection, "behaviour-change",
                Diff("raises", "", "AssertionError", "AttributeError",
                     "no such author, empty tables"),
                Diff("sql", "statement 2 of 2",
                     "SELECT address.id, address.author_id, address.email FROM address "
                     "WHERE :param_1 = address.author_id",
                     "SELECT address.id, address.author_id, address.email FROM address "
                     "WHERE :param_1 = address.author_id ORDER BY address.id",
                     "three addresses, one repeated, no address"),
                Diff("warnings", "", "LegacyAPIWarning", "none"),
                why="Reading author.addresses loads the relationship itself: the same "
                    "addresses, by a lazy load that adds the relationship's "
                    "order_by (Address.id). Where there is no author, None.addresses is "
                    "an AttributeError where with_parent(None, ...) fails its assertion."),
        lite_form(why=ON_LITE_SHAPES),
        warnings=LEGACY_API, document="project",
    ),
    row(
        "shapes.column_query", "db.session.query(Model.column).all()",
        ("db.session.query(User.fullname).filter_by(name=n).all()",
         "db.session.execute(select(User.fullname).filter_by(name=n)).all()"),
        old.column_query, WITH_NULL,
        recommended(new.column_query, "identical",
                    why="A Query of columns returns Rows, even of one column, and does not "
                        "de-duplicate them (it holds no entity): Session.execute(select(...))"
                        ".all() returns the same Rows, a NULL included "
                        f"({GUIDE}#orm-query-unified-with-core-select)."),
        variant("scalars", other.column_query_scalars, "caller-changes",
                Diff("kind", "items", "Row", "None", "a NULL fullname"),
                Diff("kind", "items", "Row", "None | str", "two matches"),
                Diff("kind", "items", "Row", "str", "one match"),
                why="Session.scalars() returns the first column of each row: the "
                    "values themselves (None for NULL), not one-element Rows, so code "
                    "reading row.fullname or row[0] must read the value instead."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.multi_entity", "db.session.query(Model, Other.column) after a join",
        ("db.session.query(User, Address.email).join(User.addresses).all()",
         "db.session.execute(select(User, Address.email).join(User.addresses)).unique().all()"),
        old.multi_entity, (Case("a join that fans out", "guide"), EMPTY),
        recommended(new.multi_entity, "identical",
                    why="A Query that selects an entity de-duplicates its Rows too: Query."
                        "_iter() calls result.unique() whenever the query has mapper "
                        "entities, comparing the entity by identity and the columns by "
                        "value. Author 1 has alex@example.com twice, so (author 1, "
                        "'alex@example.com') comes back once; Result.unique() on the 2.x "
                        "Rows does the same. " + QUERY_UNIQUES),
        variant("without_unique", other.multi_entity_without_unique, "behaviour-change",
                Diff("values", "value", "7 items", "8 items", "a join that fans out"),
                why="Without .unique() the Row repeated by the join comes back twice: 8 "
                    "Rows where the legacy Query returned 7. " + QUERY_UNIQUES),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.add_columns", "add_columns(func.count(...)) with outerjoin and group_by",
        ("User.query.outerjoin(User.addresses).add_columns(func.count(Address.id))"
         ".group_by(User.id).all()",
         "db.session.execute(select(User).outerjoin(User.addresses)"
         ".add_columns(func.count(Address.id)).group_by(User.id)).all()"),
        old.add_columns, (Case("authors, some without address", "guide"), EMPTY),
        recommended(new.add_columns, "behaviour-change",
                    Diff("values", "[0].$row", "1 items", "2 items",
                         "authors, some without address"),
                    why="The same SELECT, authors and counts (0 for author 3, by the outer "
                        "join; .unique() keeps the legacy Query's de-duplication, which "
                        "GROUP BY leaves nothing to do). " + ROW_KEYS),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.add_entity", "add_entity(Other) after a join",
        ("User.query.join(User.addresses).add_entity(Address).filter(...).all()",
         "db.session.execute(select(User).join(User.addresses).add_columns(Address)"
         ".where(...)).unique().all()"),
        old.add_entity, EMAIL_CASES,
        recommended(new.add_entity, "identical",
                    why="Query.add_entity's docstring names Select.add_columns as its 'v2 "
                        "comparable method': the same SELECT of both entities, and Rows "
                        "of (Author, Address). Each Row holds a different Address, so the "
                        "legacy de-duplication, kept by .unique(), removes none. "
                        + QUERY_UNIQUES),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.outerjoin", "outerjoin(relationship).all()",
        ("User.query.outerjoin(User.addresses).all()\n"
         "User.query.outerjoin(User.addresses).filter(Address.id.is_(None)).all()",
         "db.session.scalars(select(User).outerjoin(User.addresses)).unique().all()"),
        old.outerjoin,
        (Case("a join that fans out", "guide", (False,)),
         Case("authors without address", "guide", (True,)),
         Case("empty tables", "guide_empty", (False,))),
        recommended(new.outerjoin, "identical",
                    why="Select.outerjoin() is Query.outerjoin(): the same LEFT OUTER JOIN; "
                        ".unique() returns each author once, as the legacy Query does. "
                        + QUERY_UNIQUES),
        variant("without_unique", other.outerjoin_without_unique, "behaviour-change",
                Diff("values", "value", "8 items", "10 items", "a join that fans out"),
                why="Without .unique() author 1, with three addresses, comes back three "
                    "times: 10 objects for 8 authors. " + QUERY_UNIQUES),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.with_entities", "with_entities(columns).all()",
        ("User.query.filter_by(name=n).with_entities(User.id, User.fullname).all()",
         "db.session.execute(select(User).filter_by(name=n)"
         ".with_only_columns(User.id, User.fullname)).all()"),
        old.with_entities, NAME_CASES,
        recommended(new.with_entities, "identical",
                    why="Query.with_entities' docstring names Select.with_only_columns as "
                        "its 'v2 comparable method': the SELECT list replaced, the criteria "
                        "kept. Both return Rows of (id, fullname), NULL included."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.loader_option", "options(load_only / undefer / subqueryload / selectinload "
        "/ lazyload / raiseload)",
        ("User.query.options(selectinload(User.addresses)).all()",
         "db.session.scalars(select(User).options(selectinload(User.addresses))).all()"),
        old.loader_option,
        tuple(Case(option, "guide", (option,)) for option in (
            "load_only", "undefer", "subqueryload", "selectinload", "lazyload",
            "raiseload")),
        recommended(new.loader_option, "identical",
                    why="Select.options() takes the same loader options as Query.options() "
                        f"({SA}/orm/queryguide/relationships.html): every statement is the "
                        "same, the deferred fullname loaded on access after load_only, the "
                        "addresses by the second SELECT of subqueryload and selectinload, "
                        "by a lazy load per author, and raiseload's InvalidRequestError on first access. "
                        "No option loads a collection by a JOIN, so no .unique() is needed. "
                        "noload() is left out: SQLAlchemy 2.1 deprecates it ('This option "
                        "produces incorrect results by returning None for related items', "
                        "SADeprecationWarning), so no 2.x form can use it."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.group_by_having", "group_by().having() on columns",
        ("db.session.query(User.name, func.count(User.id)).group_by(User.name)"
         ".having(func.count(User.id) >= n).all()",
         "db.session.execute(select(User.name, func.count(User.id)).group_by(User.name)"
         ".having(func.count(User.id) >= n)).all()"),
        old.group_by_having,
        (Case("every name", "guide", (1,)), Case("a repeated name", "guide", (2,)),
         Case("none", "guide", (3,)), Case("empty tables", "guide_empty", (1,))),
        recommended(new.group_by_having, "behaviour-change",
                    Diff("values", "[0].$row", "1 items", "2 items",
                         "every name, a repeated name"),
                    why="Select.group_by and Select.having are Query's: the same SELECT, "
                        "names and counts ('alex' twice). " + ROW_KEYS),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.limit_offset", "limit(n).offset(m).all()",
        ("User.query.order_by(User.id).limit(n).offset(m).all()",
         "db.session.scalars(select(User).order_by(User.id).limit(n).offset(m)).all()"),
        old.limit_offset,
        (Case("first page", "guide", (3, 0)), Case("last page", "guide", (3, 6)),
         Case("past the end", "guide", (3, 20)), Case("limit 0", "guide", (0, 0)),
         Case("empty tables", "guide_empty", (3, 0))),
        recommended(new.limit_offset, "identical",
                    why="Select.limit and Select.offset are Query.limit and Query.offset: "
                        "the same LIMIT and OFFSET (Query.slice's docstring names "
                        "Select.slice its 'v2 equivalent method'), ordered by the primary "
                        "key so that the page is the same on every backend."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.slice", "query[start:stop]",
        ("User.query.order_by(User.id)[start:stop]",
         "db.session.scalars(select(User).order_by(User.id).slice(start, stop)).all()"),
        old.slice_,
        (Case("[1:4]", "guide", (1, 4)), Case("[6:]", "guide", (6, None)),
         Case("[:3]", "guide", (None, 3)), Case("[3:1]", "guide", (3, 1)),
         Case("[-2:]", "guide", (-2, None)), Case("[0:-1]", "guide", (0, -1)),
         Case("empty tables", "guide_empty", (1, 4))),
        recommended(new.slice_, "identical",
                    why=GETITEM + "The 2.x function makes the same two checks, then "
                        "runs Select.slice(start, stop), Query.slice's 'v2 equivalent "
                        "method': the same rows, SQL and IndexError in every case."),
        variant("select_slice", other.slice_select_slice, "behaviour-change", *SLICE_SQLITE,
                on=(On(backend="postgresql", drop=SLICE_SQLITE,
                       add=_slice_refused("DataError")),
                    On(backend="mariadb", drop=SLICE_SQLITE,
                       add=_slice_refused("ProgrammingError"))),
                why=GETITEM + "Select.slice() alone makes neither check: it sends "
                    "LIMIT stop - start (negative for [3:1] and [0:-1]) and a negative "
                    "OFFSET for [-2:]. SQLite reads a negative LIMIT as no limit and a "
                    "negative OFFSET as none (5 and 8 authors where the legacy returned "
                    "none; all 8 where it raised IndexError); PostgreSQL refuses them "
                    "('LIMIT must not be negative', 'OFFSET must not be negative': "
                    "DataError), MariaDB's grammar has no negative LIMIT "
                    "(ProgrammingError)."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.scalar", "Query.scalar()",
        ("db.session.query(User.fullname).filter_by(name=n).scalar()",
         "db.session.execute(select(User.fullname).filter_by(name=n)).scalar_one_or_none()"),
        old.scalar, WITH_NULL,
        recommended(new.scalar, "identical",
                    why="Query.scalar(): 'Return the first element of the first result or "
                        "None if no rows present. If multiple rows are returned, raises "
                        "MultipleResultsFound' (its docstring; it calls one()). "
                        "Result.scalar_one_or_none() does the same: None for no row and "
                        "for a NULL, MultipleResultsFound for alex's two rows."),
        variant("session_scalar", other.scalar_session_scalar, "behaviour-change",
                Diff("raises", "", "MultipleResultsFound", "nothing", "two matches"),
                why="Session.scalar() is execute(...).scalar(): 'Fetch the first column "
                    "of the first row, and close the result set ... No validation is "
                    "performed to test if additional rows remain' (Result.scalar's "
                    "docstring). Where the legacy code "
                    "raised MultipleResultsFound (two authors named alex) it returns "
                    "the first one's fullname."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.one_or_none", "one_or_none() after a join",
        ("User.query.join(User.addresses).filter(Address.email == e).one_or_none()",
         "db.session.scalars(select(User).join(User.addresses).where(Address.email == e))"
         ".unique().one_or_none()"),
        old.one_or_none, EMAIL_CASES,
        recommended(new.one_or_none, "identical",
                    why="Query.one_or_none() 'Raises MultipleResultsFound if multiple "
                        "object identities are returned' (its docstring): it counts "
                        "de-duplicated entities. With .unique(), ScalarResult.one_or_none()"
                        " does too: author 1, matched through two rows, is one result; "
                        "two authors raise MultipleResultsFound in both. " + QUERY_UNIQUES),
        variant("without_unique", other.one_or_none_without_unique, "behaviour-change",
                Diff("raises", "", "nothing", "MultipleResultsFound", "one author, two rows"),
                why="Without .unique() the two rows of author 1 are two results: "
                    "MultipleResultsFound where the legacy Query returned the author. "
                    + QUERY_UNIQUES),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.exists", "Query.exists()",
        ("db.session.query(User.query.filter_by(name=n).exists()).scalar()",
         "db.session.scalar(select(select(literal_column('1')).select_from(User)"
         ".filter_by(name=n).exists()))"),
        old.exists, (*NAME_CASES, Case("empty tables", "guide_empty", ("alex",))),
        recommended(new.exists, "identical",
                    why="Query.exists() turns the query 'into an EXISTS subquery of the "
                        "form EXISTS (SELECT 1 FROM ... WHERE ...)' (its docstring); "
                        "select(literal_column('1')).select_from(User) is that SELECT 1, "
                        "and Select.exists() (the 'v2 comparable method') wraps it: the "
                        "same SQL and booleans. The outer query returns one row, so "
                        "Session.scalar() is Query.scalar() there."),
        variant("select_entity", other.exists_select_entity, "drop-in",
                Diff("sql", "statement 1 of 1",
                     f"SELECT EXISTS (SELECT 1 {BY_NAME_WHERE}) AS anon_1",
                     "SELECT EXISTS (SELECT author.id, author.name, author.fullname "
                     f"{BY_NAME_WHERE}) AS anon_1"),
                why="select(User).filter_by(...).exists() selects the entity's columns "
                    "inside EXISTS instead of 1: the same answer, which EXISTS ignores "
                    "the columns for."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.subquery", "Query.subquery(), joined to",
        ("sub = db.session.query(Address.author_id, func.count('*').label('n'))"
         ".group_by(Address.author_id).subquery()\n"
         "User.query.join(sub, User.id == sub.c.author_id).filter(sub.c.n >= k).all()",
         "sub = select(Address.author_id, func.count('*').label('n'))"
         ".group_by(Address.author_id).subquery()\n"
         "db.session.scalars(select(User).join(sub, User.id == sub.c.author_id)"
         ".where(sub.c.n >= k)).unique().all()"),
        old.subquery,
        (Case("at least one", "guide", (1,)), Case("at least two", "guide", (2,)),
         Case("none", "guide", (4,)), Case("empty tables", "guide_empty", (1,))),
        recommended(new.subquery, "identical",
                    why="Query.subquery() names Select.subquery() as its 'v2 comparable "
                        "method': the same subquery and join, labels included, and the "
                        "same authors. The subquery has one row per author, so .unique() "
                        "(kept for the legacy de-duplication) removes none."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.filter_all", "filter(...).all()",
        ("User.query.filter(User.name == n).all()",
         "db.session.scalars(select(User).where(User.name == n)).all()"),
        old.filter_all, NAME_CASES,
        recommended(new.filter_all, "identical",
                    why="Select.where() is Query.filter(), and without a join there is "
                        "nothing for the legacy Query to de-duplicate: the same SELECT and "
                        "authors, the two named alex both "
                        f"({GUIDE}#orm-query-unified-with-core-select)."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.filter_by_count", "filter_by(...).count()",
        ("User.query.filter_by(name=n).count()",
         "db.session.scalar(select(func.count()).select_from("
         "select(User).filter_by(name=n).subquery()))"),
        old.filter_by_count, (*NAME_CASES, Case("empty tables", "guide_empty", ("alex",))),
        recommended(new.filter_by_count, "drop-in",
                    count_labels("author", AUTHOR_COLUMNS, BY_NAME_WHERE, "statement 1 of 1",
                                 EVERY),
                    why="Query.count() runs 'SELECT count(1) AS count_1 FROM (SELECT <rest "
                        "of query follows...>) AS anon_1' (its docstring); "
                        "select(func.count()).select_from(stmt.subquery()) is that "
                        "statement; only the subquery's column labels differ."),
        variant("select_from", other.filter_by_count_select_from, "drop-in",
                Diff("sql", "statement 1 of 1", f"{COUNT_SUBQUERY} WHERE author.name = "
                     ":name_1) AS anon_1", f"SELECT count(*) AS count_1 {BY_NAME_WHERE}"),
                why="The migration guide's select(func.count()).select_from(User) with "
                    "the filter counts the table directly: the same numbers without a "
                    "join or DISTINCT (with one, see guide.count_join)."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
    row(
        "shapes.stored_query", "A query stored and continued",
        ("q = User.query.filter_by(name=n)\nq.count(), q.order_by(User.id).first()",
         "stmt = select(User).filter_by(name=n)\n"
         "db.session.scalar(select(func.count()).select_from(stmt.subquery())), "
         "db.session.scalars(stmt.order_by(User.id).limit(1)).first()"),
        old.stored_query, NAME_CASES,
        recommended(new.stored_query, "drop-in",
                    count_labels("author", AUTHOR_COLUMNS, BY_NAME_WHERE, "statement 1 of 2",
                                 EVERY),
                    why="A Query is a statement that runs at its terminal, as a select() "
                        "is: the stored select is continued as the Query was, the count "
                        "by a subquery (only its labels differ) and first() with LIMIT 1."),
        variant("stored_result", other.stored_query_result, "behaviour-change",
                Diff("kind", "items", "Author | int", "None | int", "one match, two matches"),
                Diff("sql", "only one side sent", f"{STORED_COUNT} | {STORED} LIMIT :param_1",
                     STORED),
                Diff("statements", "", "2", "1"),
                Diff("values", "records[1]",
                     '{"fullname": "Alex Smith", "id": 1, "name": "alex"}', "null",
                     "two matches"),
                Diff("values", "records[1]",
                     '{"fullname": "Carol White", "id": 4, "name": "carol"}', "null",
                     "one match"),
                why="Storing db.session.scalars(stmt) stores a result, not a query: its "
                    "one SELECT runs at the call, and the result is consumed as it is "
                    "read: Result.all() 'Closes the result set after invocation. "
                    "Subsequent invocations will return an empty sequence' (its "
                    "docstring). The "
                    "count read from len(rows.all()) is right, but by fetching every "
                    "row instead of a COUNT; rows.first() then finds no row left and "
                    "returns None where the legacy query, run again, returned the "
                    "first author."),
        lite_form(why=ON_LITE_SHAPES),
        document="project",
    ),
]
