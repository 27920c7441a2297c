"""The suite never touches data it did not create: a ``person`` table with rows, planted in
the default schema of the database the suite is pointed at, is unchanged after a full
pass, and the pass leaves nothing new behind.

The target is a database of this test's own, so that a user's real ``person`` is never
at stake: on PostgreSQL a schema that the target URL's ``search_path`` makes the
default (what ``public`` is to a plain URL); on MariaDB a database, the URL's; on
SQLite the temporary directory and the working directory, where the suite's files go.
Each is named like a namespace (``comparisons_target_...``): if this test is killed,
the next run drops it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import URL

from comparisons.catalog import ROWS, STYLES
from comparisons.databases import owners
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import Place, place_for
from comparisons.document.report import build

pytestmark = pytest.mark.slow  # run by `pytest -m slow` (CI), not by default

PERSON = [(1, "Ada", "planted by test_isolation"), (2, "O'Brien", "100% hers_")]


def plant(url: URL) -> None:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(40), note VARCHAR(40))"))
        for row in PERSON:
            connection.execute(sa.text("INSERT INTO person VALUES (:id, :name, :note)"),
                               dict(zip(("id", "name", "note"), row, strict=True)))
    engine.dispose()


#: Every object in the connection's default schema, by kind and name.
OBJECTS = {
    "postgresql": "SELECT relkind, relname FROM pg_class "
                  "WHERE relnamespace = current_schema()::regnamespace",
    "mysql": "SHOW FULL TABLES",  # tables, views and sequences of the URL's database
    "mariadb": "SHOW FULL TABLES",
    "sqlite": "SELECT type, name FROM sqlite_master",
}


#: What planting made: the table (and PostgreSQL's primary key index).
PLANTED = {
    "postgresql": [("i", "person_pkey"), ("r", "person")],
    "mariadb": [("person", "BASE TABLE")],
    "sqlite": [("table", "person")],
}


def contents(url: URL) -> dict[str, Any]:
    """Every object of the URL's default schema, and person's rows."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        objects = connection.execute(sa.text(OBJECTS[url.get_backend_name()]))
        rows = connection.execute(sa.text("SELECT id, name, note FROM person ORDER BY id"))
        found = {"objects": sorted(tuple(o) for o in objects),
                 "person": [tuple(row) for row in rows]}
    engine.dispose()
    return found


@pytest.fixture
def target(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[URL]:
    """The URL of a database whose default schema holds a planted ``person``."""
    if backend.name == "sqlite":
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        monkeypatch.chdir(tmp_path)
        plant(sa.make_url(f"sqlite:///{tmp_path / 'person.sqlite'}"))
        yield backend.url
        return
    place: Place = place_for(backend.url)
    name = owners.new_name("target")
    place.create(name)
    try:
        # On PostgreSQL a URL whose search_path makes the schema the default one.
        url = place.url_for(name)
        plant(url)
        yield url
    finally:
        place.drop(name)


def mine(place: Place) -> set[str]:
    """This process's namespaces on the server."""
    return {n for n in place.names() if owners.owner_of(n) == owners.me()}


def test_a_full_pass_leaves_the_default_schema_as_it_was(
    backend: Backend, target: URL, tmp_path: Path
) -> None:
    planted = tmp_path / "person.sqlite"
    place = place_for(target)
    before_files = planted.read_bytes() if backend.name == "sqlite" else b""
    before = contents(sa.make_url(f"sqlite:///{planted}") if backend.name == "sqlite"
                      else target)
    assert before["person"] == PERSON
    assert before["objects"] == PLANTED[backend.name]
    names = mine(place)

    report = build([Backend(backend.name, target)], ROWS, STYLES)

    assert report["backends"] == [backend.name]
    if backend.name == "sqlite":
        assert planted.read_bytes() == before_files
        assert sorted(p.name for p in tmp_path.iterdir()) == ["person.sqlite"]
        assert contents(sa.make_url(f"sqlite:///{planted}")) == before
    else:
        assert contents(target) == before
    assert mine(place) == names
