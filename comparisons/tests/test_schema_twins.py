"""Every table a 2.x or Lite model creates, against its legacy twin, as the database
reports it; and a control for every property the schema description reads.

``test_schema`` compares the relationship and guide model sets, and the ``model`` row
compares ``person``. Here every table of every style's metadata (``ingredient``, the
guide's, the relationships', ``person``) is compared with the legacy one, fact for fact,
in the namespaces the lab created them in. The controls create pairs of tables that
differ in one property each and check that the description sees that property: if
``comparisons.databases.schema`` stops reading it (the server default, a length...), its control
fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace, outside_engine
from comparisons.databases.schema import describe
from comparisons.engine.lab import Lab


def differences(left: dict[str, str], right: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {key: (left.get(key, "absent"), right.get(key, "absent"))
            for key in sorted(left.keys() | right.keys()) if left.get(key) != right.get(key)}


@pytest.mark.parametrize("style", ["modern", "lite"])
def test_every_table_matches_its_legacy_twin(lab: Lab, style: str) -> None:
    """Each table ``style``'s models create is its legacy twin, column for column: an
    ``Ingredient.name`` of another length, a nullable foreign key, a missing index...
    each shows here as one fact that differs."""
    names = sorted(lab.styles[style].metadata.tables)
    assert names == sorted(lab.styles["legacy"].metadata.tables)  # every table has a twin
    tables = {name: name for name in names}
    legacy, modern = (describe(lab.outside[s], tables) for s in ("legacy", style))
    assert differences(legacy, modern) == {}
    # Every table described: its four table facts, and a fact per column.
    columns = sum(len(lab.styles[style].metadata.tables[name].c) for name in names)
    assert len(legacy) == 1 + 4 * len(names) + columns
    assert {"ingredient.name", "person.name", "author.fullname"} <= legacy.keys()


# --- Controls: one property each ---------------------------------------------------------

def base(metadata: sa.MetaData, name: str, **change: Any) -> sa.Table:
    """A table of four columns; ``change`` replaces one property of one of them."""
    name_type = change.get("name_type", sa.String(50))
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", name_type, nullable=bool(change.get("nullable", False)),
                  primary_key=bool(change.get("name_in_key", False))),
        sa.Column("ref", sa.Integer,
                  *([sa.ForeignKey("parent.id")] if change.get("foreign_key") else [])),
        sa.Column("score", sa.Integer, server_default=change.get("server_default")),
        *([sa.UniqueConstraint("name")] if change.get("unique") else []),
        *([sa.Index(f"ix_{name}_score", "score", unique=change.get("unique_index", False))]
          if change.get("index") else []),
    )


#: Property -> (how the table differs, the facts that must differ then; per backend
#: where the server adds something of its own).
CONTROLS: dict[str, tuple[dict[str, Any], dict[str, set[str]]]] = {
    "type": ({"name_type": sa.Text()}, {"*": {"t.name"}}),
    "length": ({"name_type": sa.String(60)}, {"*": {"t.name"}}),
    "NULL": ({"nullable": True}, {"*": {"t.name"}}),
    "primary key": ({"name_in_key": True}, {"*": {"t.name", "t primary key"}}),
    "server default": ({"server_default": sa.text("7")}, {"*": {"t.score"}}),
    # InnoDB indexes a foreign key that has no index of its own.
    "foreign keys": ({"foreign_key": True},
                     {"*": {"t foreign keys"}, "mariadb": {"t foreign keys", "t indexes"}}),
    # PostgreSQL and MariaDB back UNIQUE with a unique index, reported among the
    # indexes too; SQLAlchemy leaves SQLite's sqlite_autoindex_* out.
    "unique constraints": ({"unique": True},
                           {"*": {"t unique constraints", "t indexes"},
                            "sqlite": {"t unique constraints"}}),
    "indexes": ({"index": True}, {"*": {"t indexes"}}),
    # Against "indexes": the same index, UNIQUE (MariaDB reports it as a constraint too).
    "unique index": ({"index": True, "unique_index": True},
                     {"*": {"t indexes"}, "mariadb": {"t indexes", "t unique constraints"}}),
}
#: Controls compared with another control's table rather than the base table.
AGAINST = {"unique index": "indexes"}
#: What describe() says of each column: these properties, in one fact per column.
COLUMN_PROPERTIES = {"type", "length", "NULL", "primary key", "server default"}


@pytest.fixture(scope="module")
def described(backend: Backend) -> Iterator[dict[str, dict[str, str]]]:
    """The base table and one table per control, created in a namespace of their own
    (dropped with it), each described under the role ``t``."""
    metadata = sa.MetaData()
    sa.Table("parent", metadata, sa.Column("id", sa.Integer, primary_key=True))
    tables = {"base": base(metadata, "base")}
    for number, (name, (change, _)) in enumerate(CONTROLS.items()):
        tables[name] = base(metadata, f"control_{number}", **change)
    with namespace(backend, "schemactl") as url:
        engine = outside_engine(url)
        try:
            metadata.create_all(engine)
            yield {name: describe(engine, {"t": table.name}) for name, table in tables.items()}
        finally:
            engine.dispose()


def test_every_property_the_description_reads_has_a_control(
    described: dict[str, dict[str, str]],
) -> None:
    """The table facts describe() gives are exactly the table-level controls, so a new
    fact cannot arrive without one; the column properties are each controlled too."""
    table_facts = {key.split(" ", 1)[1] for key in described["base"] if key.startswith("t ")}
    assert table_facts == set(CONTROLS) - COLUMN_PROPERTIES - set(AGAINST) | {"primary key"}
    assert set(CONTROLS) >= COLUMN_PROPERTIES
    assert described["base"]["t.score"] == "INTEGER NULL"  # no default: none described


@pytest.mark.parametrize("prop", list(CONTROLS))
def test_a_table_differing_in_one_property_is_seen_there(
    described: dict[str, dict[str, str]], backend: Backend, prop: str,
) -> None:
    expected = CONTROLS[prop][1]
    against = described[AGAINST.get(prop, "base")]
    assert set(differences(against, described[prop])) == \
        expected.get(backend.name, expected["*"])
