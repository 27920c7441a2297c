"""``pytest --chain-stats FILE``: the steps, and pairs of steps, the chain test exercised.

``test_chains.check_chain`` calls ``record(backend, translation)`` once a chain has
passed: the steps of a translated chain, the reason of one not translated, counted for
the run (``sqlite@sqlalchemy-2.1``: the backend, on the SQLAlchemy installed). At the
end of the session the tally is written to FILE (``comparisons.document.chains`` reads
it: ``python -m comparisons --chains FILE``). Under pytest-xdist each worker hands its
tally to the controller (``workeroutput``), which adds them up and writes the file once.
Registered by the root ``conftest.py`` (``pytest_plugins``), so the option is known
when pytest reads the command line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from comparisons.document.chains import Tally
from comparisons.document.merge import key
from comparisons.translate.core import Translation

#: This process's chains (a worker's, or the whole run's without xdist).
TALLY = Tally()
#: Where a worker puts its tally for the controller.
WORKER_KEY = "chain_stats"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("comparisons").addoption(
        "--chain-stats", type=Path, default=None, metavar="FILE",
        help="write the steps and pairs of steps each passing generated chain used "
             "(test_chains.py) to FILE, for python -m comparisons --chains FILE")


def record(backend: str, translation: Translation) -> None:
    """Count one chain that passed: its steps, or why it has no translation."""
    run = key(backend, sqlalchemy.__version__)
    if translation.translation is None:
        TALLY.refused(run, translation.untranslatable or "unknown")
    else:
        TALLY.add(run, translation.rows)


def pytest_configure(config: pytest.Config) -> None:
    path: Path | None = config.getoption("chain_stats")
    if path is not None and not path.absolute().parent.is_dir():
        raise pytest.UsageError(f"--chain-stats {path}: {path.absolute().parent} is not an "
                                "existing folder; create it first")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """pytest-xdist, on the controller: a worker's tally joins this one."""
    global TALLY
    found = getattr(node, "workeroutput", {}).get(WORKER_KEY)
    if found is not None:
        TALLY = TALLY.merge(Tally.from_json(found))


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    path: Path | None = config.getoption("chain_stats")
    if path is None:
        return
    worker = getattr(config, "workeroutput", None)
    if worker is not None:  # a pytest-xdist worker: the controller writes the file
        worker[WORKER_KEY] = TALLY.to_json()
        return
    try:
        path.write_text(json.dumps(TALLY.to_json(), indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise pytest.UsageError(f"--chain-stats {path}: {error.strerror}") from None
