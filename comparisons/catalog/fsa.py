"""Rows of Flask-SQLAlchemy 3.1's helpers: ``*_or_404`` and ``paginate``.

``source`` quotes Flask-SQLAlchemy's docs: "Legacy Query Interface" for the ``Query``
methods; "Modifying and Querying Data" and "Paging Query Results" for the 2.x ones.
"""

from __future__ import annotations

import legacy.guide as old
import modern.guide as new
import modern.guide_as_written as written_
from comparisons.catalog.build import function_row, recommended, written
from comparisons.catalog.guide import (
    AUTHOR_COLUMNS,
    NAME_CASES,
    ON_SQLITE_OFFSET,
    count_labels,
    limit_dropped,
)
from comparisons.diff import EVERY, Diff
from comparisons.guide_data import PER_PAGE, register
from comparisons.rows import Case, Row

register()

FSA = "https://github.com/pallets-eco/flask-sqlalchemy/blob/3.1.x/src/flask_sqlalchemy"
LEGACY_API = ("LegacyAPIWarning",)
PAGE_CASES = (
    Case("page 1", "guide", (1, PER_PAGE)),
    Case("last page (partial)", "guide", (3, PER_PAGE)),
    Case("page past the end", "guide", (4, PER_PAGE)),
    Case("page past the end (error_out=False)", "guide", (4, PER_PAGE, False)),
    Case("page 0", "guide", (0, PER_PAGE)),
    Case("per_page 150 (no max_per_page)", "guide", (1, 150)),
    Case("empty tables", "guide_empty", (1, PER_PAGE)),
)
COUNTED = ("page 1, last page (partial), page past the end (error_out=False), "
           "per_page 150 (no max_per_page), empty tables")


ROWS: list[Row] = [
    function_row(
        "fsa.get_or_404", "get_or_404",
        ("User.query.get_or_404(id)", "db.get_or_404(User, id)"),
        old.get_or_404, (Case("found", "guide", (3,)), Case("missing", "guide", (999,))),
        written(new.get_or_404, "drop-in", Diff("warnings", "", "LegacyAPIWarning", "none"),
                why="Both look in the identity map, then SELECT by primary key, and abort "
                    "with 404 NotFound on None. Query.get_or_404 calls Query.get, which "
                    "warns (LegacyAPIWarning); db.get_or_404 calls Session.get."),
        warnings=LEGACY_API, document="flask-sqlalchemy",
    ),
    function_row(
        "fsa.first_or_404", "first_or_404",
        ("User.query.filter_by(username=username).first_or_404()",
         "db.first_or_404(db.select(User).filter_by(username=username))"),
        old.first_or_404, NAME_CASES,
        written(written_.first_or_404, "drop-in", *limit_dropped(offset=False),
                on=ON_SQLITE_OFFSET,
                why="The same object, or 404 NotFound; but db.first_or_404 runs "
                    "session.execute(statement).scalar() (extension.py), which adds no "
                    "LIMIT where Query.first_or_404 runs Query.first(), LIMIT 1: every "
                    f"matching row is sent. {FSA}/extension.py"),
        recommended(new.first_or_404, "identical",
                    why="With .limit(1) in the statement, the same SELECT ... LIMIT 1."),
        document="flask-sqlalchemy",
    ),
    function_row(
        "fsa.one_or_404", "one_or_404",
        ("User.query.filter_by(username=username).one_or_404()",
         "db.one_or_404(db.select(User).filter_by(username=username))"),
        old.one_or_404, NAME_CASES,
        written(new.one_or_404, "identical",
                why="Both turn NoResultFound and MultipleResultsFound into 404 NotFound "
                    "around the same SELECT (Query.one() / Result.scalar_one())."),
        document="flask-sqlalchemy",
    ),
    function_row(
        "fsa.paginate", "paginate, next() and prev()",
        ("Model.query.paginate(page=page, per_page=per_page)",
         "page = db.paginate(db.select(User).order_by(User.join_date))"),
        old.paginate, PAGE_CASES,
        written(new.paginate, "drop-in",
                count_labels("author", AUTHOR_COLUMNS, "FROM author WHERE author.name != :name_1",
                             "statement 2 of 4", COUNTED),
                why="The same Pagination (items, total, pages, has_next, next_num...), "
                    "next() and prev(), 404 NotFound for page 0 and for a page past the "
                    "end, an empty page with error_out=False. Both pass max_per_page=None "
                    "although both docstrings say it 'Defaults to 100': per_page=150 "
                    "stays 150 (the default of 100 from pallets-eco/flask-sqlalchemy#1094 "
                    "is only Pagination.__init__'s). prev() does not pass max_per_page "
                    "on, so the previous page is clamped to that 100, in both; next() "
                    "passes it on (the bug reported for next() in #1201). "
                    f"{FSA}/pagination.py"),
        document="flask-sqlalchemy",
    ),
    function_row(
        "fsa.paginate_columns", "paginate two columns",
        ("db.session.query(User.id, User.name).paginate(page=page, per_page=per_page)",
         "db.paginate(db.select(User.id, User.name), page=page, per_page=per_page)"),
        old.paginate_columns,
        (Case("page 1", "guide", (1, PER_PAGE)), Case("last page", "guide", (3, PER_PAGE))),
        written(new.paginate_columns, "behaviour-change",
                Diff("kind", "items", "Row", "int"),
                count_labels("author", ("id", "name"), "FROM author", "statement 2 of 2", EVERY),
                Diff("values", "records[0]", '{"$row": [["id", 1], ["name", "alex"]]}', "1",
                     "page 1"),
                Diff("values", "records[0]", '{"$row": [["id", 7], ["name", "frank"]]}', "7",
                     "last page"),
                why="db.paginate 'applies unique() and scalars() modifiers to the result, "
                    "so compound selects will not return the expected results' (its "
                    "docstring): the page holds the first column only (ids, not (id, "
                    "name) rows), de-duplicated, so a first column with repeats (name) "
                    "would also give short pages. Flask-SQLAlchemy 3.1 has no 2.x "
                    "helper that pages rows: page an entity instead."),
        document="flask-sqlalchemy",
    ),
]
