"""How the relationship rows are observed.

- :mod:`.sets`: the model sets (the tutorial's snippets, the corrected pair), each in a
  namespace of its own, and the seeded graph;
- :mod:`.scenarios`: the cases, each run in both styles on the same data;
- :mod:`.configuration`: backref against back_populates, and what mypy reports.
"""

from __future__ import annotations

from comparisons.observers.relationships.configuration import observe_configuration, observe_typing
from comparisons.observers.relationships.scenarios import (
    LOADERS,
    Loaded,
    Scenario,
    collection,
    delete_parent,
    delete_shared_tag,
    loading,
    navigate,
    observer,
    orphan,
    replace_partner,
    run_scenario,
    scenarios,
    schema_of,
    store,
)
from comparisons.observers.relationships.sets import (
    ENDS,
    KINDS,
    ModelSet,
    Space,
    TutorialSets,
    corrected,
    named,
    space_for,
    tutorial,
)

__all__ = [
    "ENDS", "KINDS", "LOADERS", "Loaded", "ModelSet", "Scenario", "Space", "TutorialSets",
    "collection", "corrected", "delete_parent", "delete_shared_tag", "loading", "named",
    "navigate", "observe_configuration", "observe_typing", "observer", "orphan", "replace_partner",
    "run_scenario", "scenarios", "schema_of", "space_for", "store", "tutorial",
]
