"""The styles under comparison: each subject's extension object and its models' metadata.

The engine is handed these (``open_lab(backend, STYLES)``); it imports no subject.
Lite is one more entry, with its own ``configure``, and its hand-written ``Page`` is a
page like Flask-SQLAlchemy's ``Pagination``, with the attributes it has.
"""

from __future__ import annotations

import legacy.models
import lite.models
import modern.models
from comparisons.engine.styles import Style, configure_lite
from comparisons.values.plain import register_page
from lite.pagination import Page

LEGACY = Style("legacy", legacy.models.db, legacy.models.db.metadata)
MODERN = Style("modern", modern.models.db, modern.models.db.metadata)
#: Lite manages no metadata: its models' ``DeclarativeBase`` has it.
LITE = Style("lite", lite.models.db, lite.models.Base.metadata, configure_lite)
STYLES: dict[str, Style] = {style.name: style for style in (LEGACY, MODERN, LITE)}

#: What Lite's ``Page`` has of a ``Pagination``'s attributes: a page is its items and these.
LITE_PAGE_ATTRIBUTES = ("page", "per_page", "total", "pages")
register_page(Page, LITE_PAGE_ATTRIBUTES)
