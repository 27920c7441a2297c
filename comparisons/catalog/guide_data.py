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
* a many-to-many that fans out, with links repeated and missing: articles 1 and 3
  have two topics each; topic 1 is on both, so author 1 reaches it twice; topic 2 is on
  articles of authors 1, 2 and 4; topics 1 and 3 share the name ``news``; articles 2
  and 4 (author 1 has articles with and without topics) and topic 4 have no link.
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
_TOPICS = ["news", "python", "news", "unused"]
#: (article, topic) pairs: the association table's composite key holds each pair once;
#: listed in key order, the order the lab reads a table back in to check it.
_LINKS = [(1, 1), (1, 2), (3, 1), (3, 3), (5, 2), (6, 2)]

GUIDE: dict[str, list[dict[str, Any]]] = {
    "author": [{"name": name, "fullname": fullname} for name, fullname in _AUTHORS],
    "address": [{"author_id": author, "email": email} for author, email in _ADDRESSES],
    "article": [{"author_id": author, "title": title} for author, title in _ARTICLES],
    "topic": [{"name": name} for name in _TOPICS],
    "article_topic": [{"article_id": article, "topic_id": topic} for article, topic in _LINKS],
}

#: Name -> {table: rows}, for ``comparisons.engine.datasets.DATASETS``.
DATASETS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "guide": GUIDE,
    "guide_empty": {table: [] for table in GUIDE},
}


def register() -> None:
    """Add these data sets to the registry the seeder reads."""
    REGISTRY.update(DATASETS)
