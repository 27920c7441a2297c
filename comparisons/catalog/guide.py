"""Rows of SQLAlchemy's "Migrating to 2.0" guide, "Overview of Major ORM Querying Patterns".

``source`` quotes the guide's two columns verbatim (the guide's ``User`` is ``Author``
here, see ``legacy.guide_models``). ``as_written`` runs the guide's 2.0 column;
``recommended`` is this project's form where it differs; further variants are forms
the guide's own sections, or migrations, write. Every variant declares its verdict on
every backend and SQLAlchemy version, and why.
"""

from __future__ import annotations

import legacy.guide as old
import modern.guide as new
import modern.guide_alternatives as other
import modern.guide_as_written as written_
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.guide_common import (
    AUTHOR_COLUMNS,
    COUNT_SUBQUERY,
    DISTINCT_CASES,
    EMAIL_CASES,
    JOIN,
    JOINED_COLLECTION,
    LIMIT_DROPPED,
    NAME_CASES,
    ON_LITE,
    ON_SQLITE_OFFSET,
    QUERY_UNIQUES,
    WHY_NO_LIMIT,
    count_labels,
    counted_join,
)
from comparisons.catalog.guide_data import register
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Row

register()

ROWS: list[Row] = [
    row(
        "guide.filter_by_one", "filter_by(...).one()",
        ("session.query(User).\\\nfilter_by(name='some user').one()",
         'session.execute(\n    select(User).\n    filter_by(name="some user")\n).scalar_one()'),
        old.filter_by_one, NAME_CASES,
        written(new.filter_by_one, "identical",
                why="scalar_one() is Query.one() for one entity: NoResultFound and "
                    "MultipleResultsFound alike, the same SELECT."),
        variant("flask_sqlalchemy_docs", other.filter_by_one_row, "caller-changes",
                Diff("kind", "returns", "Author", "Row", "one match"),
                why="Flask-SQLAlchemy 3.1's 'Select' example ends with .one(), not "
                    ".scalar_one(): it returns a Row holding the Author (row[0], "
                    "row.Author), so user.username raises AttributeError. It raises "
                    "as Query.one() does."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.filter_by_first", "filter_by(...).first()",
        ("session.query(User).\\\nfilter_by(name='some user').first()",
         'session.scalars(\n  select(User).\n  filter_by(name="some user").\n  limit(1)\n'
         ").first()"),
        old.filter_by_first, NAME_CASES,
        written(new.filter_by_first, "identical",
                why="With limit(1), the same SELECT ... LIMIT 1 and the same object or None."),
        variant("without_limit", other.filter_by_first_without_limit, "drop-in",
                *LIMIT_DROPPED, on=ON_SQLITE_OFFSET, why=WHY_NO_LIMIT),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.joinedload", "options(joinedload(...)).all()",
        ("session.query(User).options(\n    joinedload(User.addresses)\n).all()",
         "session.scalars(\n    select(User).\n    options(\n      joinedload(User.addresses)\n"
         "    )\n).unique().all()"),
        old.joinedload, (Case("authors", "guide"), Case("empty tables", "guide_empty")),
        written(new.joinedload, "identical",
                why="With .unique(), one Author per author, as the legacy Query returns. "
                    + JOINED_COLLECTION),
        variant("execute_unique_all", other.joinedload_rows, "caller-changes",
                Diff("kind", "items", "Author", "Row", "authors"),
                why="The guide's 'ORM Query Unified with Core Select' section writes "
                    "session.execute(select(User).options(joinedload(User.addresses))"
                    ".order_by(User.id)).unique().all(): without .scalars() each item "
                    "is a Row holding the Author, not the Author."),
        variant("without_unique", other.joinedload_without_unique, "behaviour-change",
                Diff("raises", "", "nothing", "InvalidRequestError", "authors"),
                why=JOINED_COLLECTION),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.join_filter", "join(Address).filter(Address.email == e).all()",
        ("session.query(User).\\\n    join(Address).\\\n"
         "    filter(Address.email == 'e@sa.us').\\\n    all()",
         "session.execute(\n    select(User).\n    join(Address).\n"
         "    where(Address.email == 'e@sa.us')\n).scalars().all()"),
        old.join_filter,
        EMAIL_CASES,
        written(written_.join_filter, "behaviour-change",
                Diff("values", "value", "1 items", "2 items", "one author, two rows"),
                why="Author 1 has alex@example.com twice: the join matches two rows and "
                    "the guide's form returns that author twice. " + QUERY_UNIQUES),
        recommended(new.join_filter, "identical",
                    why=".scalars().unique() returns each author once, with the same "
                        "SELECT. " + QUERY_UNIQUES),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.from_statement", "from_statement(text(...))",
        ('session.query(User).from_statement(\n    text("select * from users")\n).all()',
         "session.scalars(\n    select(User).\n    from_statement(\n"
         '        text("select * from users")\n    )\n).all()'),
        old.from_statement,
        (Case("select * from author", "guide", ("select * from author",)),
         Case("a join, rows repeated", "guide",
              ("select author.* from author join address on address.author_id = author.id "
               "order by author.id",))),
        written(written_.from_statement, "behaviour-change",
                Diff("values", "value", "6 items", "8 items", "a join, rows repeated"),
                why="Where the text returns an author on several rows, the guide's form "
                    "returns it as often (8 objects for 6 authors). " + QUERY_UNIQUES),
        recommended(new.from_statement, "identical",
                    why="With .unique(), each author once. " + QUERY_UNIQUES),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.contains_eager", "contains_eager(...) and populate_existing",
        ("session.query(User).\\\n    join(User.addresses).\\\n    options(\n"
         "      contains_eager(User.addresses)\n    ).\\\n    populate_existing().all()",
         "session.execute(\n    select(User).\n    join(User.addresses).\n"
         "    options(contains_eager(User.addresses)).\n"
         "    execution_options(populate_existing=True)\n).scalars().all()"),
        old.contains_eager,
        EMAIL_CASES,
        written(written_.contains_eager, "behaviour-change",
                Diff("raises", "", "nothing", "InvalidRequestError",
                     "one author, two rows, two authors"),
                why="The guide's own 2.0 form fails whenever a row comes back: "
                    "contains_eager() of a collection is a joined eager load too, and "
                    + JOINED_COLLECTION + " The guide's section says unique() is needed "
                    "'due to joinedload() of a collection. in all other cases, unique() "
                    "is not needed'; contains_eager is one of the other cases "
                    "(reported in litestar-org/advanced-alchemy#160)."),
        recommended(new.contains_eager, "identical",
                    why="With .unique(), populate_existing replaces the loaded "
                        "collection of author 1 by the filtered rows, as the legacy "
                        "populate_existing() does."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.bulk_update", "Query.update() with synchronize_session",
        ("session.query(User).\\\n    filter(User.name == 'foo').\\\n    update(\n"
         '        {"fullname": "Foo Bar"},\n        synchronize_session="evaluate"\n    )',
         "session.execute(\n    update(User).\n    where(User.name == 'foo').\n"
         '    values(fullname="Foo Bar").\n'
         '    execution_options(synchronize_session="evaluate")\n)'),
        old.bulk_update,
        (Case("evaluate", "guide", ("alex", "Foo Bar", "evaluate")),
         Case("fetch", "guide", ("alex", "Foo Bar", "fetch")),
         Case("False", "guide", ("alex", "Foo Bar", False)),
         Case("no match", "guide", ("nobody", "Foo Bar", "auto"))),
        written(new.bulk_update, "identical",
                why="Query.update() runs the same ORM-enabled UPDATE: the same SQL "
                    "(fetch: RETURNING where the backend has it, else a SELECT first), "
                    "the same rows matched, the same table afterwards, and the author "
                    "loaded before shows the new fullname with evaluate and fetch, the "
                    "stale one with False. The caller reads the count from "
                    "CursorResult.rowcount instead of the int Query.update() returns."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.bulk_delete", "Query.delete() with synchronize_session",
        ("session.query(Address).\\\n    filter(Address.email == e).\\\n"
         "    delete(synchronize_session=...)",
         "session.execute(\n    delete(Address).\n    where(Address.email == e).\n"
         "    execution_options(synchronize_session=...)\n)"),
        old.bulk_delete,
        (Case("evaluate", "guide", ("alex@example.com", "evaluate")),
         Case("fetch", "guide", ("alex@example.com", "fetch")),
         Case("False", "guide", ("alex@example.com", False)),
         Case("no match", "guide", ("nobody@example.com", "auto"))),
        written(new.bulk_delete, "identical",
                why="The same DELETE, rows matched and table afterwards; the address "
                    "loaded before leaves the session with evaluate and fetch and stays "
                    "with False, in both styles."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.count", "count()",
        ("session.query(User).count()",
         "session.scalar(select(func.count()).select_from(User))\n"
         "session.scalar(select(func.count(User.id)))"),
        old.count, (Case("authors", "guide"), Case("empty tables", "guide_empty")),
        written(new.count, "drop-in",
                Diff("sql", "statement 1 of 1", f"{COUNT_SUBQUERY}) AS anon_1",
                     "SELECT count(*) AS count_1 FROM author"),
                why="The same number; Query.count() wraps the query in a subquery, the "
                    "guide's form counts the table directly."),
        variant("count_column", other.count_column, "drop-in",
                Diff("sql", "statement 1 of 1", f"{COUNT_SUBQUERY}) AS anon_1",
                     "SELECT count(author.id) AS count_1 FROM author"),
                why="count(author.id) counts non-NULL ids: the primary key is never "
                    "NULL, so the same number."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
    row(
        "guide.count_join", "count() after a join, and with distinct()",
        ("session.query(User).join(User.addresses).count()\n"
         "session.query(User).join(User.addresses).distinct().count()",
         "session.scalar(select(func.count()).select_from(User))"),
        old.count_join,
        (Case("join", "guide", (False,)), Case("join, distinct", "guide", (True,)),
         Case("empty tables, distinct", "guide_empty", (True,))),
        written(written_.count_join, "behaviour-change",
                counted_join("DISTINCT ", f"SELECT DISTINCT count(*) AS count_1 {JOIN}",
                             DISTINCT_CASES),
                counted_join("", f"SELECT count(*) AS count_1 {JOIN}", "join"),
                Diff("values", "value", "6", "8", "join, distinct"),
                why="Query.count() counts the rows of the whole query, DISTINCT included "
                    "(SELECT count(*) FROM (SELECT DISTINCT ...)). Added to the guide's "
                    "select(func.count()), distinct() applies to the one count row: "
                    "SELECT DISTINCT count(*) counts the 8 joined rows, not the 6 "
                    "distinct authors. Without distinct() both count joined rows."),
        recommended(new.count_join, "drop-in",
                    count_labels("author", AUTHOR_COLUMNS, JOIN, "statement 1 of 1", "join"),
                    count_labels("author", AUTHOR_COLUMNS, JOIN, "statement 1 of 1",
                                 DISTINCT_CASES, distinct=True),
                    why="select(func.count()).select_from(stmt.subquery()) is what "
                        "Query.count() runs; only the subquery's column labels differ."),
        lite_form(why=ON_LITE),
        document="guide",
    ),
]
