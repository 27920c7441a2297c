"""The benchmarks' fixtures: a seeded world per backend and size, each group sampled once.

Options and hooks (``--size``, the versions in the saved JSON) are in ``plugin.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from comparisons.backends import Backend
from comparisons.benchmarks.plugin import SERVERS
from comparisons.benchmarks.sampler import Sampled
from comparisons.benchmarks.world import World, open_world


@pytest.fixture(scope="session")
def world(request: pytest.FixtureRequest, backend: Backend, size: int) -> Iterator[World]:
    with open_world(backend, size) as opened:
        request.config.stash[SERVERS][backend.name] = opened.server_version()
        yield opened


@pytest.fixture(scope="session")
def sampled() -> Sampled:
    return Sampled()
