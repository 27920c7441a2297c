"""How the relationship rows are observed.

- :mod:`.sets`: the model sets (the tutorial's snippets, the corrected pair), each in a
  namespace of its own, and the seeded graph;
- :mod:`.scenarios`: the cases, each run in both styles on the same data;
- :mod:`.configuration`: backref against back_populates.

Which subject modules the sets are, the claims and the typing probe are the catalog's
(``comparisons.catalog.model_sets``, ``relationship_claims``, ``typing_probe``).
"""
