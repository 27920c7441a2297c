"""The ``lazy="dynamic"`` relationship: its call sites, and their 2.x replacements.

``source`` quotes Flask-SQLAlchemy's "Declaring Models" (``lazy='dynamic'``) and
SQLAlchemy's "Dynamic Relationship Loaders" (``DynamicMapped``).
"""

from __future__ import annotations

import legacy.guide as old
import modern.guide as new
import modern.guide_alternatives as other
import modern.guide_as_written as written_
from comparisons.catalog import guide
from comparisons.catalog.build import function_row, recommended, variant, written
from comparisons.diff import Diff
from comparisons.guide_data import register
from comparisons.rows import Case, Row

register()

CALLS = ("filter_by().all()", "count()", "order_by().first()", "paginate()",
         "order_by().paginate()", "append()")
ARTICLES = "FROM article WHERE :param_1 = article.author_id"
COLUMNS = ("id", "author_id", "title")


def count_labels(detail: str, cases: str) -> Diff:
    """``AppenderQuery.count()`` against a ``select().subquery()``: labels only."""
    return guide.count_labels("article", COLUMNS, ARTICLES, detail, cases)


PAGE_SQL = (f"SELECT article.id, article.author_id, article.title {ARTICLES} "
            "LIMIT :param_2 OFFSET :param_3 | "
            + count_labels("", "").legacy)

ROWS: list[Row] = [
    function_row(
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
                    count_labels("statement 2 of 2", "count(), count(), no articles"),
                    count_labels("statement 3 of 3", "paginate(), order_by().paginate()"),
                    why="WriteOnlyMapped, the successor of lazy='dynamic' (SQLAlchemy's "
                        "'Dynamic Relationship Loaders' is marked legacy), has no query "
                        "methods: each call site becomes a select() the session runs "
                        "(author.articles.select().filter_by(...)), add() for append(), "
                        "db.paginate(author.articles.select()) for paginate(). The same "
                        "rows, pages and table afterwards; only the COUNT's subquery "
                        "labels differ."),
        document="guide",
    ),
]
