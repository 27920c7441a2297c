"""The benchmarks' pytest options and hooks: ``--size`` (else $COMPARISONS_SIZE, else 100).

Loaded by ``-p comparisons.bench.plugin`` (pyproject's addopts), not from a
conftest: pytest reads the command line before it loads the conftests of ``testpaths``,
so a conftest's option would be unknown to a plain ``pytest --size 10000``. The default
stays small so that plain ``pytest``, which runs every benchmark body once, stays fast;
``python -m comparisons bench`` asks for 100 and 10,000.
"""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pytest

from comparisons.bench.data import SizeError, parse_sizes

SIZE_VAR = "COMPARISONS_SIZE"
SIZES = pytest.StashKey[list[int]]()
SERVERS = pytest.StashKey[dict[str, str]]()
PACKAGES = ("flask", "flask-sqlalchemy", "sqlalchemy", "pytest-benchmark", "psycopg", "pymysql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("comparisons").addoption(
        "--size", action="append", default=[], metavar="N",
        help=f"benchmark table size(s) in rows, e.g. 100,10000 (default: ${SIZE_VAR}, else 100)")


def pytest_configure(config: pytest.Config) -> None:
    try:
        config.stash[SIZES] = parse_sizes(config.getoption("size")
                                          or [os.environ.get(SIZE_VAR, "100")])
    except SizeError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[SERVERS] = {}


def versions(servers: dict[str, str]) -> dict[str, str]:
    """Python, the packages that decide the timings, and each server that ran."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found | {f"{backend} server": v for backend, v in servers.items()}


def pytest_benchmark_update_json(config: pytest.Config, benchmarks: Any,
                                 output_json: dict[str, Any]) -> None:
    """The versions go into pytest-benchmark's JSON, so a summary of it can name them."""
    output_json["versions"] = versions(config.stash[SERVERS])


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "size" in metafunc.fixturenames:
        sizes = metafunc.config.stash[SIZES]
        metafunc.parametrize("size", sizes, ids=[str(s) for s in sizes], scope="session")
