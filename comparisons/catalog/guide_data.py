"""Data sets for the migration guide's rows, chosen to find differences.

Rows carry no ids: every reset restarts identities, so ids follow list order (the
``author_id`` values below rely on it). Tables are listed parents first.

``guide`` holds each thing a rewrite can get wrong:

* duplicate names: authors 1 and 2 are both ``alex``;
* a NULL column: ``fullname`` of authors 2, 5 and 8;
* a user with none: author 3 (``bob``) has no address and no article;
* a user matching a join through two rows: author 1 has ``alex@example.com`` twice,
  and authors 6 and 7 share ``shared@example.com``;
* more rows than a page: 8 authors (pages of 3), and author 1 has 4 articles
  (pages of 3), two of them titled ``Hello``.
"""

from __future__ import annotations

from typing import Any

from comparisons.engine.datasets import DATASETS as REGISTRY

PER_PAGE = 3

_AUTHORS = [
    ("alex", "Alex Smith"), ("alex", None), ("bob", "Bob Jones"), ("carol", "Carol White"),
    ("dave", None), ("erin", "Erin Black"), ("frank", "Frank Green"), ("grace", None),
]
_ADDRESSES = [
    (1, "alex@example.com"), (1, "alex@example.com"), (1, "alex@work.example"),
    (2, "alex2@example.com"), (4, "carol@example.com"), (5, "dave@example.com"),
    (6, "shared@example.com"), (7, "shared@example.com"),
]
_ARTICLES = [
    (1, "Hello"), (1, "Second"), (1, "Hello"), (1, "Zeta"), (2, "Hello"), (4, "Only"),
]

GUIDE: dict[str, list[dict[str, Any]]] = {
    "author": [{"name": name, "fullname": fullname} for name, fullname in _AUTHORS],
    "address": [{"author_id": author, "email": email} for author, email in _ADDRESSES],
    "article": [{"author_id": author, "title": title} for author, title in _ARTICLES],
}

#: Name -> {table: rows}, for ``comparisons.engine.datasets.DATASETS``.
DATASETS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "guide": GUIDE,
    "guide_empty": {"author": [], "address": [], "article": []},
}


def register() -> None:
    """Add these data sets to the registry the seeder reads."""
    REGISTRY.update(DATASETS)
