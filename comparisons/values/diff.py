"""A difference: one way a candidate differed from the baseline, in the named cases.

A plain value: what the catalog declares and what the engine finds are both lists of
:class:`Diff`, compared as such; a sentence shortens long values for the reader only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from comparisons.values.verdicts import ASPECTS

EVERY = "every case"
#: Longest value a sentence shows before it is shortened (display only).
SHOWN = 160


@dataclass(frozen=True, order=True)
class Diff:
    """One way the modern side differed from the legacy side, in the named cases."""

    aspect: str
    detail: str
    legacy: str
    modern: str
    cases: str = EVERY  # comma-separated case names, or EVERY

    def __post_init__(self) -> None:
        if self.aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {self.aspect!r}: one of {ASPECTS}")

    def sentence(self) -> str:
        what = f"{self.aspect}, {self.detail}" if self.detail else self.aspect
        return f"{what} ({self.cases}): legacy {self.legacy}; modern {self.modern}"


def shown(value: Any) -> str:
    """A value for a sentence: JSON, shortened in the middle past ``SHOWN`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           sort_keys=True)
    if len(text) <= SHOWN:
        return text
    half = SHOWN // 2
    return f"{text[:half]}…[{len(text) - 2 * half} more]…{text[-half:]}"
