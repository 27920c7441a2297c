"""Rows of Flask-SQLAlchemy 3.1's helpers: ``*_or_404`` and ``paginate``.

``source`` quotes Flask-SQLAlchemy's docs: "Legacy Query Interface" for the ``Query``
methods; "Modifying and Querying Data" and "Paging Query Results" for the 2.x ones.
"""

from __future__ import annotations

import legacy.guide as old
import lite.guide as lite_
import lite.guide_alternatives as lite_other
import modern.guide as new
import modern.guide_as_written as written_
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.guide_common import (
    AUTHOR_COLUMNS,
    NAME_CASES,
    ON_SQLITE_OFFSET,
    count_labels,
    limit_dropped,
)
from comparisons.catalog.guide_data import PER_PAGE, register
from comparisons.values.diff import EVERY, Diff
from comparisons.values.rows import Case, Row

register()

FSA = "https://github.com/pallets-eco/flask-sqlalchemy/blob/3.1.x/src/flask_sqlalchemy"
LITE = ("https://github.com/pallets-eco/flask-sqlalchemy-lite/blob/main/src/"
        "flask_sqlalchemy_lite/_extension.py")
#: Lite's docs, on what it leaves out (its index page).
NO_PAGINATION = ("Lite has no paginate: 'It does not provide query recording, pagination, "
                 "query methods, etc.' (its docs). ")
LEGACY_API = ("LegacyAPIWarning",)
PAGE_CASES = (
    Case("page 1", "guide", (1, PER_PAGE)),
    Case("last page (partial)", "guide", (3, PER_PAGE)),
    Case("page past the end", "guide", (4, PER_PAGE)),
    Case("page past the end (error_out=False)", "guide", (4, PER_PAGE, False)),
    Case("page 0", "guide", (0, PER_PAGE)),
    Case("per_page 150 (no max_per_page)", "guide", (1, 150)),
    Case("empty tables", "guide_empty", (1, PER_PAGE)),
    # 7 authors: a total that per_page divides exactly, on one page and on 7.
    Case("one full page (7 of 7)", "guide", (1, 7)),
    Case("last of 7 pages of 1", "guide", (7, 1)),
    Case("per_page 0", "guide", (1, 0)),
    Case("per_page 0 (error_out=False)", "guide", (1, 0, False)),
    Case("per_page -1 (error_out=False)", "guide", (1, -1, False)),
)
WHERE = "FROM author WHERE author.name != :name_1"
COUNTED_AS = count_labels("author", AUTHOR_COLUMNS, WHERE, "", "")
LEGACY_COUNT, LITE_COUNT = COUNTED_AS.baseline, COUNTED_AS.candidate
PAGE_SELECT = (f"SELECT author.id, author.name, author.fullname {WHERE} "
               "ORDER BY author.name, author.id LIMIT :param_1 OFFSET :param_2")
COUNTED = ("page 1, last page (partial), page past the end (error_out=False), "
           "per_page 150 (no max_per_page), empty tables, one full page (7 of 7), "
           "last of 7 pages of 1, per_page 0 (error_out=False), per_page -1 (error_out=False)")


