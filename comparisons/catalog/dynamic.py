"""The ``lazy="dynamic"`` relationship: its call sites, and their 2.x replacements.

``source`` quotes Flask-SQLAlchemy's "Declaring Models" (``lazy='dynamic'``) and
SQLAlchemy's "Dynamic Relationship Loaders" (``DynamicMapped``).
"""

from __future__ import annotations

import legacy.guide as old
import lite.guide as lite_
import lite.guide_alternatives as lite_other
import modern.guide as new
import modern.guide_alternatives as other
import modern.guide_as_written as written_
from comparisons.catalog import guide_common as guide
from comparisons.catalog.build import lite_form, recommended, row, variant, written
from comparisons.catalog.guide_data import register
from comparisons.values.diff import Diff
from comparisons.values.rows import Case, Row

register()

CALLS = ("filter_by().all()", "count()", "order_by().first()", "paginate()",
         "order_by().paginate()", "append()")
ARTICLES = "FROM article WHERE :param_1 = article.author_id"
COLUMNS = ("id", "author_id", "title")


def count_labels(detail: str, cases: str) -> Diff:
    """``AppenderQuery.count()`` against a ``select().subquery()``: labels only."""
    return guide.count_labels("article", COLUMNS, ARTICLES, detail, cases)




def page_sql(order_by: str = "") -> str:
    """What ``AppenderQuery.paginate()`` sends: the page, then its COUNT."""
    return (f"SELECT article.id, article.author_id, article.title {ARTICLES} {order_by}"
            "LIMIT :param_2 OFFSET :param_3 | " + count_labels("", "").baseline)


PAGE_SQL = page_sql()
PAGINATED = "paginate(), order_by().paginate()"
#: WriteOnlyMapped's COUNTs against AppenderQuery.count(): labels only.
COUNT_LABELS = (count_labels("statement 2 of 2", "count(), count(), no articles"),
                count_labels("statement 3 of 3", PAGINATED))

ROWS: list[Row] = [
    row(
        "dynamic.relationship", "A dynamic relationship's call sites",
        ("posts = db.relationship('Post', backref='author', lazy='dynamic')",
         "posts: DynamicMapped[Post] = relationship()"),
        old.dynamic_relationship,
        (*(Case(call, "guide", (1, call)) for call in CALLS),
         Case("count(), no articles", "guide", (3, "count()"))),
        written(written_.dynamic_relationship, "behaviour-change",
                Diff("raises", "", "nothing", "AttributeError", "paginate()"),
                Diff("sql", "only one side sent", PAGE_SQL, "nothing else", "paginate()"),
                Diff("statements", "", "3", "1", "paginate()"),
                why="SQLAlchemy's DynamicMapped[...] = relationship() makes the collection "
                    "an AppenderQuery over SQLAlchemy's own Query: "
                    "author.articles.paginate() raises AttributeError. Any other call "
                    "site works unchanged, even order_by().paginate(): a generative "
                    "method builds its new query from the session's query class, which "
                    "Flask-SQLAlchemy sets to db.Query (sqlalchemy/orm/dynamic.py, "
                    "AppenderMixin._generate)."),
        variant("query_class", other.dynamic_relationship_fsa_query, "identical",
                why="relationship(query_class=db.Query), which db.relationship() sets by "
                    "default, mixes Flask-SQLAlchemy's Query into the AppenderQuery: "
                    "every call site runs unchanged, with the same SQL."),
        recommended(new.dynamic_relationship, "drop-in",
                    *COUNT_LABELS,
                    why="WriteOnlyMapped, the successor of lazy='dynamic' (SQLAlchemy's "
                        "'Dynamic Relationship Loaders' is marked legacy), has no query "
                        "methods: each call site becomes a select() the session runs "
                        "(author.articles.select().filter_by(...)), add() for append(), "
                        "db.paginate(author.articles.select()) for paginate(). The same "
                        "rows, pages and table afterwards; only the COUNT's subquery "
                        "labels differ."),
        lite_form(lite_.dynamic_relationship, "caller-changes",
                  Diff("kind", "returns", "Pagination", "Page", PAGINATED), *COUNT_LABELS,
                  why="WriteOnlyMapped on Lite, each call site as in the 2.x form but "
                      "paginate(): Lite has no db.paginate ('It does not provide query "
                      "recording, pagination, query methods, etc.', its docs), so "
                      "lite.pagination.paginate(author.articles.select(), ...) pages the "
                      "select: the same articles, total and pages, and a Page for a "
                      "Pagination (no has_next, next_num, iter_pages()...). The COUNT is "
                      "the one a page needs, as AppenderQuery.paginate() sends it; only "
                      "its subquery's labels differ."),
        variant("dynamic_mapped", lite_other.dynamic_relationship_dynamic_mapped,
                "behaviour-change",
                Diff("raises", "", "nothing", "AttributeError", PAGINATED),
                Diff("sql", "only one side sent", PAGE_SQL, "nothing else", "paginate()"),
                Diff("sql", "only one side sent", page_sql("ORDER BY article.id "),
                     "nothing else", "order_by().paginate()"),
                Diff("statements", "", "3", "1", PAGINATED),
                why="DynamicMapped[...] = relationship() on Lite, the legacy call sites "
                    "unchanged. Lite has no db.Query to pass as query_class, and its "
                    "sessions keep SQLAlchemy's default query class: the collection is "
                    "an AppenderQuery over SQLAlchemy's Query, and so is every query it "
                    "generates. Both paginate() call sites raise AttributeError, where "
                    "on Flask-SQLAlchemy 3.1 (as_written) order_by().paginate() still "
                    "works through the session's db.Query. Every other call site runs "
                    "unchanged, with the same SQL. Lite's docs do not mention dynamic "
                    "relationships."),
        document="guide",
    ),
]
