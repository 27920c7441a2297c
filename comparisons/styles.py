"""The styles under comparison, as data: which extension, which tables, how an app is set up.

A style is a ``SQLAlchemy``-like extension object and the metadata of its models. The
lab gives each style its own app and its own namespace, so each style's models create
their own tables: the DDL each style emits is what the database holds for it.
Flask-SQLAlchemy-Lite is one more entry, with its own ``configure``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import URL

import legacy.models
import modern.models


def configure_flask_sqlalchemy(app: Flask, db: Any, url: URL) -> None:
    """Flask-SQLAlchemy 3.1: one URL under ``SQLALCHEMY_DATABASE_URI``."""
    app.config["SQLALCHEMY_DATABASE_URI"] = url.render_as_string(hide_password=False)
    db.init_app(app)


@dataclass(frozen=True)
class Style:
    """One side's extension: ``db`` has ``.session`` and ``.engine`` in an app context."""

    name: str
    db: Any
    metadata: sa.MetaData
    configure: Callable[[Flask, Any, URL], None] = configure_flask_sqlalchemy


LEGACY = Style("legacy", legacy.models.db, legacy.models.db.metadata)
MODERN = Style("modern", modern.models.db, modern.models.db.metadata)
STYLES: dict[str, Style] = {style.name: style for style in (LEGACY, MODERN)}