ROWS: list[Row] = [
    row(
        "fsa.get_or_404", "get_or_404",
        ("User.query.get_or_404(id)", "db.get_or_404(User, id)"),
        old.get_or_404, (Case("found", "guide", (3,)), Case("missing", "guide", (999,))),
        written(new.get_or_404, "drop-in", Diff("warnings", "", "LegacyAPIWarning", "none"),
                why="Both look in the identity map, then SELECT by primary key, and abort "
                    "with 404 NotFound on None. Query.get_or_404 calls Query.get, which "
                    "warns (LegacyAPIWarning); db.get_or_404 calls Session.get."),
        lite_form(lite_.get_or_404, "drop-in", Diff("warnings", "", "LegacyAPIWarning", "none"),
                  why="db.get_or_abort(Author, id) is Lite's get_or_404: Session.get (the "
                      "identity map, then a SELECT by primary key), abort(404) on None, as "
                      "Flask-SQLAlchemy 3.1's db.get_or_404 under another name. Its "
                      "docstring says 'Call Session.get_one'; the code calls Session.get "
                      f"({LITE}); test_lite checks which. Query.get_or_404 calls "
                      "Query.get, which warns (LegacyAPIWarning)."),
        warnings=LEGACY_API, document="flask-sqlalchemy",
    ),
    row(
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
        lite_form(lite_.first_or_404, "identical",
                  why="Lite has no first_or_404. scalars(select(...).limit(1)).first(), "
                      "then abort(404) on None, is Query.first_or_404's work: the same "
                      "SELECT ... LIMIT 1, the first of two matches, 404 on none. Lite's "
                      "docs leave this out; their one check for a missing row, "
                      "db.session.scalar(select(User).where(User.name == name)) "
                      "('Executing Queries'), sends no LIMIT, like db.first_or_404 (the "
                      "as_written variant)."),
        variant("one_or_abort", lite_other.first_or_404_one_or_abort, "behaviour-change",
                Diff("raises", "", "nothing", "NotFound", "two matches"),
                *limit_dropped(offset=False), on=ON_SQLITE_OFFSET,
                why="Lite's helper of the nearest name is not first_or_404: one_or_abort "
                    "runs scalar_one() and aborts on MultipleResultsFound as on "
                    f"NoResultFound ({LITE}), so two authors named alex give 404 where "
                    "first_or_404 returns the first. It also sends no LIMIT (it must "
                    "see a second row to refuse it)."),
        document="flask-sqlalchemy",
    ),
    row(
        "fsa.one_or_404", "one_or_404",
        ("User.query.filter_by(username=username).one_or_404()",
         "db.one_or_404(db.select(User).filter_by(username=username))"),
        old.one_or_404, NAME_CASES,
        written(new.one_or_404, "identical",
                why="Both turn NoResultFound and MultipleResultsFound into 404 NotFound "
                    "around the same SELECT (Query.one() / Result.scalar_one())."),
        lite_form(lite_.one_or_404, "identical",
                  why="db.one_or_abort(select) is Lite's one_or_404: execute(select)"
                      ".scalar_one(), abort(404) on NoResultFound and MultipleResultsFound "
                      f"({LITE}), as Query.one_or_404 does around Query.one()."),
        document="flask-sqlalchemy",
    ),
    row(
        "fsa.paginate", "paginate, next() and prev()",
        ("Model.query.paginate(page=page, per_page=per_page)",
         "page = db.paginate(db.select(User).order_by(User.join_date))"),
        old.paginate, PAGE_CASES,
        written(new.paginate, "drop-in",
                count_labels("author", AUTHOR_COLUMNS, WHERE, "statement 2 of 4", COUNTED),
                why="The same Pagination (items, total, pages, has_next, next_num...), "
                    "next() and prev(), 404 NotFound for page 0 and for a page past the "
                    "end, an empty page with error_out=False. Both pass max_per_page=None "
                    "although both docstrings say it 'Defaults to 100': per_page=150 "
                    "stays 150 (the default of 100 from pallets-eco/flask-sqlalchemy#1094 "
                    "is only Pagination.__init__'s). prev() does not pass max_per_page "
                    "on, so the previous page is clamped to that 100, in both; next() "
                    "passes it on (the bug reported for next() in #1201). "
                    f"{FSA}/pagination.py"),
        lite_form(lite_.paginate, "behaviour-change",
                  Diff("kind", "items", "Pagination", "Page", COUNTED),
                  Diff("statements", "", "4", "6", COUNTED),
                  Diff("sql", "only one side sent", LEGACY_COUNT, f"{LITE_COUNT} (x3)",
                       COUNTED.replace(", per_page 150 (no max_per_page)", "")),
                  Diff("sql", "only one side sent", f"{LEGACY_COUNT} | {PAGE_SELECT}",
                       f"{PAGE_SELECT} | {LITE_COUNT} (x3)", "per_page 150 (no max_per_page)"),
                  Diff("values", "page[2].per_page", "100", "150",
                       "per_page 150 (no max_per_page)"),
                  why=NO_PAGINATION + "lite.pagination.paginate pages the same select with "
                      "Query.paginate's rules (404 for page 0, per_page 0 and past the end; "
                      "with error_out=False an empty page past the end and 20 for a "
                      "per_page below 1, as Pagination._prepare_page_args) and is called again for the next and "
                      "previous pages, with error_out=False as next() and prev() do. The "
                      "same items, page, total and pages, but each is a Page, "
                      "not a Pagination: has_next, next_num, iter_pages(), next() and "
                      "prev() are not there, so templates change. The cost: each of the "
                      "three pages sends its own COUNT, where next() and prev() reuse "
                      "the first page's total (6 statements for 4). One value differs, "
                      "and Lite's is the one asked for: with per_page=150 "
                      "Flask-SQLAlchemy's "
                      "prev() pages by 100, because it does not pass max_per_page on "
                      f"(see the 2.x variant; {FSA}/pagination.py)."),
        document="flask-sqlalchemy",
    ),
    row(
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
        lite_form(lite_.paginate_columns, "caller-changes",
                  Diff("kind", "returns", "Pagination", "Page"),
                  count_labels("author", ("id", "name"), "FROM author", "statement 2 of 2", EVERY),
                  why=NO_PAGINATION + "lite.pagination.paginate(..., scalars=False) keeps "
                      "the rows, as Query.paginate does for a query of two columns (and "
                      "as Lite's own one_or_abort(scalar=False) does): the same (id, name) "
                      "rows, total and pages, where db.paginate keeps only the ids "
                      "(as_written). The page is a Page, not a Pagination."),
        document="flask-sqlalchemy",
    ),
]
