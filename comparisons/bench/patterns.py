"""The migration patterns that decide an app's speed (issue 10), per ``*/patterns.py``.

N parents with their children three ways; a collection counted by the dynamic
``count()``, by loading it, and by ``WriteOnlyMapped``'s count select; the first row
with and without ``LIMIT 1``; ``get`` from the identity map against a fresh select;
``paginate`` (count + page) against ``offset``/``limit`` alone.
"""

from __future__ import annotations

from sqlalchemy.exc import LegacyAPIWarning

import legacy.patterns as lp
import legacy.queries as lq
import modern.as_written as aw
import modern.patterns as mp
from comparisons.bench.data import Data
from comparisons.bench.spec import (
    Benchmark,
    children,
    fixed,
    items,
    one_of_the_table,
    people,
    same,
    same_rows,
    scalar,
)
from comparisons.engine.datasets import PER_PAGE

LEGACY_API = (LegacyAPIWarning,)  # Query.get: asserted in the check round
ID = 3  # the catalog's first id, as its rows' benchmarks take it

TAG = 1


def _tagged(data: Data) -> int:
    return sum(1 for post, _, _ in data.posts if data.tag_of(post) == TAG)


def _titles(data: Data, value: dict[int, list[str]]) -> bool:
    return value == data.titles()


def _ten_rows(data: Data, value: list[tuple[int, str, int | None]]) -> bool:
    return len(value) == min(PER_PAGE, data.size) and set(value) <= set(data.people)


PATTERNS = [
    Benchmark("patterns.children_lazy", lp.children_lazy, mp.children_lazy, _titles,
              orm=same, driver=children),
    Benchmark("patterns.children_selectinload", lp.children_selectinload,
              mp.children_selectinload, _titles, orm=same, driver=children),
    Benchmark("patterns.children_joinedload", lp.children_joinedload, mp.children_joinedload,
              _titles, orm=same, driver=children),
    Benchmark("patterns.collection_count", lp.collection_count, mp.collection_count,
              lambda data, value: value == _tagged(data), fixed(TAG), orm=same,
              driver=scalar, legacy_warns=LEGACY_API),
    Benchmark("patterns.collection_load", lp.collection_load, mp.collection_load,
              lambda data, value: value == _tagged(data), fixed(TAG), orm=same,
              driver=lambda fetched: len(fetched[-1][1]), legacy_warns=LEGACY_API),
    Benchmark("patterns.first_without_limit", lp.first_without_limit, mp.first_without_limit,
              one_of_the_table, first=True),
    Benchmark("patterns.get_twice", lp.get_twice, mp.get_twice,
              same_rows(lambda data: people(lambda p: p[0] == ID)(data) * 2), fixed(ID),
              legacy_warns=LEGACY_API),
    Benchmark("patterns.offset_limit", lq.pagination, aw.pagination, _ten_rows,
              fixed(1, PER_PAGE), orm=items),
]
