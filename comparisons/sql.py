"""Statement capture and normalisation.

Legacy ``Query`` labels every column (``person.id AS person_id``) and ``select()`` does
not; placeholders differ by driver. Neither changes what the database does, so both are
normalised away with sqlglot. Everything else in the SQL is compared as emitted.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import sqlglot
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlglot import exp

#: psycopg's bind casts (``%(name)s::VARCHAR``): how the driver types a parameter,
#: not what the statement does. Dropped, so PostgreSQL's SQL reads like the others'.
_BIND_CAST = re.compile(r"(%\(\w+\)s|%s)::\w+(?:\(\d+\))?(?:\[\])?")
_PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|\?")
_DIALECTS = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql", "mariadb": "mysql"}
_PARSED = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")


@dataclass(frozen=True)
class Statement:
    """One statement as the database received it, normalised for comparison."""

    sql: str
    params: tuple[Any, ...]
    phase: str  # "call": while the function ran; "use": while its result was consumed


def normalise(sql: str, dialect: str) -> str:
    """``sql`` with one placeholder style and without column labels in SELECT lists."""
    text = _PLACEHOLDER.sub("?", _BIND_CAST.sub(r"\1", " ".join(sql.split())))
    if not text.upper().startswith(_PARSED):
        return text
    read = _DIALECTS.get(dialect, dialect)
    try:
        tree = sqlglot.parse_one(text, read=read)
    except sqlglot.errors.ParseError:
        return text  # compared as emitted, less whitespace
    return tree.transform(_drop_column_label).sql(dialect=read)


def _drop_column_label(node: exp.Expression) -> exp.Expression:
    in_select_list = node.arg_key == "expressions" and isinstance(node.parent, exp.Select)
    if isinstance(node, exp.Alias) and in_select_list:
        return cast(exp.Expression, node.this)
    return node


def params(parameters: Any) -> tuple[Any, ...]:
    """A cursor's parameters, whatever the driver's paramstyle, as a tuple."""
    if isinstance(parameters, dict):
        return tuple(parameters.values())
    if isinstance(parameters, (list, tuple)):
        return tuple(parameters)
    return () if parameters is None else (parameters,)


class Recorder:
    """Collects the statements an engine runs; ``phase`` labels the ones that follow."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.phase = "call"
        self.statements: list[Statement] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any,
                 context: Any, executemany: bool) -> None:
        sql = normalise(statement, self.dialect)
        if sql == "BEGIN":
            # Only SQLite sends BEGIN as a statement (see comparisons/lab.py): other
            # drivers begin implicitly. Counting it would make SQLite look chattier.
            return
        self.statements.append(Statement(sql, params(parameters), self.phase))


@contextlib.contextmanager
def recording(engine: Engine) -> Iterator[Recorder]:
    """Record every statement ``engine`` sends to the database inside the block."""
    recorder = Recorder(engine.dialect.name)
    event.listen(engine, "after_cursor_execute", recorder)
    try:
        yield recorder
    finally:
        event.remove(engine, "after_cursor_execute", recorder)
