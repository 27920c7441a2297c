"""A difference: one way a candidate differed from the baseline, in the named cases.

A plain value: what the catalog declares and what the engine finds are both lists of
:class:`Diff`, compared as such; a sentence shortens long values for the reader only.
Its fields keep the names ``legacy`` and ``modern`` (the catalog's declarations read
them); its JSON names the two sides ``baseline`` and ``candidate``.
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
KEYS = {"aspect": "aspect", "detail": "detail", "legacy": "baseline", "modern": "candidate",
        "cases": "cases"}


@dataclass(frozen=True, order=True)
class Diff:
    """One way a candidate (``modern``) differed from the baseline (``legacy``), in the
    named cases."""

    aspect: str
    detail: str
    legacy: str
    modern: str
    cases: str = EVERY  # comma-separated case names, or EVERY

    def __post_init__(self) -> None:
        if self.aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {self.aspect!r}: one of {ASPECTS}")

    def sentence(self, target: str = "modern") -> str:
        """The difference for a reader, naming the candidate by its ``target``."""
        what = f"{self.aspect}, {self.detail}" if self.detail else self.aspect
        return f"{what} ({self.cases}): legacy {self.legacy}; {SAID[target]} {self.modern}"

    def to_json(self) -> dict[str, str]:
        """``{"aspect", "detail", "baseline", "candidate", "cases"}``, every one a string."""
        return {key: getattr(self, name) for name, key in KEYS.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Diff:
        if set(data) != set(KEYS.values()) or not all(isinstance(v, str) for v in data.values()):
            raise ValueError(f"a difference has the strings {sorted(KEYS.values())}: {data!r}")
        return cls(**{name: data[key] for name, key in KEYS.items()})


def shown(value: Any) -> str:
    """A value for a sentence: JSON, shortened in the middle past ``SHOWN`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)
    if len(text) <= SHOWN:
        return text
    half = SHOWN // 2
    return f"{text[:half]}…[{len(text) - 2 * half} more]…{text[-half:]}"
