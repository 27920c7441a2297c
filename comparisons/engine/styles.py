"""The styles under comparison, as data: which extension, which tables, how an app is set up.

A style is a ``SQLAlchemy``-like extension object and the metadata of its models. The
lab gives each style its own app and its own namespace, so each style's models create
their own tables: the DDL each style emits is what the database holds for it.
The styles themselves, with the subjects' ``db`` objects, are the catalog's
(``comparisons.catalog.styles``): the engine only runs what it is handed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, scoped_session


def configure_flask_sqlalchemy(app: Flask, db: Any, url: URL) -> None:
    """Flask-SQLAlchemy 3.1: one URL under ``SQLALCHEMY_DATABASE_URI``."""
    app.config["SQLALCHEMY_DATABASE_URI"] = url.render_as_string(hide_password=False)
    db.init_app(app)


def configure_lite(app: Flask, db: Any, url: URL) -> None:
    """Flask-SQLAlchemy-Lite, as its docs set it up ("Setup"): a dict of named engines
    under ``SQLALCHEMY_ENGINES``, ``"default"`` the one ``db.engine`` and ``db.session``
    use. Lite reads no ``SQLALCHEMY_DATABASE_URI`` (row ``lite.configuration``)."""
    app.config["SQLALCHEMY_ENGINES"] = {"default": url}
    db.init_app(app)


def current_session(db: Any) -> Session:
    """The session ``db.session`` stands for in the current app context.

    Flask-SQLAlchemy's ``db.session`` is a ``scoped_session`` (calling it gives the
    context's ``Session``); Lite's is that ``Session`` itself, which cannot be called
    and has no ``remove()`` (row ``lite.session_scope``).
    """
    session = db.session
    return session() if isinstance(session, scoped_session) else session  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Style:
    """One side's extension: ``db`` has ``.session`` and ``.engine`` in an app context."""

    name: str
    db: Any
    metadata: sa.MetaData
    configure: Callable[[Flask, Any, URL], None] = configure_flask_sqlalchemy
