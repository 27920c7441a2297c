"""Observations and outcomes are plain values: they round-trip exactly through JSON.

A side observed in one environment can then be compared in another: every observation
the catalog produces on this backend, written as JSON text and read back, is equal to
itself, and judging the read-back observations gives the same differences, aspects and
verdict. The controls show that the round trip loses nothing the judgement reads: one
field changed in the JSON is judged differently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from comparisons.catalog import ROWS
from comparisons.engine.judge import Outcome, judge
from comparisons.values.diff import Diff
from comparisons.values.observation import Observation, Statement
from comparisons.values.rows import Row
from comparisons.values.verdicts import DIFFERS

Outcomes = Callable[[Row, str], Outcome]

ROW_VARIANTS = [pytest.param(row, v.key, id=f"{row.id}-{v.key}")
                for row in ROWS for v in row.variants]


def through_json(data: Any) -> Any:
    """``data`` as another environment would read it: JSON text, parsed."""
    return json.loads(json.dumps(data))


def read_back(observed: Mapping[str, Observation]) -> dict[str, Observation]:
    return {case: Observation.from_json(through_json(obs.to_json()))
            for case, obs in observed.items()}


@pytest.mark.parametrize(("row", "key"), ROW_VARIANTS)
def test_observations_and_outcome_round_trip(outcomes: Outcomes, row: Row, key: str) -> None:
    """Each case's observations, and the judged outcome, come back from JSON equal, and
    judging the read-back observations gives the same differences, aspects, verdict.

    One pass per outcome: each side is read back once and judged once (this test ran
    as two, which read every observation back twice).
    """
    outcome = outcomes(row, key)
    baseline, candidate = read_back(outcome.baseline), read_back(outcome.candidate)
    assert baseline == outcome.baseline, "baseline"
    assert candidate == outcome.candidate, "candidate"
    assert Outcome.from_json(through_json(outcome.to_json())) == outcome
    again = judge(baseline, candidate)
    assert again.differences == outcome.differences
    assert again.aspects == outcome.aspects
    assert again.verdict == outcome.verdict
    assert again == outcome


def identical(outcomes: Outcomes) -> Outcome:
    """A real outcome judged identical whose observations have statements and a state."""
    for row in ROWS:
        for variant in row.variants:
            found = outcomes(row, variant.key)
            observations = [*found.baseline.values(), *found.candidate.values()]
            if found.verdict == "identical" and all(
                    o.statements and o.state is not None and o.error is None
                    for o in observations):
                return found
    raise AssertionError("no identical outcome with statements and state")  # pragma: no cover


#: One field of the candidate's first observation changed in its JSON, and the aspect
#: that must then differ.
CHANGES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "kind": (lambda o: o.update(kind="Something"), "kind"),
    "items": (lambda o: o.update(items="Something"), "kind"),
    "value": (lambda o: o.update(value={"changed": o.get("value")}), "values"),
    "error": (lambda o: o.update(error="RuntimeError", phase="call"), "raises"),
    "statements": (lambda o: o["statements"].pop(), "statements"),
    "params": (lambda o: o["statements"][-1].update(params=["changed"]), "sql"),
    "warnings": (lambda o: o.update(warnings=["SAWarning"]), "warnings"),
    "state": (lambda o: o.update(state={"changed": o["state"]}), "state"),
    "types": (lambda o: o.update(types={"x": "builtins.int"}), "types"),
}


@pytest.mark.one_backend
@pytest.mark.parametrize("field", CHANGES)
def test_a_field_changed_after_the_round_trip_is_judged_differently(
    outcomes: Outcomes, field: str
) -> None:
    outcome = identical(outcomes)
    first = next(iter(outcome.candidate))
    data = through_json(outcome.candidate[first].to_json())
    change, aspect = CHANGES[field]
    change(data)
    changed = {**outcome.candidate, first: Observation.from_json(data)}
    again = judge(outcome.baseline, changed)
    assert again.aspects[aspect] == DIFFERS, again.aspects
    assert again.verdict != outcome.verdict
    assert again.differences != outcome.differences


@pytest.mark.one_backend
@pytest.mark.parametrize("field", ["reason", "detail"])
def test_a_field_shown_only_is_kept_but_not_judged(outcomes: Outcomes, field: str) -> None:
    """``reason`` and ``detail`` round-trip too (the observation is no longer equal
    when they change), but the judgement does not read them."""
    outcome = identical(outcomes)
    first = next(iter(outcome.candidate))
    data = {**through_json(outcome.candidate[first].to_json()), field: "changed"}
    changed = {**outcome.candidate, first: Observation.from_json(data)}
    assert changed != outcome.candidate
    again = judge(outcome.baseline, changed)
    assert (again.differences, again.aspects, again.verdict) == (
        outcome.differences, outcome.aspects, outcome.verdict)


def test_a_default_is_left_out_and_comes_back_as_it_was() -> None:
    """``params=()`` (a statement sent without parameters) is not ``params=[]``."""
    bare, empty = Statement("BEGIN"), Statement("SELECT 1", [])
    assert bare.to_json() == {"sql": "BEGIN"}
    assert empty.to_json() == {"sql": "SELECT 1", "params": []}
    for statement in (bare, empty):
        back = Statement.from_json(through_json(statement.to_json()))
        assert back == statement and type(back.params) is type(statement.params)
    seen = Observation("list", [], statements=(bare, empty), warnings=("SAWarning",))
    assert Observation.from_json(through_json(seen.to_json())) == seen


@pytest.mark.parametrize("value", [(1, 2), {"a": (1,)}, {1: "one"}, {"a": object()},
                                   float("nan"), [1.5, {2: 3}]],
                         ids=["tuple", "nested tuple", "int key", "object", "nan", "deep"])
def test_a_value_json_would_change_is_refused(value: Any) -> None:
    """Written as it is or not at all: a tuple would come back a list, 1 as "1"."""
    with pytest.raises(ValueError, match=r"Observation\.value"):
        Observation("list", value).to_json()


def test_unknown_and_missing_fields_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown fields"):
        Observation.from_json({"kind": "list", "value": [], "valeu": 1})
    with pytest.raises(ValueError, match="Observation"):
        Observation.from_json({"kind": "list"})
    with pytest.raises(ValueError, match="unknown fields"):
        Statement.from_json({"sql": "BEGIN", "parameters": []})
    with pytest.raises(ValueError, match="strings"):
        Diff.from_json({"aspect": "values", "detail": "", "baseline": "1", "candidate": 2,
                        "cases": "every case"})
    with pytest.raises(ValueError, match="an outcome"):
        Outcome.from_json({"baseline": {}, "candidate": {}})


def test_a_difference_names_the_candidate_by_its_target() -> None:
    diff = Diff("kind", "returns", "Pagination", "Page")
    assert Diff.from_json(through_json(diff.to_json())) == diff
    assert diff.to_json() == {"aspect": "kind", "detail": "returns", "baseline": "Pagination",
                              "candidate": "Page", "cases": "every case"}
    assert diff.sentence() == "kind, returns (every case): legacy Pagination; modern Page"
    assert diff.sentence("modern") == diff.sentence()
    assert diff.sentence("lite") == "kind, returns (every case): legacy Pagination; Lite Page"
