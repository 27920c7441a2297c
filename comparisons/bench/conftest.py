"""The benchmarks' fixtures: a seeded world per backend and size, each group sampled once.

Options and hooks (``--size``, the versions in the saved JSON) are in ``plugin.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from comparisons.bench.plugin import SERVERS
from comparisons.bench.sampler import Sampled
from comparisons.bench.world import World, open_world
from comparisons.databases.backends import Backend


@pytest.fixture(scope="session")
def world(request: pytest.FixtureRequest, backend: Backend, size: int) -> Iterator[World]:
    with open_world(backend, size) as opened:
        request.config.stash[SERVERS][backend.name] = opened.server_version()
        yield opened


@pytest.fixture(scope="session")
def sampled() -> Sampled:
    return Sampled()
