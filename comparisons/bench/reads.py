"""The catalog's read rows: the tutorial's legacy line against the recommended 2.x line.

Arguments are the catalog's own first cases (id 3, "alex", "alex" or age > 25, page 1
of 10), so a ratio here belongs to the row the reference prints.
"""

from __future__ import annotations

from sqlalchemy.exc import LegacyAPIWarning

import legacy.queries as lq
import modern.queries as mq
from comparisons.bench.data import Data, Person3
from comparisons.bench.spec import (
    Benchmark,
    fixed,
    one_of_the_table,
    page,
    page_rows,
    people,
    same_rows,
)

LEGACY_API = (LegacyAPIWarning,)  # Query.get: asserted in the check round
ID = 3
NAME = "alex"
OLDER_THAN = 25
PER_PAGE = 10


def _alex_or_older(person: Person3) -> bool:
    _, name, age = person
    return name == NAME or (age is not None and age > OLDER_THAN)


def _first_page(data: Data, value: tuple[int | None, list[Person3]]) -> bool:
    """Page 1 of 10: the table's size as total, and ten of its rows (no ORDER BY)."""
    total, found = value
    return total == data.size and len(found) == min(PER_PAGE, data.size) and \
        set(found) <= set(data.people)


EVERYONE = same_rows(people())
BY_ID = same_rows(people(lambda p: p[0] == ID))
ALEX = same_rows(people(lambda p: p[1] == NAME))
ALEX_OR_OLDER = same_rows(people(_alex_or_older))

READS = [
    Benchmark("operations.all_records", lq.all_records, mq.all_records, EVERYONE),
    Benchmark("operations.get_by_id", lq.get_by_id, mq.get_by_id, BY_ID, fixed(ID),
              legacy_warns=LEGACY_API),
    Benchmark("operations.get_by_id_execute", lq.get_by_id_execute, mq.get_by_id_execute,
              BY_ID, fixed(ID), legacy_warns=LEGACY_API),
    Benchmark("operations.simple_filter", lq.simple_filter, mq.simple_filter, ALEX,
              fixed(NAME)),
    Benchmark("operations.complex_filter", lq.complex_filter, mq.complex_filter,
              ALEX_OR_OLDER, fixed(NAME, OLDER_THAN)),
    Benchmark("operations.first_result", lq.first_result, mq.first_result, one_of_the_table),
    Benchmark("operations.sorting", lq.sorting, mq.sorting, EVERYONE),
    Benchmark("operations.pagination", lq.pagination, mq.pagination, _first_page,
              fixed(1, PER_PAGE), orm=page, driver=page_rows),
    Benchmark("select.all_people", lq.select_all_people, mq.select_all_people, EVERYONE),
    Benchmark("select.get_by_id", lq.select_get_by_id, mq.select_get_by_id, BY_ID,
              fixed(ID), legacy_warns=LEGACY_API),
    Benchmark("select.filter", lq.select_filter, mq.select_filter, ALEX, fixed(NAME)),
    Benchmark("select.advanced_filter", lq.select_advanced_filter, mq.select_advanced_filter,
              ALEX_OR_OLDER, fixed(NAME, OLDER_THAN)),
]
