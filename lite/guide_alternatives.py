"""Further Lite forms of the guide's rows, beside ``lite.guide``'s recommended ones.

Named ``<row>_<variant>`` as ``modern.guide_alternatives``; each is a variant of that
row in the catalog, with target ``lite``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from lite.guide_models import Article, Author
from lite.models import db
from modern.guide_as_written import legacy_call_sites


def dynamic_relationship_dynamic_mapped(author_id: int, call: str) -> Any:
    """``posts: DynamicMapped[Post] = relationship()`` on Lite, the legacy call sites
    unchanged: Lite has no ``db.Query`` to pass as ``query_class``."""
    author = db.session.get(Author, author_id)
    return legacy_call_sites(author.articles, call, Article)  # type: ignore[union-attr]


def first_or_404_one_or_abort(name: str) -> Author:
    """``db.one_or_abort(select(User).filter_by(username=username))`` for
    ``first_or_404()``: Lite's helper of the nearest name, which runs ``scalar_one()``."""
    # Lite types its argument Select[tuple[M]], SQLAlchemy 2.0's shape of Select[M].
    return db.one_or_abort(select(Author).filter_by(name=name))  # type: ignore[arg-type]
