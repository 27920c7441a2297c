"""The tutorial's sentences about relationships, checked on a lab rather than believed."""

from __future__ import annotations

import sqlalchemy as sa

from comparisons.catalog.model_sets import tutorial
from comparisons.engine.lab import Lab
from comparisons.observers.relationships.scenarios import LOADERS, collection, loading, run_scenario
from comparisons.observers.relationships.sets import KINDS, space_for
from comparisons.values.rows import Side

PERFORMANCE = ("The modern method is compatible with Flask-SQLAlchemy 3.x and offers better "
               "performance and long-term maintainability.")


def same_queries(lab: Lab) -> tuple[bool, str]:
    """Does the modern style load any relationship with fewer queries than the legacy?"""
    counts: dict[tuple[str, str, str], list[int]] = {}
    for kind in KINDS:
        for loader, option in LOADERS.items():
            for style in ("legacy", "modern"):
                space = space_for(lab, Side(style, tutorial(style, kind)))
                value = run_scenario(space, loading(kind, option)).value
                counts.setdefault((kind, loader, style), []).append(value["queries"])
    fewer = [key for key in counts if key[2] == "modern"
             and counts[key] < counts[(key[0], key[1], "legacy")]]
    per_loader = ", ".join(f"{loader} {counts[('one_to_many', loader, 'legacy')][0]}"
                           for loader in LOADERS)
    if fewer:
        return True, f"modern needs fewer queries for {fewer}"
    return False, ("each relationship loads with the same number of queries in both "
                   f"styles (for three users: {per_loader}); the style changes no SQL")


SCALAR = ('One-to-One: `uselist=False` in relationship (traditional); `Mapped["Profile"]` '
          "without list (modern)")


def scalar_without_uselist(lab: Lab) -> tuple[bool, str]:
    """Is the modern ``Mapped["Profile"]`` a scalar end, as ``uselist=False`` makes it?"""
    found = {}
    for style in ("legacy", "modern"):
        space = space_for(lab, Side(style, tutorial(style, "one_to_one")))
        uselist = sa.inspect(space.models.User).relationships["profile"].uselist
        ends = run_scenario(space, collection("one_to_one")).value
        found[style] = (uselist, ends["User 1.profile"], ends["User 3.profile"])
    holds = found["modern"] == found["legacy"] == (False, "Profile", "None")
    return holds, (f"User.profile: uselist, user 1's, user 3's: legacy {found['legacy']}, "
                   f"modern {found['modern']}; SQLAlchemy infers uselist=False from a "
                   "non-collection Mapped[...]")


