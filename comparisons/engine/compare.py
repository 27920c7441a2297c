"""Comparing two observations, aspect by aspect, in full.

Equality is decided on canonical values (``comparisons.values.plain``), never on what is
displayed: a sentence shortens long values for the reader, the comparison never does.
Each difference is one :class:`Diff`; the aspects it belongs to feed the verdict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from comparisons.values.diff import EVERY, Diff, shown
from comparisons.values.observation import Observation, Statement
from comparisons.values.plain import canonical, page_fields, records, same
from comparisons.values.verdicts import ASPECTS, DIFFERS, NA, SAME

Found = tuple[str, str, str, str]  # aspect, detail, baseline, candidate


def compare(baseline: Observation, candidate: Observation) -> list[Found]:
    """Every way ``candidate`` differs from ``baseline``, as (aspect, detail, baseline,
    candidate): the baseline is the legacy code, the candidate a variant of a target."""
    found: list[Found] = []

    def differ(aspect: str, detail: str, left: Any, right: Any) -> None:
        if not same(left, right):
            found.append((aspect, detail, shown(left), shown(right)))

    differ("raises", "", baseline.error or "nothing", candidate.error or "nothing")
    if baseline.error and candidate.error:
        differ("timing", "raised", baseline.phase, candidate.phase)
    if baseline.error is None and candidate.error is None:
        differ("kind", "returns", baseline.kind, candidate.kind)
        differ("kind", "items", baseline.items or "-", candidate.items or "-")
        if (baseline.kind, baseline.items) == (candidate.kind, candidate.items):
            _values(found, "values", "", baseline.value, candidate.value)
        else:  # different containers: are the records inside them the same?
            _values(found, "values", "records", records(baseline.value), records(candidate.value))
            _values(found, "values", "page", *page_fields(baseline.value, candidate.value))
        differ("timing", "sql runs", _timing(baseline), _timing(candidate))
    differ("statements", "", len(baseline.statements), len(candidate.statements))
    _sql(found, baseline, candidate)
    differ("warnings", "", ", ".join(baseline.warnings) or "none",
           ", ".join(candidate.warnings) or "none")
    for table, left, right in _tables(baseline.state, candidate.state):
        if not same(left, right):
            only_baseline, only_candidate = _only_in(left, right)
            found.append(("state", f"{table} afterwards", f"also has {shown(only_baseline)}",
                          f"also has {shown(only_candidate)}"))
    _values(found, "types", "", baseline.types, candidate.types)
    return found


def _timing(obs: Observation) -> str:
    """When the SQL runs: at the call, when the result is used, both, or never.

    Not how many statements: that is the ``statements`` aspect.
    """
    phases = {s.phase for s in obs.statements}
    return {frozenset({"call"}): "at the call", frozenset({"use"}): "when used",
            frozenset(): "never"}.get(frozenset(phases), "at the call and when used")


def _sql(found: list[Found], baseline: Observation, candidate: Observation) -> None:
    """Statements compared in full, even when their counts differ.

    Compared: the statement on its own dialect (labels normalised), its parameters in
    full, whether it was refused. Shown: the generic dialect's text, the same on every
    backend, with the parameters' values where those differ.
    """
    left, right = [_key(s) for s in baseline.statements], [_key(s) for s in candidate.statements]
    if Counter(k[:3] for k in left) == Counter(k[:3] for k in right):
        # The same statements, perhaps in another order: the unit of work visits the
        # objects of a flush or a cascade from sets, whose order follows memory
        # addresses, so order alone changes from run to run in either style.
        return
    if len(left) == len(right):
        differing = [i for i, (a, b) in enumerate(zip(left, right, strict=True))
                     if a[:3] != b[:3]]
        if differing:
            first = differing[0]
            mine, theirs = baseline.statements[first], candidate.statements[first]
            what = (f"statement {first + 1} of {len(left)}" if len(differing) == 1 else
                    f"{len(differing)} of {len(left)} statements, first {first + 1}")
            found.append(("sql", what, *_readable(mine, theirs)))
        return
    # Different counts: what each side sent that the other did not, as a multiset.
    texts = {k[:3]: k for k in (*left, *right)}
    extra_left = [texts[k] for k in (Counter(k[:3] for k in left)
                                     - Counter(k[:3] for k in right)).elements()]
    extra_right = [texts[k] for k in (Counter(k[:3] for k in right)
                                      - Counter(k[:3] for k in left)).elements()]
    found.append(("sql", "only one side sent", _listed(extra_left), _listed(extra_right)))


def _listed(keys: list[tuple[str, str, str, str]]) -> str:
    """Statements in full (a reader compares them), each once, with how often it was sent."""
    counts = Counter(_text(k) for k in keys)
    return " | ".join(f"{text} (x{n})" if n > 1 else text
                      for text, n in counts.items()) or "nothing else"


def _key(statement: Statement) -> tuple[str, str, str, str]:
    """What a statement is compared by (the first three), and how it reads (the last).

    The rows of one executemany are compared as a multiset, for the same reason as
    the order of statements (see ``_sql``).
    """
    params = statement.params
    if isinstance(params, list) and params and all(isinstance(p, (list, dict)) for p in params):
        params = sorted(params, key=canonical)
    return (statement.sql, canonical(params), statement.refused or "",
            statement.shown or statement.sql)


def _text(key: tuple[str, str, str, str]) -> str:
    return key[3] + (f" (refused: {key[2]})" if key[2] else "")


def _readable(mine: Statement, theirs: Statement) -> tuple[str, str]:
    """The two statements as a reader should see them: what differs, and only that."""
    left, right = _key(mine), _key(theirs)
    texts = [_text(left), _text(right)]
    if texts[0] == texts[1] and left[0] != right[0]:  # differ only on their own dialect
        texts = [left[0], right[0]]
    if left[1] != right[1]:
        texts = [f"{t} with {shown(s.params)}" for t, s in
                 zip(texts, (mine, theirs), strict=True)]
    return texts[0], texts[1]  # in full: a reader compares the two statements


def _tables(left: Any, right: Any) -> list[tuple[str, Any, Any]]:
    """The state table by table, where it is a dict of tables; else as one "database"."""
    if isinstance(left, dict) and isinstance(right, dict) and left.keys() == right.keys():
        return [(name, left[name], right[name]) for name in sorted(left)]
    return [("database", left, right)]


def _only_in(left: Any, right: Any) -> tuple[list[Any], list[Any]]:
    """Rows that only one side's tables hold afterwards."""
    left = list(left or []) if isinstance(left, list) else [left]
    right = list(right or []) if isinstance(right, list) else [right]
    mine, theirs = [canonical(r) for r in left], [canonical(r) for r in right]
    return ([r for r, c in zip(left, mine, strict=True) if c not in theirs],
            [r for r, c in zip(right, theirs, strict=True) if c not in mine])


