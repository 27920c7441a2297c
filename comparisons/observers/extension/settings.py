"""An app's database settings: what engine each extension makes of them.

Each side is a function of the URL returning the app's config; the extension of the
side's style (Flask-SQLAlchemy for ``legacy``, Lite for ``lite``) is a new one, not the
lab's, so that an app made here is registered on nothing the other rows use.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

import flask_sqlalchemy
import flask_sqlalchemy_lite
from flask import Flask
from sqlalchemy.engine import Engine

from comparisons.engine.lab import Lab
from comparisons.values.observation import Observation
from comparisons.values.plain import plain
from comparisons.values.rows import Case, Side

EXTENSIONS: dict[str, Callable[[], Any]] = {
    "legacy": flask_sqlalchemy.SQLAlchemy,
    "modern": flask_sqlalchemy.SQLAlchemy,
    "lite": flask_sqlalchemy_lite.SQLAlchemy,
}
CASES = (Case("URL and engine options", "none"),)


def observe_settings(lab: Lab, side: Side, case: Case) -> Observation:
    """A new app with ``side.target(url)`` as its config: the engine the extension made,
    or what ``init_app`` raised."""
    url = lab.urls[side.style].render_as_string(hide_password=False)
    app = Flask(f"comparisons.settings.{side.style}", instance_path=tempfile.gettempdir())
    app.config.update(side.target(url))
    extension = EXTENSIONS[side.style]()
    try:
        extension.init_app(app)
    except RuntimeError as exc:
        return Observation(kind="exception", value=None, error=type(exc).__name__,
                           phase="call", reason=str(exc))
    with app.app_context():
        engine = extension.engine
    try:
        return Observation(kind="engine", value=plain(facts(engine)))
    finally:
        engine.dispose()


def facts(engine: Engine) -> dict[str, Any]:
    """What the settings decide about an engine (its URL is the lab's, per namespace)."""
    pool: Any = engine.pool
    return {
        "driver": engine.url.drivername,
        "URL query keys": sorted(engine.url.query),
        "pool": type(pool).__name__,
        "pool size": pool.size() if hasattr(pool, "size") else None,
        "pool recycle": pool._recycle,
        "pool pre-ping": pool._pre_ping,
    }
