"""A schema as the database reports it, for parity checks between the two styles.

Each style's tables are created in a namespace of their own and reflected back: the
description is what the database holds, not what the models say. Tables are named by
role (``user``, ``post``, ``association``...), so two sets whose association tables
are named differently (``tags``, ``post_tag``) are still compared column by column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine


def tables_of(models: ModuleType) -> list[sa.Table]:
    """The tables of ``models``' own mapped classes and of their relationships."""
    found: dict[str, sa.Table] = {}
    for value in vars(models).values():
        table = getattr(value, "__table__", None)
        if isinstance(value, type) and value.__module__ == models.__name__ \
                and isinstance(table, sa.Table):
            found[table.name] = table
            mapper: sa.orm.Mapper[Any] = sa.inspect(value)
            for relationship in mapper.relationships:
                secondary = relationship.secondary
                if isinstance(secondary, sa.Table):
                    found[secondary.name] = secondary
    # Dependency order: whoever inserts rows table by table inserts parents first.
    return list(sa.sql.ddl.sort_tables(found.values()))


def roles_of(tables: Iterable[sa.Table]) -> dict[str, str]:
    """Role name to table name; a table with no primary-key ``id`` is the association."""
    return {
        ("association" if "id" not in table.c else table.name): table.name
        for table in tables
    }


def describe(engine: Engine, roles: Mapping[str, str]) -> dict[str, str]:
    """Every fact the database reports about the tables in ``roles``, one key per fact."""
    # One connection for every question: the engine may open one per question.
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        facts: dict[str, str] = {"tables": ", ".join(sorted(inspector.get_table_names()))}
        for role, name in sorted(roles.items()):
            facts.update(_table(inspector, role, name))
    return facts


def _table(inspector: Any, role: str, name: str) -> dict[str, str]:
    # The table's own name shows in "tables"; its facts are keyed by role.
    facts: dict[str, str] = {}
    primary = inspector.get_pk_constraint(name)["constrained_columns"]
    for column in inspector.get_columns(name):
        facts[f"{role}.{column['name']}"] = " ".join(filter(None, (
            _type(column["type"]),
            "NULL" if column["nullable"] else "NOT NULL",
            "PRIMARY KEY" if column["name"] in primary else "",
            f"DEFAULT {column['default']}" if column.get("default") is not None else "",
        )))
    facts[f"{role} primary key"] = _list(primary)
    foreign_keys = inspector.get_foreign_keys(name)
    facts[f"{role} foreign keys"] = _list(_foreign_key(fk) for fk in foreign_keys)
    facts[f"{role} unique constraints"] = _list(
        _list(u["column_names"]) for u in inspector.get_unique_constraints(name))
    facts[f"{role} indexes"] = _list(_index(i) for i in inspector.get_indexes(name))
    return facts


def _type(type_: sa.types.TypeEngine[Any]) -> str:
    # MariaDB reports INTEGER(11): the display width is not part of the type.
    if isinstance(type_, sa.Integer):
        return "INTEGER"
    # The ignore is for SQLAlchemy 2.0.31 (the floor), whose dialect constructor is untyped.
    return str(type_.compile(dialect=sqlite.dialect()))  # type: ignore[no-untyped-call]


def _foreign_key(fk: Mapping[str, Any]) -> str:
    action = (fk.get("options") or {}).get("ondelete")
    target = f"{fk['referred_table']}({_list(fk['referred_columns'])})"
    on_delete = f" ON DELETE {action}" if action else ""
    return f"({_list(fk['constrained_columns'])}) -> {target}{on_delete}"


def _index(index: Mapping[str, Any]) -> str:
    unique = "UNIQUE " if index.get("unique") else ""
    return f"{unique}({_list(index['column_names'])})"


def _list(items: Iterable[str]) -> str:
    return ", ".join(sorted(items)) or "none"
