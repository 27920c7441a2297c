"""The two styles under comparison, by the name the catalog and the lab use."""

from __future__ import annotations

from flask_sqlalchemy import SQLAlchemy

import legacy.models
import modern.models

STYLES = ("legacy", "modern")
DBS: dict[str, SQLAlchemy] = {"legacy": legacy.models.db, "modern": modern.models.db}
