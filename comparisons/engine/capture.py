"""One capture context for every observer: statements, transactions, warnings, the error.

Statements are taken *before* they execute (``before_cursor_execute``), so one the
database refuses is recorded too; ``handle_error`` then marks it ``refused``.

Each statement is kept twice: ``raw``, as the driver received it (whitespace folded),
and ``sql``, what it is compared by. ``sql`` is the statement SQLAlchemy compiled,
compiled again on the same dialect with one change, the one
``sqlalchemy.testing.assertsql.CompiledSQL`` makes for the same reason: the legacy
``Query`` labels every column ``person.id AS person_id``
(``LABEL_STYLE_LEGACY_ORM``) where ``select()`` does not
(``LABEL_STYLE_DISAMBIGUATE_ONLY``). Those labels are generated, never referenced by
the statement itself, and the ORM reads results by position, so setting the same
label style on both cannot change what the statement does. Labels written in the
code (``.label("n")``), labels inside subqueries, placeholders and bind casts are
left exactly as compiled: they can change meaning (``::JSONB`` is not ``::JSON``).

The transaction log (``log``) also has BEGIN, COMMIT and ROLLBACK from SQLAlchemy's
connection events: a driver begins and commits without a cursor. On SQLite BEGIN is a
real statement (see ``comparisons.databases.sqlite_savepoints``), so it is logged from the
cursor there. ``statements`` leaves that BEGIN out: other drivers begin implicitly,
and counting it would make SQLite look chattier than the rest.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.default import StrCompileDialect
from sqlalchemy.sql import ClauseElement, selectable

from comparisons.values.observation import Statement
from comparisons.values.plain import plain

BEGIN, COMMIT, ROLLBACK = "BEGIN", "COMMIT", "ROLLBACK"
#: The label styles a legacy ``Query`` compiles with (``LEGACY_ORM`` in SQLAlchemy 2.x).
GENERATED_LABELS = {style for style in selectable.SelectLabelStyle
                    if style.name in ("LABEL_STYLE_TABLENAME_PLUS_COL", "LABEL_STYLE_LEGACY_ORM")}


GENERIC = StrCompileDialect()


#: The suite's own namespaces (``comparisons_run_...``): each side has its own, and a
#: statement that names one (MariaDB's DESCRIBE before CREATE TABLE) names it alike.
_NAMESPACE = re.compile(r"comparisons_[A-Za-z0-9_]+")


def fold(sql: str) -> str:
    """Whitespace folded, the suite's own namespace names replaced by ``<namespace>``."""
    return _NAMESPACE.sub("<namespace>", " ".join(sql.split()))


def compared_forms(context: Any, statement: str) -> tuple[str, str]:
    """``statement`` recompiled with the label style normalised (module docstring): on
    its own dialect, to be compared; on SQLAlchemy's generic dialect, to be read.

    The generic form is the same text on every backend (``:name`` placeholders, no
    bind casts), so a difference reads the same on SQLite, PostgreSQL and MariaDB.
    """
    compiled = getattr(context, "compiled", None)
    element = getattr(compiled, "statement", None)
    if compiled is None or not isinstance(element, ClauseElement):
        return fold(statement), fold(statement)  # exec_driver_sql: the text is all there is
    if getattr(element, "_label_style", None) in GENERATED_LABELS:
        element = element.set_label_style(  # type: ignore[attr-defined]
            selectable.LABEL_STYLE_DISAMBIGUATE_ONLY)
    options: dict[str, Any] = {}
    if getattr(compiled, "column_keys", None) is not None:
        options.update(column_keys=compiled.column_keys,
                       for_executemany=compiled.for_executemany)
    forms = []
    for dialect in (context.dialect, GENERIC):
        try:
            forms.append(fold(str(element.compile(dialect=dialect, **options))))
        except Exception:  # noqa: BLE001  # a construct that only compiles in its context
            forms.append(fold(statement))
    # Bind names are generated (Query.get's pk_1, select()'s id_1) and name nothing the
    # database sees once the driver has bound them: compared without them.
    return _PYFORMAT_NAME.sub("%s", forms[0]), forms[1]


_PYFORMAT_NAME = re.compile(r"%\(\w+\)s")