def _values(found: list[Found], aspect: str, path: str, left: Any, right: Any) -> None:
    """Values compared in full; the sentence names the first place they part."""
    if same(left, right):
        return
    if isinstance(left, dict) and isinstance(right, dict) and left.keys() == right.keys():
        for key in sorted(left):  # every differing key: a schema's facts, a page's fields
            _values(found, aspect, f"{path}.{key}" if path else key, left[key], right[key])
        return
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            found.append((aspect, path or "value", f"{len(left)} items", f"{len(right)} items"))
            return
        index = next(i for i, (a, b) in enumerate(zip(left, right, strict=True))
                     if not same(a, b))
        _values(found, aspect, f"{path}[{index}]", left[index], right[index])
        return
    found.append((aspect, path or "value", shown(left), shown(right)))


def collect(pairs: Mapping[str, tuple[Observation, Observation]]) -> list[Diff]:
    """Differences over named cases, each merged across the cases where it occurred."""
    where: dict[Found, list[str]] = {}
    for case, (baseline, candidate) in pairs.items():
        for key in dict.fromkeys(compare(baseline, candidate)):
            where.setdefault(key, []).append(case)
    return sorted(
        Diff(*key, cases=EVERY if len(cases) == len(pairs) else ", ".join(cases))
        for key, cases in where.items()
    )


def aspects(pairs: Mapping[str, tuple[Observation, Observation]],
            differences: Iterable[Diff]) -> dict[str, str]:
    """Each aspect ``same``, ``differs`` or ``n/a`` (nothing to compare in any case)."""
    differing = {d.aspect for d in differences}
    both_returned = any(a.error is None and b.error is None for a, b in pairs.values())
    present = {
        "values": both_returned, "kind": both_returned,
        "state": any(a.state is not None or b.state is not None for a, b in pairs.values()),
        "types": any(a.types is not None or b.types is not None for a, b in pairs.values()),
    }
    return {
        name: DIFFERS if name in differing else (SAME if present.get(name, True) else NA)
        for name in ASPECTS
    }
