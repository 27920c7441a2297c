"""``python -m comparisons``: the JSON the issue specifies, and one line for bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

import comparisons.__main__
from comparisons.__main__ import main
from comparisons.backends import parse_backends
from comparisons.catalog import ROWS
from comparisons.report import build
from comparisons.verdicts import ASPECTS, VERDICTS

#: The row ids the JSON must carry (issue: core, transactions, relationships).
REQUIRED = {
    "model.person", "operations.all_records", "operations.get_by_id",
    "operations.get_by_id_execute", "operations.simple_filter", "operations.complex_filter",
    "operations.first_result", "operations.sorting", "operations.pagination",
    "crud.insert", "crud.update", "crud.delete",
    "transactions.commit", "transactions.rollback", "transactions.savepoint",
    "transactions.pizza",
    "relationships.one_to_many", "relationships.many_to_many", "relationships.one_to_one",
    "relationships.configuration", "relationships.typing",
}


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """The report on SQLite, built once: both output formats print it."""
    return build(parse_backends(["sqlite"]))


def test_json_has_every_row_with_a_verdict(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: dict[str, Any]
) -> None:
    monkeypatch.setattr(comparisons.__main__, "build", lambda backends: report)
    assert main(["--db", "sqlite", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"versions", "backends", "targets", "rows"}
    assert report["backends"] == ["sqlite"]
    assert set(report["versions"]) == {"flask", "flask-sqlalchemy", "sqlalchemy"}
    ids = [row["id"] for row in report["rows"]]
    assert ids == [row.id for row in ROWS]
    assert set(ids) >= REQUIRED
    assert any(i.startswith("select.") for i in ids)
    claims = {row.id for row in ROWS if row.claim is not None}
    assert {i for i in ids if i.startswith("transactions.")} <= claims
    for row in report["rows"]:
        assert set(row["source"]) == {"legacy", "modern"}
        assert "as_written" in row["variants"] and row["recommended"] in row["variants"]
        assert all(code.strip() for code in row["variants"].values())
        verdicts = row["verdicts"]["sqlite"]
        for key in row["variants"]:
            verdict = verdicts[key]
            assert verdict["verdict"] in VERDICTS
            assert set(verdict["aspects"]) == set(ASPECTS)
            assert all(isinstance(sentence, str) for sentence in verdict["differences"])
        assert ("claim" in verdicts) == (row["id"] in claims)
        if "claim" in verdicts:
            assert set(verdicts["claim"]) == {"text", "holds", "explanation"}


def test_table_names_the_backends_not_selected(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, report: dict[str, Any]
) -> None:
    monkeypatch.setattr(comparisons.__main__, "build", lambda backends: report)
    assert main(["--db", "sqlite"]) == 0
    output = capsys.readouterr().out
    assert "not selected: postgresql, mariadb" in output
    # Code is printed as text: rich would otherwise eat "[str]" as markup.
    assert "Mapped[str]" in output


@pytest.mark.parametrize("argument", [
    ["--db", "oracle"],
    ["--dburi", "not a url://"],
    ["--dburi", "postgresql+psycopg://nobody@127.0.0.1:1/none"],
], ids=["unknown backend", "bad URL", "unreachable"])
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argument: list[str]
) -> None:
    """An unknown backend, a bad URL or a server that is not there: one line on
    stderr (a missing driver gives its own line), no traceback, exit status 2."""
    assert main(argument) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
