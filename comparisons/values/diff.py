"""A difference: one way a candidate differed from the baseline, in the named cases.

A plain value: what the catalog declares and what the engine finds are both lists of
:class:`Diff`, compared as such; a sentence shortens long values for the reader only.
The catalog declares one positionally: ``Diff(aspect, detail, baseline, candidate,
cases)``, the baseline being the legacy code's side.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from comparisons.values.verdicts import ASPECTS

EVERY = "every case"
#: Longest value a sentence shows before it is shortened (display only).
SHOWN = 160
#: How a sentence names the candidate, by its target (``comparisons.values.rows.TARGETS``).
SAID = {"modern": "modern", "lite": "Lite"}
#: The JSON key of each field.
KEYS = ("aspect", "detail", "baseline", "candidate", "cases")


@dataclass(frozen=True, order=True)
class Diff:
    """One way a candidate differed from the baseline (the legacy code), in the named
    cases."""

    aspect: str
    detail: str
    baseline: str
    candidate: str
    cases: str = EVERY  # comma-separated case names, or EVERY

    def __post_init__(self) -> None:
        if self.aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {self.aspect!r}: one of {ASPECTS}")

    def sentence(self, target: str = "modern") -> str:
        """The difference for a reader, naming the candidate by its ``target``."""
        what = f"{self.aspect}, {self.detail}" if self.detail else self.aspect
        return f"{what} ({self.cases}): legacy {self.baseline}; {SAID[target]} {self.candidate}"

    def to_json(self) -> dict[str, str]:
        """``{"aspect", "detail", "baseline", "candidate", "cases"}``, every one a string."""
        return {key: getattr(self, key) for key in KEYS}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Diff:
        if set(data) != set(KEYS) or not all(isinstance(v, str) for v in data.values()):
            raise ValueError(f"a difference has the strings {sorted(KEYS)}: {data!r}")
        return cls(**{key: data[key] for key in KEYS})


def shown(value: Any) -> str:
    """A value for a sentence: JSON, shortened in the middle past ``SHOWN`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)
    if len(text) <= SHOWN:
        return text
    half = SHOWN // 2
    return f"{text[:half]}…[{len(text) - 2 * half} more]…{text[-half:]}"
