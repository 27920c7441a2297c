"""A Flask-SQLAlchemy 3.1 app's database settings: the URL and engine options."""

from __future__ import annotations

from typing import Any


def settings(url: str) -> dict[str, Any]:
    """``SQLALCHEMY_DATABASE_URI`` and ``SQLALCHEMY_ENGINE_OPTIONS``, as Flask-SQLAlchemy
    3.1 reads them ("Configuration Keys")."""
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 3, "pool_recycle": 600,
                                      "pool_pre_ping": True},
    }
