"""Schema parity: each style's tables, created in a namespace of their own, as the
database reports them (tables, columns, types with lengths, NULL, keys, unique
constraints, indexes)."""

from __future__ import annotations

import pytest

from comparisons.catalog.model_sets import corrected, tutorial
from comparisons.databases.backends import Backend
from comparisons.databases.schema import describe, roles_of
from comparisons.engine.lab import Lab
from comparisons.observers.relationships.sets import KINDS, Space, space_for
from comparisons.values.rows import Side


def schema(space: Space) -> dict[str, str]:
    return describe(space.outside, roles_of(space.tables))


def tutorial_schemas(lab: Lab, kind: str) -> tuple[dict[str, str], dict[str, str]]:
    legacy, modern = (schema(space_for(lab, Side(style, tutorial(style, kind))))
                      for style in ("legacy", "modern"))
    return legacy, modern


def differences(left: dict[str, str], right: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {key: (left.get(key, "absent"), right.get(key, "absent"))
            for key in sorted(left.keys() | right.keys()) if left.get(key) != right.get(key)}


#: Every difference between the tutorial's two snippets, the same on every backend.
TUTORIAL_DIFFERENCES = {
    # Mapped[int] is NOT NULL; db.Column(db.Integer, db.ForeignKey(...)) is nullable.
    "one_to_many": {"post.user_id": ("INTEGER NULL", "INTEGER NOT NULL")},
    # The association table's name; its columns are the same in both.
    "many_to_many": {"tables": ("post, tag, tags", "post, post_tag, tag")},
    "one_to_one": {"profile.user_id": ("INTEGER NULL", "INTEGER NOT NULL")},
}


@pytest.mark.parametrize("kind", KINDS)
def test_tutorial_snippets_differ_exactly_so(lab: Lab, kind: str) -> None:
    """The tutorial's two model sets create different schemas: the modern foreign
    keys are NOT NULL, and the association table is named differently. Nothing else
    differs: types, primary and foreign keys, unique constraints and indexes agree."""
    legacy, modern = tutorial_schemas(lab, kind)
    assert differences(legacy, modern) == TUTORIAL_DIFFERENCES[kind]


def test_tutorial_association_tables_have_no_key(lab: Lab) -> None:
    """``tags`` and ``post_tag`` as written: two nullable keys and no primary key, so
    the same tag can be linked to a post twice, and a link can point at nothing."""
    legacy, modern = tutorial_schemas(lab, "many_to_many")
    for described in (legacy, modern):
        assert {key: described[key] for key in (
            "association.post_id", "association.tag_id", "association primary key",
            "association foreign keys")} == {
            "association.post_id": "INTEGER NULL", "association.tag_id": "INTEGER NULL",
            "association primary key": "none",
            "association foreign keys": "(post_id) -> post(id), (tag_id) -> tag(id)"}


def test_tutorial_one_to_one_is_not_unique(lab: Lab) -> None:
    """Neither style's ``profile.user_id`` is UNIQUE: the database would hold two
    profiles for one user (see test_relationships for what loading one then does)."""
    for described in tutorial_schemas(lab, "one_to_one"):
        assert described["profile unique constraints"] == "none"


@pytest.mark.parametrize("kind", ["one_to_many", "one_to_one"])
def test_mariadb_indexes_every_foreign_key(lab: Lab, backend: Backend, kind: str) -> None:
    """InnoDB creates an index for a foreign key that has none; SQLite and PostgreSQL
    do not. The same in both styles, so not a difference between them."""
    child = "post" if kind == "one_to_many" else "profile"
    expected = "(user_id)" if backend.name == "mariadb" else "none"
    assert [s[f"{child} indexes"] for s in tutorial_schemas(lab, kind)] == [expected] * 2


def corrected_schemas(lab: Lab) -> tuple[dict[str, str], dict[str, str]]:
    legacy, modern = (schema(space_for(lab, Side(style, corrected(style))))
                      for style in ("legacy", "modern"))
    return legacy, modern


def test_corrected_pair_is_schema_identical(lab: Lab) -> None:
    """``legacy.relationships`` and ``modern.relationships``, each created on its own,
    are the same schema on this backend, fact for fact."""
    legacy, modern = corrected_schemas(lab)
    assert differences(legacy, modern) == {}
    # "tables", four facts for each of the 5 tables, and the 12 columns: all described.
    assert len(legacy) == 1 + 5 * 4 + 12


def test_corrected_schema(lab: Lab, backend: Backend) -> None:
    """What the corrections are, as the database holds them. ``user`` is a reserved
    word on PostgreSQL: SQLAlchemy quotes it, and the table exists everywhere."""
    legacy, _ = corrected_schemas(lab)
    expected = {
        "tables": "post, post_tag, profile, tag, user",
        "user.name": "VARCHAR(80) NOT NULL",
        "post.title": "VARCHAR(120) NOT NULL",
        "post.user_id": "INTEGER NOT NULL",
        "profile.user_id": "INTEGER NOT NULL",
        "profile unique constraints": "user_id",
        "tag unique constraints": "name",
        "association primary key": "post_id, tag_id",
        "association foreign keys": "(post_id) -> post(id) ON DELETE CASCADE, "
                                    "(tag_id) -> tag(id) ON DELETE CASCADE",
        # MariaDB indexes tag_id for its foreign key; post_id leads the primary key.
        "association indexes": "(tag_id)" if backend.name == "mariadb" else "none",
    }
    assert {key: legacy[key] for key in expected} == expected


GUIDE_TABLES = {name: name for name in ("author", "address", "article", "topic",
                                        "article_topic")}


def test_guide_models_are_schema_identical(lab: Lab) -> None:
    """``legacy.guide_models``, ``modern.guide_models`` and ``lite.guide_models``, each
    created in its style's namespace, are the same five tables, fact for fact. (The
    namespaces also hold other rows' tables, which differ by style: "tables" is left out.)"""
    described = {style: describe(lab.outside[style], GUIDE_TABLES)
                 for style in ("legacy", "modern", "lite")}
    for facts in described.values():
        assert set(GUIDE_TABLES) <= set(facts.pop("tables").split(", "))
    assert described["legacy"] == described["modern"] == described["lite"]
    # Four facts for each of the 5 tables, and the 13 columns: all described.
    assert len(described["legacy"]) == 5 * 4 + 13
    # The many-to-many's association: one link per pair, both keys NOT NULL.
    assert described["legacy"]["article_topic primary key"] == "article_id, topic_id"
    assert (described["legacy"]["article_topic foreign keys"]
            == "(article_id) -> article(id), (topic_id) -> topic(id)")
