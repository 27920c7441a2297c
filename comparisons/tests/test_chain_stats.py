"""Generated chains per step and per pair of steps: recorded by ``pytest --chain-stats
FILE``, added up across workers, backends and runs, and shown by ``--chains FILE``.

The recording is checked where it happens (``check_chain`` on the lab, and a pytest run
of its own, with and without pytest-xdist); the counting and the page on a tally made
by hand, whose every count is known.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from hypothesis import given, settings
from hypothesis import strategies as st

from comparisons import document
from comparisons.document import chains
from comparisons.document.chains import ChainsError, Tally
from comparisons.document.merge import key
from comparisons.engine.lab import Lab
from comparisons.tests import chain_stats
from comparisons.tests.test_chains import check_chain
from comparisons.translate import steps
from comparisons.translate import table as step_table
from comparisons.translate.core import translate

SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"
STEPS = [(s.id, s.kind) for s in steps.STEPS]
FIRST = ("filter_by", "first", "rule.limit_first", "rule.rows")
ALL = ("all", "filter", "join", "rule.rows", "rule.unique")


def tally() -> Tally:
    """Three chains on SQLite and one on PostgreSQL (SQLAlchemy 2.1), one refused."""
    found = Tally()
    for _ in range(2):
        found.add("sqlite@sqlalchemy-2.1", FIRST)
    found.add("sqlite@sqlalchemy-2.1", reversed(ALL))  # the order of steps is no matter
    found.add("postgresql@sqlalchemy-2.1", ALL)
    found.refused("postgresql@sqlalchemy-2.1", "get with criteria")
    return found


def test_a_tally_counts_step_sets_per_run_and_reads_back() -> None:
    found = tally()
    assert found.translated["sqlite@sqlalchemy-2.1"] == {FIRST: 2, ALL: 1}
    assert found.to_json()["runs"]["postgresql@sqlalchemy-2.1"] == {
        "translated": [{"steps": list(ALL), "chains": 1}],
        "untranslated": {"get with criteria": 1}}
    assert Tally.from_json(json.loads(json.dumps(found.to_json()))) == found


def test_tallies_merge_by_adding_counts_run_by_run() -> None:
    """Workers, backends and SQLAlchemy versions: the same run adds up, others stay apart."""
    other = Tally()
    other.add("sqlite@sqlalchemy-2.1", FIRST)
    other.add("sqlite@sqlalchemy-2.0", FIRST)
    other.refused("postgresql@sqlalchemy-2.1", "get with criteria")
    merged = tally().merge(other)
    assert merged.translated["sqlite@sqlalchemy-2.1"] == {FIRST: 3, ALL: 1}
    assert merged.translated["sqlite@sqlalchemy-2.0"] == {FIRST: 1}
    assert merged.untranslated["postgresql@sqlalchemy-2.1"] == {"get with criteria": 2}
    assert tally().merge(Tally()) == tally() == Tally().merge(tally())


def test_coverage_counts_each_pair_once_per_chain_in_any_order() -> None:
    found = chains.coverage(tally(), STEPS)
    assert found.chains == 4 and found.refused == 1
    assert found.runs == (("postgresql · SA 2.1", 1, 1), ("sqlite · SA 2.1", 3, 0))
    assert found.matrix[("filter_by", "first")] == found.matrix[("first", "filter_by")] == 2
    assert found.matrix[("join", "rule.rows")] == 2  # one chain on each backend
    assert found.matrix[("rule.rows", "rule.rows")] is None
    assert found.matrix[("first", "all")] is None  # two terminals: never one chain
    assert found.matrix[("filter", "first")] == 0
    rows = found.step("rule.rows")
    assert rows is not None and rows.chains == 4
    assert rows.per_run == (("postgresql · SA 2.1", 1), ("sqlite · SA 2.1", 3))
    # Every pair twice here: in the table's order (builders, terminals, rules).
    assert rows.pairs[:4] == (("filter", 2), ("filter_by", 2), ("join", 2), ("all", 2))
    filter_by = found.step("filter_by")
    assert filter_by is not None and filter_by.missing_on == ("postgresql · SA 2.1",)
    assert "first" not in filter_by.never and "filter" in filter_by.never
    assert "offset" in found.never_steps and "first" not in found.never_steps
    assert ("filter", "filter_by") in found.never_pairs
    assert ("all", "first") not in found.never_pairs
    exercised, possible = found.pairs
    terminals = sum(kind == "terminal" for _, kind in STEPS)
    n = len(STEPS)
    assert possible == n * (n - 1) // 2 - terminals * (terminals - 1) // 2
    # FIRST's 4 steps make 6 pairs, ALL's 5 make 10; they share rule.rows alone.
    assert exercised == 6 + 10
    assert len(found.never_pairs) == possible - exercised
    assert found.untranslated == {"get with criteria": 1} and found.unknown == ()


def test_steps_the_table_does_not_have_are_named() -> None:
    found = tally()
    found.add("sqlite@sqlalchemy-2.1", ("all", "from_self"))
    assert chains.coverage(found, STEPS).unknown == ("from_self",)


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "chains.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_several_files_load_as_one_tally(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(tally().to_json()), encoding="utf-8")
    second.write_text(json.dumps(tally().to_json()), encoding="utf-8")
    assert chains.load([first, second]) == tally().merge(tally())


def _runs(entry: Any) -> dict[str, Any]:
    return {"chain_stats": 1, "runs": {"sqlite@sqlalchemy-2.1": entry}}


@pytest.mark.parametrize(("data", "message"), [
    (None, "cannot read it (No such file or directory)"),
    ("{not json", "not a chain-stats file"),
    ([1, 2], "not a chain-stats file"),
    ({"runs": {}}, "'chain_stats' is None, not 1"),
    (_runs({"translated": [{"steps": ["all"], "chains": -1}], "untranslated": {}}),
     "-1 is not a count of chains"),
    (_runs({"translated": [{"steps": [], "chains": 1}], "untranslated": {}}),
     "steps [] are not step ids"),
    (_runs({"translated": [{"steps": ["all"]}], "untranslated": {}}), "KeyError('chains')"),
    (_runs({"translated": [], "untranslated": {"x": True}}), "True is not a count"),
], ids=["missing", "not JSON", "a list", "no format", "negative", "no steps", "no count",
        "a bool"])
def test_a_bad_chains_file_is_one_line(tmp_path: Path, data: Any, message: str) -> None:
    path = tmp_path / "missing.json" if data is None else _write(tmp_path, data)
    with pytest.raises(ChainsError) as raised:
        chains.load([path])
    assert f"--chains {path}: " in str(raised.value) and message in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.fixture
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    report["steps"] = step_table.as_json()
    return report


def test_the_page_shows_chains_per_step_and_per_pair(sample: dict[str, Any]) -> None:
    files = document.files(sample, chains=tally())
    page, markdown = files["index.html"], files["report.md"]
    summary = page.split('id="step.rule.rows"', 1)[1].split("</summary>", 1)[0]
    assert '<span class="n">4 chains</span>' in summary
    summary = page.split('id="step.filter_by"', 1)[1].split("</summary>", 1)[0]
    assert '2 chains</span> <span class="missing">none on postgresql · SA 2.1</span>' in summary
    assert '<span class="missing">no chain</span>' in \
        page.split('id="step.offset"', 1)[1].split("</summary>", 1)[0]
    section = page.split('<section id="chains"', 1)[1].split("</section>", 1)[0]
    assert 'title="filter_by + first: 2 chains">2</td>' in section
    assert 'title="filter + first: 0 chains">0</td>' in section
    assert f"16 of {chains.coverage(tally(), STEPS).pairs[1]} pairs of steps exercised" in section
    assert "get with criteria 1" in section
    body = " ".join(page.split('id="step.first"', 1)[1].split("</details>", 1)[0].split())
    assert "2 generated chains used it (postgresql · SA 2.1: 0, sqlite · SA 2.1: 2)" in body
    md = markdown.split("## Generated chains, per pair of steps", 1)[1]
    assert "| [`first`](#step.first) | 2 (none on postgresql · SA 2.1) | `filter_by` 2, " in md
    assert re.search(r"\| \[`offset`\]\(#step\.offset\) \| \*\*0\*\* \| {2}\| `filter`", md)
    assert "`filter_by` 2" in markdown.split("| [`first`](#step.first)", 1)[1]
    assert files["report.json"] == document.files(sample)["report.json"]  # not a report's


def test_check_chain_records_a_chain_that_passed(lab: Lab, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    @settings(max_examples=1, database=None)
    @given(st.just(None))
    def two_chains(_: None) -> None:  # check_chain records Hypothesis events: in a test
        monkeypatch.setattr(chain_stats, "TALLY", Tally())
        check_chain(lab, "Author.query.filter_by(name='alex').first()", "modern", "guide")
        check_chain(lab, "Author.query.filter(Author.id > 1).get(1)", "lite", "guide")

    two_chains()
    run = key(lab.backend.name, sqlalchemy.__version__)
    assert chain_stats.TALLY.translated == {run: {FIRST: 1}}
    assert chain_stats.TALLY.untranslated == {run: {"get with criteria": 1}}


#: A test module of its own: each of its chains recorded on two backends.
RECORDING = '''
import pytest
from comparisons.tests import chain_stats
from comparisons.translate.core import translate

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("chain", {chains!r})
def test_chain(backend, chain):
    chain_stats.record(backend, translate(chain))
'''
CHAINS = ["Author.query.filter_by(name='alex').first()", "Author.query.join(Address)"
          ".filter(Address.email == 'a').all()", "Author.query.filter(Author.id > 1).get(1)",
          "Author.query.filter_by(name='bob').first()"]


def _pytest(tmp_path: Path, *arguments: str) -> dict[str, Any]:
    (tmp_path / "test_recording.py").write_text(RECORDING.format(chains=CHAINS),
                                                encoding="utf-8")
    out = tmp_path / "stats.json"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "-p", "comparisons.tests.chain_stats", "--chain-stats", str(out), *arguments,
         str(tmp_path / "test_recording.py")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    found: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("workers", [
    [], pytest.param(["-n", "2"], marks=pytest.mark.slow)], ids=["one process", "xdist"])
def test_pytest_writes_every_chain_once_per_backend(tmp_path: Path, workers: list[str]) -> None:
    """Without pytest-xdist and with two workers, the file holds the same counts: each
    worker's chains reach the controller, which writes the file."""
    if workers and importlib.util.find_spec("xdist") is None:
        pytest.skip("pytest-xdist is missing: pip install -e '.[test]'")
    expected = Tally()
    for backend in ("sqlite", "postgresql"):
        for chain in CHAINS:
            found = translate(chain)
            run = key(backend, sqlalchemy.__version__)
            if found.translation is None:
                expected.refused(run, found.untranslatable or "")
            else:
                expected.add(run, found.rows)
    assert expected.translated[key("sqlite", sqlalchemy.__version__)][FIRST] == 2
    assert _pytest(tmp_path, *workers) == expected.to_json()


def test_a_chain_stats_file_in_no_folder_is_a_usage_error(tmp_path: Path) -> None:
    """Refused when pytest starts (one line, pytest's usage error), not after the run."""
    path = tmp_path / "none" / "stats.json"

    class Config:
        def getoption(self, name: str) -> Path:
            assert name == "chain_stats"
            return path

    with pytest.raises(pytest.UsageError) as raised:
        chain_stats.pytest_configure(Config())  # type: ignore[arg-type]
    assert str(raised.value) == (f"--chain-stats {path}: {path.parent} is not an existing "
                                 "folder; create it first")
