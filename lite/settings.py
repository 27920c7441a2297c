"""The same database settings for Flask-SQLAlchemy-Lite, and a half-done translation.

Lite reads one key, ``SQLALCHEMY_ENGINES``: a dict of named engines whose values are a
URL or "a dict ... of keyword arguments to be passed to sqlalchemy.create_engine" with
a ``"url"`` (Lite's docs, "Engines"). It reads neither ``SQLALCHEMY_DATABASE_URI`` nor
``SQLALCHEMY_ENGINE_OPTIONS`` (nor ``SQLALCHEMY_ECHO``, ``SQLALCHEMY_BINDS``...).
"""

from __future__ import annotations

from typing import Any


def settings(url: str) -> dict[str, Any]:
    """``legacy.settings.settings`` for Lite: the engine options go with the URL."""
    return {
        "SQLALCHEMY_ENGINES": {
            "default": {"url": url, "pool_size": 3, "pool_recycle": 600,
                        "pool_pre_ping": True},
        },
    }


def url_moved(url: str) -> dict[str, Any]:
    """Only the URL moved to ``SQLALCHEMY_ENGINES``; the options left where they were."""
    return {
        "SQLALCHEMY_ENGINES": {"default": url},
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 3, "pool_recycle": 600,
                                      "pool_pre_ping": True},
    }
