"""The benchmark tables' contents at a given size, and the helper that seeds them.

Benchmarks own their seeding (the lab's may change): rows carry explicit ids, so a row
of the seed is known by id without reading it back, and the sequences are moved past
them afterwards so that the styles' own INSERTs do not collide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from modern.models import Person
from modern.relationships import Post, Tag, User, post_tag

#: Sizes the README's command runs: the growth from one to the other is the point.
DEFAULT_SIZES = (100, 10_000)
SMALLEST, LARGEST = 10, 1_000_000
#: Names cycle through the table: duplicates, non-ASCII, no case-only twins (MariaDB's
#: collation would match them).
NAMES = ("alex", "Zoë", "bob", "José", "李雷", "carol", "dave", "erin", "Łukasz", "frank",
         "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert")
CHILDREN = 10  # posts per user: 10 parents at 100 rows, 1,000 at 10,000
TAGS = 10
Person3 = tuple[int, str, int | None]


class SizeError(ValueError):
    """A size the benchmarks cannot use; the message is one line for the user."""


def parse_sizes(specs: Sequence[str]) -> list[int]:
    """``["100,10000"]`` or ``["100", "10000"]`` -> ``[100, 10000]``; one-line errors."""
    sizes: list[int] = []
    for item in filter(None, (part.strip() for spec in specs for part in spec.split(","))):
        try:
            size = int(item.replace("_", ""))
        except ValueError:
            raise SizeError(f"bad size {item!r}: give a whole number of rows, "
                            f"e.g. 100 or 100,10000") from None
        if not SMALLEST <= size <= LARGEST:
            raise SizeError(f"bad size {size}: use {SMALLEST} to {LARGEST:,} rows")
        if size not in sizes:
            sizes.append(size)
    if not sizes:
        raise SizeError("no size given: e.g. --size 100 or --size 100,10000")
    return sizes


@dataclass(frozen=True)
class Data:
    """``size`` people; ``size // 10`` users with 10 posts each; every post in one of 10 tags."""

    size: int

    @cached_property
    def people(self) -> list[Person3]:
        return [(i, NAMES[(i - 1) % len(NAMES)], None if i % 7 == 3 else 18 + (i * 7) % 60)
                for i in range(1, self.size + 1)]

    @property
    def parents(self) -> int:
        return max(1, self.size // CHILDREN)

    @cached_property
    def posts(self) -> list[tuple[int, str, int]]:
        """(id, title, user_id): post k belongs to user (k - 1) % parents + 1."""
        return [(k, f"post {k}", (k - 1) % self.parents + 1) for k in range(1, self.size + 1)]

    def tag_of(self, post_id: int) -> int:
        return (post_id - 1) % TAGS + 1

    def titles(self) -> dict[int, list[str]]:
        """What every children pattern must return: each user's post titles, sorted."""
        found: dict[int, list[str]] = {user: [] for user in range(1, self.parents + 1)}
        for _, title, user in self.posts:
            found[user].append(title)
        return {user: sorted(titles) for user, titles in found.items()}


TABLES = (Person.__table__, User.__table__, Post.__table__, Tag.__table__, post_tag)


def seed(connection: Connection, data: Data) -> None:
    """Fill the empty benchmark tables with ``data`` in one transaction."""
    people = [{"id": i, "name": n, "age": a} for i, n, a in data.people]
    connection.execute(sa.insert(Person.__table__), people)
    users = [{"id": u, "name": f"user {u}"} for u in range(1, data.parents + 1)]
    connection.execute(sa.insert(User.__table__), users)
    posts = [{"id": k, "title": t, "user_id": u} for k, t, u in data.posts]
    connection.execute(sa.insert(Post.__table__), posts)
    connection.execute(sa.insert(Tag.__table__),
                       [{"id": t, "name": f"tag {t}"} for t in range(1, TAGS + 1)])
    links = [{"post_id": k, "tag_id": data.tag_of(k)} for k, _, _ in data.posts]
    connection.execute(sa.insert(post_tag), links)
    if connection.dialect.name == "postgresql":
        # Explicit ids leave a sequence at 1: the next INSERT would collide with row 1.
        for table in TABLES[:-1]:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f"(SELECT max(id) FROM \"{table.name}\"))")
