"""Generated chains per step and per pair of steps, beside the table of steps (``--chains``).

``pytest --chain-stats FILE`` (``comparisons/tests/chain_stats.py``) writes, for each
run (a backend on one SQLAlchemy version), the steps of every chain the chain test
translated and found as declared, and the reason of every chain it did not translate:

    {"chain_stats": 1,
     "runs": {"sqlite@sqlalchemy-2.1": {
         "translated": [{"steps": ["filter", "first", "rule.limit_first", "rule.rows"],
                         "chains": 3}, ...],
         "untranslated": {"get with criteria": 5, ...}}}}

A chain counts once for each pair of distinct steps it used, in whatever order (the
steps of a translation are a set: ``Translation.rows``), and once for each step.
Several files (workers, backends, SQLAlchemy versions, runs) merge by adding their
counts run by run. Two terminals never meet in one chain: their pairs are not counted
as missing.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comparisons.document.view import column

FORMAT = 1


class ChainsError(Exception):
    """A chain-stats file cannot be used; the message is one line for the user."""


@dataclass
class Tally:
    """Chains counted per run: the step sets translated, the reasons not translated."""

    translated: dict[str, Counter[tuple[str, ...]]] = field(default_factory=dict)
    untranslated: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, run: str, steps: Iterable[str]) -> None:
        self.translated.setdefault(run, Counter())[tuple(sorted(set(steps)))] += 1
        self.untranslated.setdefault(run, Counter())

    def refused(self, run: str, reason: str) -> None:
        self.translated.setdefault(run, Counter())
        self.untranslated.setdefault(run, Counter())[reason] += 1

    def merge(self, other: Tally) -> Tally:
        """Both tallies' counts added, run by run (a new tally)."""
        merged = Tally()
        for tally in (self, other):
            for run, found in tally.translated.items():
                merged.translated.setdefault(run, Counter()).update(found)
            for run, reasons in tally.untranslated.items():
                merged.untranslated.setdefault(run, Counter()).update(reasons)
        return merged

    def to_json(self) -> dict[str, Any]:
        return {"chain_stats": FORMAT, "runs": {run: {
            "translated": [{"steps": list(steps), "chains": n}
                           for steps, n in sorted(self.translated[run].items())],
            "untranslated": dict(sorted(self.untranslated.get(run, Counter()).items()))}
            for run in sorted(self.translated)}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tally:
        """A tally from its JSON; ``ValueError``, ``KeyError`` or ``TypeError`` otherwise."""
        if data.get("chain_stats") != FORMAT:
            raise ValueError(f"'chain_stats' is {data.get('chain_stats')!r}, not {FORMAT}")
        tally = cls()
        for run, found in data["runs"].items():
            column(run)  # a string: "backend@sqlalchemy-x.y"
            tally.translated[run] = Counter()
            for entry in found["translated"]:
                steps = entry["steps"]
                if not steps or not all(isinstance(s, str) for s in steps):
                    raise ValueError(f"{run}: steps {steps!r} are not step ids")
                tally.translated[run][tuple(sorted(set(steps)))] += _count(entry["chains"])
            tally.untranslated[run] = Counter(
                {str(reason): _count(n) for reason, n in found["untranslated"].items()})
        return tally


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a count of chains")
    return value


def load(paths: Sequence[Path]) -> Tally:
    """The tallies of ``paths``, merged; one line (:class:`ChainsError`) for a bad file."""
    tally = Tally()
    for path in paths:
        try:
            found = Tally.from_json(json.loads(path.read_text(encoding="utf-8")))
        except OSError as error:
            raise ChainsError(f"--chains {path}: cannot read it ({error.strerror})") from None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ChainsError(f"--chains {path}: not a chain-stats file (pytest --chain-stats "
                              f"FILE writes one): {error!r}") from None
        tally = tally.merge(found)
    return tally


@dataclass(frozen=True)
class StepChains:
    """One step's chains: merged, per run, and the steps it met in them."""

    id: str
    chains: int
    per_run: tuple[tuple[str, int], ...]  # (run label, chains) for every run
    pairs: tuple[tuple[str, int], ...]  # (other step, chains), most first
    never: tuple[str, ...]  # steps it could meet and met in no chain

    @property
    def missing_on(self) -> tuple[str, ...]:
        """The runs where no chain used this step."""
        return tuple(label for label, n in self.per_run if n == 0)


@dataclass(frozen=True)
class Coverage:
    """What the chains exercised, for the page, the Markdown and the terminal."""

    runs: tuple[tuple[str, int, int], ...]  # (label, translated, untranslated)
    steps: tuple[StepChains, ...]  # in the table's order
    matrix: Mapping[tuple[str, str], int | None]  # None: two terminals, never together
    untranslated: Mapping[str, int]  # merged, by reason
    unknown: tuple[str, ...]  # step ids of the file the table does not have

    @property
    def chains(self) -> int:
        return sum(n for _, n, _ in self.runs)

    @property
    def refused(self) -> int:
        return sum(n for _, _, n in self.runs)

    def step(self, step_id: str) -> StepChains | None:
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def pairs(self) -> tuple[int, int]:
        """(pairs some chain exercised, pairs that could be), each pair once."""
        possible = [n for (a, b), n in self.matrix.items() if a < b and n is not None]
        return sum(n > 0 for n in possible), len(possible)

    def heat(self, n: int) -> int:
        """A pair's count as a shade, 0 (none) to 5 (the most any pair got), on a log scale."""
        most = max((m for m in self.matrix.values() if m), default=0)
        if n <= 0 or most <= 0:
            return 0
        return 1 + min(4, int(4 * math.log1p(n) / math.log1p(most)))

    @property
    def never_steps(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps if s.chains == 0)

    @property
    def never_pairs(self) -> tuple[tuple[str, str], ...]:
        """Pairs of steps that could meet and met in no chain, in the table's order."""
        order = {s.id: i for i, s in enumerate(self.steps)}
        return tuple(sorted(((a, b) for (a, b), n in self.matrix.items()
                             if n == 0 and order[a] < order[b]),
                            key=lambda p: (order[p[0]], order[p[1]])))


def _per_step(found: Mapping[tuple[str, ...], int]) -> Counter[str]:
    """How many chains used each step."""
    counts: Counter[str] = Counter()
    for chain, n in found.items():
        counts.update(dict.fromkeys(chain, n))
    return counts


def coverage(tally: Tally, steps: Sequence[tuple[str, str]]) -> Coverage:
    """``tally`` over the table's ``steps`` (id, kind): per step and pair, merged."""
    ids = [step_id for step_id, _ in steps]
    terminal = {step_id for step_id, kind in steps if kind == "terminal"}
    runs = sorted(tally.translated, key=lambda run: column(run).label)
    per_run = {run: _per_step(tally.translated[run]) for run in runs}
    together: Counter[tuple[str, str]] = Counter()
    for run in runs:
        for found, n in tally.translated[run].items():
            together.update(dict.fromkeys(itertools.permutations(found, 2), n))
    matrix = {(a, b): None if a == b or {a, b} <= terminal else together[(a, b)]
              for a in ids for b in ids}
    shown = []
    for step_id in ids:
        met = [(b, matrix[(step_id, b)]) for b in ids]
        shown.append(StepChains(
            step_id, sum(per_run[run][step_id] for run in runs),
            tuple((column(run).label, per_run[run][step_id]) for run in runs),
            tuple(sorted(((b, n) for b, n in met if n), key=lambda p: -p[1])),
            tuple(b for b, n in met if n == 0)))
    untranslated: Counter[str] = Counter()
    for reasons in tally.untranslated.values():
        untranslated.update(reasons)
    used = {s for found in tally.translated.values() for chain in found for s in chain}
    return Coverage(
        tuple((column(run).label, sum(tally.translated[run].values()),
               sum(tally.untranslated.get(run, Counter()).values())) for run in runs),
        tuple(shown), matrix, dict(untranslated.most_common()),
        tuple(sorted(used - set(ids))))