def _values(parameters: Any) -> Any:
    """A cursor's parameters as values in statement order, without the generated names.

    psycopg and PyMySQL take a dict per row (pyformat); its order is the statement's.
    """
    if isinstance(parameters, dict):
        return list(parameters.values())
    if isinstance(parameters, (list, tuple)) and parameters and isinstance(parameters[0], dict):
        return [list(row.values()) for row in parameters]
    return list(parameters) if isinstance(parameters, tuple) else parameters


class LostConnection(Exception):
    """The server ended a connection mid-run (restarted, the session killed): what the
    code under test raised then is not its behaviour, and nothing may be recorded."""


@dataclass
class Capture:
    """What one engine did inside the block, and what the code under test raised."""

    dialect: str
    phase: str = "call"
    statements: list[Statement] = field(default_factory=list)
    log: list[Statement] = field(default_factory=list)
    caught: list[warnings.WarningMessage] = field(default_factory=list)
    error: str | None = None
    error_phase: str | None = None
    reason: str | None = None
    #: The disconnect the engine saw, if any: the capture can no longer be trusted.
    lost: str | None = None
    _cut: int = 0

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(sorted({w.category.__name__ for w in self.caught}))

    def raised(self, exc: BaseException) -> None:
        """Record what the code under test raised, and in which phase; a lost
        connection is the lab's fault, not the code's: :class:`LostConnection`."""
        self.check()
        self.error, self.error_phase = type(exc).__name__, self.phase
        orig = getattr(exc, "orig", None)
        self.reason = fold(str(orig if orig is not None else exc))

    def check(self) -> None:
        """Raise :class:`LostConnection` if the engine lost a connection in the block."""
        if self.lost is not None:
            raise LostConnection(self.lost)

    def mark(self) -> list[Statement]:
        """The log since the previous mark: cuts a walkthrough into steps."""
        new, self._cut = self.log[self._cut:], len(self.log)
        return new

    # -- event handlers ------------------------------------------------------------

    def on_transaction(self, name: str) -> Any:
        def handler(conn: Any, *args: Any) -> None:
            if name != BEGIN or self.dialect != "sqlite":
                self.log.append(Statement(name, phase=self.phase, raw=name, shown=name))
        return handler

    def on_execute(self, conn: Any, cursor: Any, statement: str, parameters: Any,
                   context: Any, executemany: bool) -> None:
        sql, shown = compared_forms(context, statement)
        found = Statement(sql, plain(_values(parameters)), self.phase, fold(statement),
                          shown=shown)
        self.log.append(found)
        if found.sql != BEGIN:
            self.statements.append(found)

    def on_error(self, context: Any) -> None:
        if context.is_disconnect:  # even if the code under test catches it
            self.lost = fold(str(context.original_exception)).splitlines()[0]
        # SQLAlchemy's wrapper (IntegrityError) is what calling code catches.
        error = type(context.sqlalchemy_exception or context.original_exception).__name__
        for entries in (self.statements, self.log):
            if entries and entries[-1].refused is None:
                last = entries[-1]
                entries[-1] = dataclasses.replace(last, refused=error)
        self.log.append(Statement(f"ERROR {error}", phase=self.phase, shown=f"ERROR {error}"))


@contextlib.contextmanager
def recording(engine: Engine) -> Iterator[Capture]:
    """Capture what ``engine`` sends inside the block; warnings are left to the caller.

    For counting statements inside a larger capture: a nested ``catch_warnings``
    would keep the warnings from the outer one.
    """
    capture = Capture(engine.dialect.name)
    hooks: list[tuple[str, Any]] = [
        ("begin", capture.on_transaction(BEGIN)),
        ("commit", capture.on_transaction(COMMIT)),
        ("rollback", capture.on_transaction(ROLLBACK)),
        ("before_cursor_execute", capture.on_execute),
        ("handle_error", capture.on_error),
    ]
    for name, hook in hooks:
        event.listen(engine, name, hook)
    try:
        yield capture
    finally:
        for name, hook in hooks:
            event.remove(engine, name, hook)


@contextlib.contextmanager
def capturing(engine: Engine) -> Iterator[Capture]:
    """Capture everything ``engine`` sends, and every warning, inside the block."""
    with recording(engine) as capture, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        capture.caught = caught
        yield capture
