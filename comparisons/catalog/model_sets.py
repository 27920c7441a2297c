"""The relationship rows' model sets: which subject module each style's side loads.

The tutorial's snippets, built afresh per relationship (``*.tutorial_relationships``),
and the corrected, schema-identical pair (``*.relationships``). The observers load
whatever :class:`ModelSet` a side hands them; only the catalog knows the subjects.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

import legacy.relationships
import legacy.tutorial_relationships
import lite.relationships
import lite.tutorial_relationships
import modern.relationships
import modern.relationships_dynamic
import modern.tutorial_relationships
from comparisons.observers.relationships.sets import ModelSet

TUTORIAL = {"legacy": legacy.tutorial_relationships, "modern": modern.tutorial_relationships,
            "lite": lite.tutorial_relationships}
CORRECTED = {"legacy": legacy.relationships, "modern": modern.relationships,
             "lite": lite.relationships}


def tutorial(style: str, kind: str) -> ModelSet:
    """The tutorial's snippet ``kind`` in ``style``, as written."""
    module = TUTORIAL[style]
    return ModelSet(f"tutorial.{style}.{kind}", lambda: module.build(kind), module)


def named(kind: str) -> ModelSet:
    """The tutorial's snippet ``kind`` on Lite, with the ``__tablename__`` Lite needs."""
    module = lite.tutorial_relationships
    return ModelSet(f"tutorial.lite.named.{kind}", lambda: module.build(kind, named=True),
                    module)


def corrected(style: str) -> ModelSet:
    """The project's corrected, schema-identical pair."""
    module = CORRECTED[style]
    return ModelSet(f"corrected.{style}", lambda: module, module)


def dynamic_mapped() -> ModelSet:
    """The corrected 2.x set with ``Tag.posts`` as ``DynamicMapped`` (``query_class=
    db.Query``): the drop-in for the legacy ``backref("posts", lazy="dynamic")``."""
    module = modern.relationships_dynamic
    return ModelSet("corrected.modern.dynamic", lambda: module, module)


@dataclass(frozen=True)
class TutorialSets:
    """The tutorial's snippets in ``style``, by kind: a side whose cases are the kinds."""

    style: str
    #: Lite only: the snippets with their table names (``lite.tutorial_relationships``).
    named: bool = False

    def __call__(self, kind: str) -> ModelSet:
        return named(kind) if self.named else tutorial(self.style, kind)

    @property
    def __wrapped__(self) -> ModuleType:
        return TUTORIAL[self.style]
