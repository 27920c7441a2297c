"""Observers that need no data: which relationship ends exist when, and what mypy says."""

from __future__ import annotations

import warnings

import sqlalchemy as sa

from comparisons.engine.lab import Lab
from comparisons.observers.relationships.sets import ENDS, ModelSet
from comparisons.values.observation import Observation
from comparisons.values.plain import plain
from comparisons.values.rows import Case, Side

# --- Configuration: backref against back_populates, without a database -------------------

def observe_configuration(lab: Lab, side: Side, case: Case) -> Observation:
    """Which ends exist before and after the mappers are configured, and whether setting
    one end sets the other in Python, before any flush. ``case.name`` is the kind.

    Every observation builds its model set afresh: a configured registry cannot show
    what it looked like before.
    """
    models_set: ModelSet = side.target(case.name)  # a TutorialSets
    models = models_set.load()
    parent_name, forward, child_name, backward = ENDS[case.name]
    parent, child = getattr(models, parent_name), getattr(models, child_name)

    def present() -> str:
        return ", ".join(f"{cls.__name__}.{name}" for cls, name
                         in ((parent, forward), (child, backward)) if hasattr(cls, name))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        before = present()
        sa.inspect(parent).registry.configure()
        value = {
            "ends before configure": before,
            "ends after configure": present(),
            f"{parent_name}.{forward} set, {child_name}.{backward} reads":
                _mirrored(parent, forward, child, backward),
            f"{child_name}.{backward} set, {parent_name}.{forward} reads":
                _mirrored(child, backward, parent, forward),
        }
    return Observation(kind="configuration", value=plain(value),
                       warnings=tuple(sorted({w.category.__name__ for w in caught})))


def _mirrored(owner_cls: type, name: str, other_cls: type, other_name: str) -> str:
    """Set ``owner.name`` to a new ``other``; what ``other.other_name`` then holds."""
    owner, other = owner_cls(), other_cls()
    current = getattr(owner, name)
    if current is None:
        setattr(owner, name, other)
    else:
        current.append(other)
    seen = getattr(other, other_name)
    if seen is owner:
        return "the owner"
    if seen is None:
        return "None"
    held = list(seen)
    return "a collection holding the owner" if held == [owner] else f"{type(seen).__name__} {held}"
