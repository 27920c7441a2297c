"""The graded verdict: a vector of aspects, and the rule that turns it into one word.

| verdict            | meaning                                                        |
|--------------------|----------------------------------------------------------------|
| identical          | nothing observable differs (SQL compared after label normalisation) |
| drop-in            | only the SQL text, the statement count or the warnings differ  |
| caller-changes     | same raises, values and state; the kind of object returned or |
|                    | when the SQL runs differs, so calling code must change         |
| behaviour-change   | in some case the values, the exceptions or the database state differ |
| breaks             | the modern code raises in every case where the legacy code does not |
| both-fail          | both sides raise in every case                                 |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

VERDICTS = ("identical", "drop-in", "caller-changes", "behaviour-change", "breaks", "both-fail")
ASPECTS = ("raises", "values", "kind", "timing", "state", "statements", "sql", "warnings",
           "types")

#: Aspects whose difference means the code does something else.
BEHAVIOUR = frozenset({"raises", "values", "state"})
#: Aspects whose difference means the calling code must change. A static type that
#: differs (``types``) is caught by the caller's type checker, not at run time.
CALLER = frozenset({"kind", "timing", "types"})
#: Aspects whose difference the calling code cannot see.
INVISIBLE = frozenset({"statements", "sql", "warnings"})

SAME, DIFFERS, NA = "same", "differs", "n/a"

assert set(ASPECTS) == BEHAVIOUR | CALLER | INVISIBLE  # every aspect has its weight


def grade(aspects: Mapping[str, str], raised: Iterable[tuple[bool, bool]]) -> str:
    """The verdict for an aspect vector and, per case, (legacy raised, modern raised)."""
    cases = list(raised)
    if cases and all(legacy and modern for legacy, modern in cases):
        return "both-fail"
    legacy_ok = [modern for legacy, modern in cases if not legacy]
    if legacy_ok and all(legacy_ok):
        return "breaks"
    differing = {name for name, state in aspects.items() if state == DIFFERS}
    unknown = differing - set(ASPECTS)
    if unknown:
        raise ValueError(f"unknown aspects {sorted(unknown)}")
    if differing & BEHAVIOUR:
        return "behaviour-change"
    if differing & CALLER:
        return "caller-changes"
    if differing:
        return "drop-in"
    return "identical"
