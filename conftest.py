"""Backends for the whole suite: ``--db``/``--dburi`` (or $COMPARISONS_DB) name them.

Every test that takes ``backend`` (or ``lab``) runs once per selected backend, with
readable ids: ``[legacy-postgresql]``. A selected backend that cannot be reached stops
the run with one line, before any test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from comparisons.catalog import STYLES  # importing it registers every model
from comparisons.databases import namespaces
from comparisons.databases.backends import ALL, Backend, BackendError, selected_backends
from comparisons.databases.namespaces import namespace
from comparisons.document.report import Runner, cached, start
from comparisons.engine.lab import Lab, open_lab
from comparisons.values.rows import Row

#: --chain-stats FILE (issue 17): what the chain test exercised, per pair of steps.
pytest_plugins = ("comparisons.tests.chain_stats",)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("comparisons")
    group.addoption("--db", action="append", default=[], metavar="NAME",
                    help=f"backend(s) to run on: {', '.join(ALL)}, all, or a comma list "
                         "(default: $COMPARISONS_DB, else sqlite)")
    group.addoption("--dburi", action="append", default=[], metavar="URL",
                    help="a database URL to run on (repeatable)")


def pytest_configure(config: pytest.Config) -> None:
    try:
        backends = selected_backends(config.getoption("db"), config.getoption("dburi"))
        for backend in backends:
            with namespace(backend, "probe"):
                pass
    except BackendError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[BACKENDS] = backends


BACKENDS = pytest.StashKey[list[Backend]]()


def pytest_collection_finish(session: pytest.Session) -> None:
    # The selected rows' slow work (mypy on the typing probes, ~3 s on a cold cache) goes
    # on in the background while other tests run. Not on an xdist worker: it runs only
    # some of the items it collected, and the other core is busy anyway.
    if hasattr(session.config, "workerinput"):
        return
    start(filter(None, map(_row, session.items)))  # a row's start runs once however asked


def _row(item: pytest.Item) -> Row | None:
    """The catalog row a test runs, if it is parametrized with one."""
    callspec = getattr(item, "callspec", None)
    row = callspec.params.get("row") if callspec is not None else None
    return row if isinstance(row, Row) else None


def pytest_runtest_setup(item: pytest.Item) -> None:
    # A SIGTERM that the garbage collector's callbacks swallowed still stops the run.
    namespaces.stop_if_terminated()

# Generated data (issue 11): examples per property. Each example runs both styles on a
# database, so no deadline, and a slow example is no health problem.
# Under CI (CI set, as .ci/run runs) the draws are derandomized: a run is repeatable,
# and what a submission was checked on is what CI checks. Elsewhere each run draws anew.
REPEATABLE = bool(os.environ.get("CI"))
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=REPEATABLE,
                          suppress_health_check=[HealthCheck.too_slow])
# Few locally: the default run stays fast; CI runs the "ci" profile on every backend.
settings.register_profile("dev", max_examples=5, deadline=None, derandomize=REPEATABLE,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_report_header(config: pytest.Config) -> str:
    chosen = [b.name for b in config.stash[BACKENDS]]
    skipped = [name for name in ALL if name not in chosen]
    line = f"backends: {', '.join(chosen)}"
    if skipped:
        line += f" (not selected: {', '.join(skipped)}; use --db all)"
    return line


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = metafunc.config.stash[BACKENDS]
        if metafunc.definition.get_closest_marker("one_backend"):
            backends = backends[:1]
        metafunc.parametrize("backend", backends, ids=[b.name for b in backends],
                             scope="session")


@pytest.fixture(scope="session")
def lab(backend: Backend) -> Iterator[Lab]:
    """The legacy and modern apps on ``backend``, their tables in a namespace of their own."""
    with open_lab(backend, STYLES) as opened:
        yield opened


@pytest.fixture(scope="session")
def outcomes(lab: Lab) -> Runner:
    """Each row's variant run once per backend: every test that reads outcomes shares them."""
    return cached(lab)


CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, with a fresh profile.

    Skipped where it is missing, except where ``COMPARISONS_CHROMIUM=required`` (CI,
    which installs it): there a missing browser fails instead of hiding the test.
    """
    missing = pytest.fail if os.environ.get("COMPARISONS_CHROMIUM") == "required" else pytest.skip
    try:
        from playwright import sync_api
    except ImportError:
        missing("playwright is missing: pip install -e '.[test]'")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        missing("no Chromium: install Debian's package (apt-get install -y chromium)")
    # A profile folder named like the suite's namespaces: a killed run's is swept.
    with namespaces.folder("chromium") as profile, sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=binary, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture
def offline_page(chromium: Any, tmp_path: Path) -> tuple[Any, list[str], Path]:
    """A page of ``chromium`` that loads files only (each other URL it asks for is
    recorded and refused: a page must work offline), and where to keep screenshots
    (``$COMPARISONS_SCREENSHOTS``, else the test's temporary folder)."""
    page = chromium.new_page()
    fetched: list[str] = []

    def only_files(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            fetched.append(route.request.url)
            route.abort()

    page.route("**/*", only_files)
    shots = Path(os.environ.get("COMPARISONS_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    return page, fetched, shots
