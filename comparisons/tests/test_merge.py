"""``python -m comparisons merge``: runs on several SQLAlchemy versions, one report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from comparisons.__main__ import main


def report(sqlalchemy: str, verdict: str, *differences: str) -> dict[str, Any]:
    """A one-row report of the shape ``python -m comparisons --json`` prints."""
    verdicts = {"as_written": {"verdict": verdict, "differences": list(differences)},
                "recommended": {"verdict": "identical", "differences": []}}
    return {
        "versions": {"flask-sqlalchemy": "3.1.1", "sqlalchemy": sqlalchemy},
        "backends": ["sqlite", "mariadb"],
        "targets": {"modern": "Flask-SQLAlchemy 3.1, 2.x style"},
        "rows": [{
            "id": "sa21.query_in_execute", "title": "A Query handed to execute()",
            "verdicts": {"sqlite": verdicts, "mariadb": verdicts},
            "sql": {"sqlite": {"legacy": ["SELECT 1"]}, "mariadb": {"legacy": ["SELECT 1"]}},
        }],
    }


def write(tmp_path: Path, name: str, content: Any) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_merged_keys_carry_backend_and_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every per-backend key becomes ``<backend>@sqlalchemy-<x.y>``; each package's version
    is kept, one per run where they differ; a verdict that changes between versions is
    listed with both values."""
    old = write(tmp_path, "a.json", report("2.0.44", "drop-in", "statements", "warnings"))
    new = write(tmp_path, "b.json", report("2.1.9", "breaks", "raises", "statements"))
    assert main(["merge", old, new]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["backends"] == ["sqlite@sqlalchemy-2.0", "mariadb@sqlalchemy-2.0",
                                  "sqlite@sqlalchemy-2.1", "mariadb@sqlalchemy-2.1"]
    assert merged["versions"] == {"flask-sqlalchemy": "3.1.1",
                                  "sqlalchemy": ["2.0.44", "2.1.9"]}
    (row,) = merged["rows"]
    assert row["verdicts"]["mariadb@sqlalchemy-2.0"]["as_written"]["verdict"] == "drop-in"
    assert row["verdicts"]["mariadb@sqlalchemy-2.1"]["as_written"]["verdict"] == "breaks"
    assert sorted(row["sql"]) == ["mariadb@sqlalchemy-2.0", "mariadb@sqlalchemy-2.1",
                                  "sqlite@sqlalchemy-2.0", "sqlite@sqlalchemy-2.1"]
    assert merged["version_differences"] == [
        {"row": "sa21.query_in_execute", "backend": backend, "variant": "as_written",
         "verdicts": {"2.0": "drop-in", "2.1": "breaks"},
         "only_on": {"2.0": ["warnings"], "2.1": ["raises"]}}
        for backend in ("mariadb", "sqlite")
    ]


def test_same_verdict_other_differences_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A verdict that stays while what differs changes is a version difference too."""
    old = write(tmp_path, "a.json", report("2.0.58", "behaviour-change", "values"))
    new = write(tmp_path, "b.json", report("2.1.9", "behaviour-change", "values", "raises"))
    assert main(["merge", old, new]) == 0
    listed = json.loads(capsys.readouterr().out)["version_differences"]
    assert [(d["backend"], d["only_on"]) for d in listed] == [
        (backend, {"2.0": [], "2.1": ["raises"]}) for backend in ("mariadb", "sqlite")]


@pytest.mark.parametrize(("inputs", "message"), [
    ([("a.json", report("2.1.9", "breaks")), ("b.json", report("2.1.3", "breaks"))],
     "runs 1 and 2 are both on SQLAlchemy 2.1: merge runs of different versions"),
    ([("a.json", "{not json")], "a.json: not JSON"),
    ([("a.json", {"rows": [], "versions": {}})],
     "a.json: records no SQLAlchemy version under \"versions\""),
    ([("a.json", [1, 2])], "a.json: no rows"),
])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    inputs: list[tuple[str, Any]], message: str,
) -> None:
    paths = [write(tmp_path, name, content) for name, content in inputs]
    assert main(["merge", *paths]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("error: ") and message in line


def test_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["merge", str(tmp_path / "absent.json")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.endswith("absent.json: cannot read it (No such file or directory)")
