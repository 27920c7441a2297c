"""``python -m comparisons``: the summary, a row in full, the folder, and bad input.

The rows are not run here (``build`` is replaced by the sample report, and asserted to
be called as the CLI should call it); the report built for real on SQLite is checked
in test_document.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import comparisons.__main__
from comparisons.__main__ import SUBCOMMANDS, main
from comparisons.catalog import BY_ID
from comparisons.document import folder
from comparisons.engine.judge import Outcome
from comparisons.translate import table as step_table

SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"


@pytest.fixture
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return report


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
         sample: dict[str, Any]) -> list[tuple[list[str], list[str]]]:
    """``build`` answers with the sample; each call's (backends, row ids) is recorded."""
    calls: list[tuple[list[str], list[str]]] = []

    def build(backends: Any, rows: Any, styles: Any, progress: Any = None) -> dict[str, Any]:
        calls.append(([b.name for b in backends], [row.id for row in rows]))
        return sample

    monkeypatch.setattr(comparisons.__main__, "build", build)
    monkeypatch.chdir(tmp_path)
    return calls


def test_summary_leads_each_row_with_its_legacy_call_and_names_the_folder(
    capsys: pytest.CaptureFixture[str], runs: list[Any], sample: dict[str, Any], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped, 80 columns: per row its legacy call and id, then its verdicts indented."""
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["--db", "sqlite"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    body = next(i for i, line in enumerate(lines) if line.startswith("backends: "))
    assert lines[body] == "backends: sqlite, postgresql (not selected: mariadb; use --db all)"
    steps = next(i for i, line in enumerate(lines) if line.startswith("steps: "))
    leads = [line for line in lines[body + 1:steps] if not line.startswith(" ")]
    assert [line.split()[-1] for line in leads] == [row["id"] for row in sample["rows"]]
    assert leads[1] == "Model.query.first()  operations.first_result"
    second = lines.index(leads[1])
    assert lines[second + 1:second + 4] == [  # broken between variants, not within one
        "    as written: behaviour-change ·",
        "        recommended: identical on sqlite; drop-in on postgresql ·",
        "        Lite: identical"]
    assert lines[-1] == "report: comparisons-report/index.html (also report.md, report.json)"
    assert "\x1b[" not in "".join(lines)  # piped: no colour, no progress bar
    assert sorted(p.name for p in (tmp_path / "comparisons-report").iterdir()) == \
        sorted(folder.FILES)
    assert runs[0][0] == ["sqlite"] and len(runs[0][1]) > 20


def test_json_prints_the_report_and_nothing_else(
    capsys: pytest.CaptureFixture[str], runs: list[Any], sample: dict[str, Any], tmp_path: Path
) -> None:
    assert main(["--json", "--out", "out"]) == 0
    printed = capsys.readouterr().out
    # The rows built, and the table of steps handed beside them (translate.table).
    assert json.loads(printed) == {**sample, "steps": step_table.as_json()}
    assert (tmp_path / "out" / "report.json").read_text(encoding="utf-8") == printed


def test_one_row_in_full_runs_that_row_only(
    capsys: pytest.CaptureFixture[str], runs: list[Any], tmp_path: Path
) -> None:
    assert main(["--row", "operations.first_result"]) == 0
    output = capsys.readouterr().out
    assert runs[0][1] == ["operations.first_result"]
    assert "operations.first_result: First result" in output
    assert "  2.x     db.session.execute(select(Model).limit(1)).scalar_one()" in output
    assert "    • raises (empty table): legacy nothing; modern NoResultFound" in output
    assert "    why: scalar_one() demands exactly one row" in output
    assert "  legacy       SELECT person.id, person.name FROM person LIMIT ? OFFSET ?" in output
    assert "Get by ID" not in output
    assert not (tmp_path / "comparisons-report").exists()


def test_details_prints_every_row_in_full(
    capsys: pytest.CaptureFixture[str], runs: list[Any], sample: dict[str, Any]
) -> None:
    assert main(["--details"]) == 0
    output = capsys.readouterr().out
    for row in sample["rows"]:
        assert f"{row['id']}: {row['title']}" in output
    assert "does not hold on sqlite, postgresql: SAVEPOINT names restart" in output


def test_a_saved_report_renders_without_running(
    capsys: pytest.CaptureFixture[str], runs: list[Any], sample: dict[str, Any], tmp_path: Path
) -> None:
    for row in sample["rows"]:
        row["verdicts"] = {f"{k}@sqlalchemy-2.0": v for k, v in row["verdicts"].items()}
    saved = tmp_path / "merged.json"
    saved.write_text(json.dumps(sample), encoding="utf-8")
    assert main(["--from", str(saved)]) == 0
    assert "backends: sqlite · SA 2.0, postgresql · SA 2.0" in capsys.readouterr().out
    assert runs == []


@pytest.mark.parametrize(("arguments", "message"), [
    (["--row", "operations.nope"], "unknown row 'operations.nope'"),
    (["--row", "operations.get_by_idd"], "did you mean operations.get_by_id,"),
    (["--observed"], "--observed takes a --row"),
    (["--out", "file.txt/report"], "is not an existing folder"),
    (["--out", "."], "holds files that are not a report"),
    (["--bench", "missing.json"], "cannot read benchmark summary 'missing.json'"),
    (["--from", "missing.json"], "--from missing.json: No such file or directory"),
    (["--chains", "file.txt"], "--chains file.txt: not a chain-stats file"),
], ids=["unknown row", "nearest row", "observed without row", "out under a file",
        "out with other files", "bench", "from", "chains"])
def test_bad_input_is_one_line_before_any_row_runs(
    capsys: pytest.CaptureFixture[str], runs: list[Any], tmp_path: Path,
    arguments: list[str], message: str
) -> None:
    (tmp_path / "file.txt").write_text("mine", encoding="utf-8")
    assert main(arguments) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and runs == []
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert message in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.parametrize("argument", [
    ["--db", "oracle"],
    ["--dburi", "not a url://"],
    ["--dburi", "postgresql+psycopg://nobody@127.0.0.1:1/none"],
], ids=["unknown backend", "bad URL", "unreachable"])
def test_bad_backend_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    argument: list[str]
) -> None:
    """An unknown backend, a bad URL or a server that is not there: one line on
    stderr (a missing driver gives its own line), no traceback, exit status 2."""
    monkeypatch.chdir(tmp_path)
    assert main(argument) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_subcommand_gets_the_rest_of_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []

    def fake_main(argv: list[str]) -> int:
        seen.append(argv)
        return 3

    module = types.SimpleNamespace(main=fake_main)
    monkeypatch.setitem(sys.modules, "comparisons_fake_subcommand", module)
    monkeypatch.setitem(SUBCOMMANDS, "fake", "comparisons_fake_subcommand")
    assert main(["fake", "--db", "x"]) == 3
    assert seen == [["--db", "x"]]


def test_observed_prints_one_row_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    """``--row ID --observed``: every observation of both sides, for each variant, as
    JSON that reads back into the outcome the engine judged (``Outcome.from_json``)."""
    assert main(["--row", "operations.first_result", "--observed", "--db", "sqlite"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["row"] == "operations.first_result"
    outcomes = found["backends"]["sqlite"]
    assert set(outcomes) == {v.key for v in BY_ID["operations.first_result"].variants}
    written = Outcome.from_json(outcomes["as_written"])
    assert written.verdict == "behaviour-change"
    assert written.candidate["empty"].error == "NoResultFound"
    assert written.baseline["empty"].kind == "None"
