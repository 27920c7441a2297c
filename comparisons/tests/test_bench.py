"""The benchmark summary: paired ratios, the issue's JSON shape, the chart, the command.

Built on hand-made pytest-benchmark JSON whose ratios are worked out in the tests, so
every expected number below is derived, not copied from a run.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import sys
import types
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import legacy.patterns
import lite.queries
import modern.patterns
import modern.queries
from comparisons.__main__ import main
from comparisons.bench import test_benchmarks
from comparisons.bench.chart import chart
from comparisons.bench.data import Data, SizeError, parse_sizes
from comparisons.bench.registry import BENCHMARKS
from comparisons.bench.results import FIELDS, legacy_call, load
from comparisons.bench.sampler import Sampled, correct, sample
from comparisons.bench.spec import Benchmark
from comparisons.bench.stats import median_error, relative_iqr
from comparisons.bench.summary import Result, SummaryError, call_of, reason, results, summary
from comparisons.bench.world import World, open_world
from comparisons.catalog import ROWS
from comparisons.databases.backends import parse_backends
from comparisons.document import render, view
from comparisons.values.rows import Row, Variant

SVG = "{http://www.w3.org/2000/svg}"
SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"


def entry(member: str, data: list[float], row: str = "operations.all_records",
          correct: bool = True, backend: str = "sqlite", size: int = 100,
          call: str = "Model.query.all()") -> dict[str, Any]:
    """One benchmark as pytest-benchmark's --benchmark-json writes it (the fields read)."""
    return {"group": f"{row} {backend} {size}", "name": f"test_benchmark[{member}]",
            "extra_info": {"row": row, "member": member, "backend": backend, "size": size,
                           "correct": correct, "statements": 1, "call": call,
                           "warns": []},
            "stats": {"data": data}}


def group(legacy: list[float], modern: list[float], driver: list[float],
          **info: Any) -> list[dict[str, Any]]:
    return [entry("legacy", legacy, **info), entry("modern", modern, **info),
            entry("driver", driver, **info)]


#: Round by round, legacy/2.x is 2, 4, 0.75, 1: the median of those ratios is 1.5,
#: while the ratio of the members' medians would be 5 / 4.5.
PAIRED = group([2.0, 4.0, 6.0, 8.0], [1.0, 1.0, 8.0, 8.0], [0.25, 0.25, 2.0, 2.0])
#: The same group with a Lite member: Lite / 2.x is 1.5, 0.5, 1, 0.5 round by round
#: (median 0.75; quartiles 0.5 and 1.125); Lite's own median is (1.5 + 4) / 2.
LITE_DATA = [1.5, 0.5, 8.0, 4.0]
WITH_LITE = [*PAIRED, entry("lite", LITE_DATA)]


#: Sections whose rows are calls a request makes; transactions demonstrate semantics
#: (some raise by design) and relationships compare model sets, whose loading is timed
#: by the patterns instead.
MEASURED = ("operations", "select", "crud")


def _timed_form(row: Row) -> Variant:
    modern = [v for v in row.variants if v.target == "modern"]  # not Lite's
    return next((v for v in modern if v.name == "recommended"), modern[0])


def test_every_operations_and_crud_row_is_benchmarked_with_the_catalogs_own_code() -> None:
    """A row of these sections whose sides are functions is a benchmark: its legacy
    function against its recommended 2.x one, its first case's arguments, its legacy
    side's warnings (a new row is benchmarked once it declares ``bench=``)."""
    by_id = {bench.id: bench for bench in BENCHMARKS}
    measured = [row for row in ROWS if row.section in MEASURED
                and inspect.isfunction(row.legacy.target)
                and inspect.isfunction(_timed_form(row).side.target)]
    assert measured
    for row in measured:
        assert row.id in by_id, f"{row.id}: not benchmarked; declare bench=Bench(...) on it"
        bench = by_id[row.id]
        assert (bench.legacy, bench.modern) == (row.legacy.target, _timed_form(row).side.target)
        assert bench.args(Data(100)) == row.cases[0].args, row.id
        assert [w.__name__ for w in bench.legacy_warns] == \
            list(row.warnings.get("legacy", ())), row.id


def test_benchmark_ids_are_unique() -> None:
    assert len({bench.id for bench in BENCHMARKS}) == len(BENCHMARKS)


def _functions(module: ModuleType) -> dict[str, list[str]]:
    return {name: list(inspect.signature(function).parameters)
            for name, function in vars(module).items()
            if inspect.isfunction(function) and function.__module__ == module.__name__
            and not name.startswith("_")}


def test_patterns_mirror_each_other_and_are_all_benchmarked() -> None:
    functions = _functions(legacy.patterns)
    assert functions == _functions(modern.patterns)
    timed = {bench.legacy.__name__ for bench in BENCHMARKS
             if bench.legacy.__module__ == "legacy.patterns"}
    assert timed == set(functions)


def test_ratios_are_medians_of_round_by_round_ratios() -> None:
    (found,) = results({"benchmarks": PAIRED})
    assert found.legacy_over_modern == 1.5
    assert (found.legacy_s, found.modern_s, found.driver_s) == (5.0, 4.5, 1.125)
    # 2.x / driver is 4 in every round: no spread.
    assert (found.modern_over_driver, found.driver_spread) == (4.0, 0.0)
    # Ratios 0.75, 1, 2, 4: inclusive quartiles 0.9375 and 2.5, over the median 1.5.
    assert found.spread == pytest.approx((2.5 - 0.9375) / 1.5)
    assert found.over_modern_iqr == (0.9375, 2.5)
    assert found.rounds == 4 and found.correct


def test_summary_has_exactly_the_issue_shape() -> None:
    made = summary(results({"benchmarks": PAIRED}), {"sqlalchemy": "2.1.9"})
    assert list(made) == ["versions", "results"]
    assert made["versions"] == {"sqlalchemy": "2.1.9"}
    (only,) = made["results"]
    assert tuple(only) == FIELDS == (
        "id", "backend", "size", "legacy_s", "modern_s", "driver_s", "legacy_over_modern",
        "modern_over_driver", "spread", "correct", "lite_s", "lite_over_modern")
    assert only["id"] == "operations.all_records" and only["correct"] is True
    assert (only["lite_s"], only["lite_over_modern"]) == (None, None)  # no Lite member
    json.dumps(made)  # JSON-ready as it is


def test_the_lite_member_is_paired_with_2x_round_by_round() -> None:
    (found,) = results({"benchmarks": WITH_LITE})
    assert (found.lite_s, found.lite_over_modern) == (2.75, 0.75)
    assert found.lite_iqr == (0.5, 1.125) and found.lite_spread == pytest.approx(0.625 / 0.75)
    # The other members' figures are those of the group without Lite.
    (without,) = results({"benchmarks": PAIRED})
    assert dataclasses.replace(found, lite_s=None, lite_over_modern=None, lite_iqr=None,
                               lite_statements=0) == without
    (only,) = summary([found], {})["results"]
    assert (only["lite_s"], only["lite_over_modern"]) == (2.75, 0.75)
    wrong = [*PAIRED, entry("lite", LITE_DATA, correct=False)]
    assert results({"benchmarks": wrong})[0].correct is False
    with pytest.raises(SummaryError, match="unpaired rounds: 1 and 4"):
        results({"benchmarks": [*PAIRED, entry("lite", [1.0])]})


def test_a_summary_saved_before_the_lite_member_still_loads(tmp_path: Path) -> None:
    made = summary(results({"benchmarks": PAIRED}), {})
    for entry_ in made["results"]:
        del entry_["lite_s"], entry_["lite_over_modern"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(made), encoding="utf-8")
    (read,) = load(old)["operations.all_records"]
    assert (read.legacy_over_modern, read.lite_s, read.lite_over_modern) == (1.5, None, None)


def test_terminal_chart_and_page_show_lite_or_say_there_is_none(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = group([1.0] * 4, [1.0] * 4, [0.5] * 4, row="patterns.get_twice",
                  call="Model.query.get(id)")
    out = tmp_path / "bench.json"
    assert main(["bench", "--from", str(_write(tmp_path, [*WITH_LITE, *other])),
                 "--out", str(out)]) == 0
    terminal = capsys.readouterr().out
    assert "Lite" in terminal and "÷ 2.x" in terminal
    # The row's first line holds its ratios: legacy's, IQR, its call, Lite's, the driver's.
    first = {id: line.split() for line in terminal.splitlines()
             for id in ("operations.all_records", "patterns.get_twice") if id in line.split()}
    assert first["operations.all_records"][-2:] == ["0.75", "4.0"]
    assert first["patterns.get_twice"][-2:] == ["—", "2.0"]
    assert "Lite 2.75 s" in terminal and "no Lite form" in terminal
    svg = ET.fromstring(out.with_suffix(".svg").read_text())
    dots = [str(title.text) for d in svg.iter(f"{SVG}circle")
            if (title := d.find(f"{SVG}title")) is not None]
    assert [d.split(":")[0] for d in dots] == ["legacy / 2.x", "Lite / 2.x", "2.x / driver",
                                               "legacy / 2.x", "2.x / driver"]
    assert "no Lite form" in [t.text for t in svg.iter(f"{SVG}text")]
    bench = load(out)
    page = render.html(view.build(json.loads(SAMPLE.read_text(encoding="utf-8"))), bench)
    assert "<td>0.75</td>" in page and "2750000 µs" in page
    assert 'class="bar lite"' in page
    assert "no Lite form" in page  # patterns.get_twice, among the benchmarks beyond rows


def test_one_wrong_member_makes_the_result_incorrect() -> None:
    entries = [*PAIRED[:2], entry("driver", [0.25, 0.25, 2.0, 2.0], correct=False)]
    (found,) = results({"benchmarks": entries})
    assert found.correct is False


@pytest.mark.parametrize(("saved", "message"), [
    ({"benchmarks": PAIRED[:2]}, "lacks member(s) driver"),
    ({"benchmarks": [*PAIRED[:2], entry("driver", [])]}, "no per-round data"),
    ({"benchmarks": [*PAIRED[:2], entry("driver", [1.0])]}, "unpaired rounds: 4 and 1"),
    ({"benchmarks": [{"name": "x"}]}, "not a benchmark JSON of this project"),
    ({"benchmarks": []}, "holds no benchmarks"),
])
def test_unusable_json_is_one_clear_error(saved: dict[str, Any], message: str) -> None:
    with pytest.raises(SummaryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        results(saved)


def test_chart_draws_each_ratio_with_its_interquartile_bar() -> None:
    slow = group([1.0] * 3, [100.0] * 3, [1.0] * 3, row="patterns.<first>")
    svg = ET.fromstring(chart(results({"benchmarks": [*PAIRED, *slow]})))
    dots = [dot for dot in svg.iter(f"{SVG}circle") if dot.find(f"{SVG}title") is not None]
    assert len(dots) == 4  # two ratios per row without Lite (the legend's dots have none)
    texts = [t.text for t in svg.iter(f"{SVG}tspan")]
    assert "patterns.<first>" in texts  # escaped in the file, intact once parsed
    # legacy / 2.x of 0.01 is off the scale: drawn at its left end (1/8), not outside,
    # with its value written beside it.
    panel = svg[3]  # after the title, the background and the legend
    left_end = next(float(line.get("x1", "0")) for line in panel.iter(f"{SVG}line"))
    assert float(dots[2].get("cx", "0")) == left_end
    assert "0.01" in [t.text for t in panel.iter(f"{SVG}text")]


def test_sizes() -> None:
    assert parse_sizes(["100,10_000", "100"]) == [100, 10_000]
    for bad, message in (("ten", "whole number"), ("5", "use 10 to"), ("", "no size")):
        with pytest.raises(SizeError, match=message):
            parse_sizes([bad])


def test_median_error_comes_from_the_ranks_around_the_median() -> None:
    assert relative_iqr([1.0, 2.0, 3.0, 4.0, 5.0]) == pytest.approx(2 / 3)  # (4 - 2) / 3
    values = [float(v) for v in range(1, 101)]  # median 50.5
    # 1.96 * sqrt(100) / 2 = 9.8 ranks each side of 50: the 41st value and the 60th.
    assert median_error(values) == pytest.approx((60 - 41) / (2 * 1.96 * 50.5))
    # Far-out values (rounds another process slowed) do not widen it.
    assert median_error([*values[:90], *(v * 100 for v in values[90:])]) == \
        median_error(values)
    assert median_error(values[:4]) == float("inf")


def _write(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps({"benchmarks": entries, "versions": {"flask": "3"}}))
    return saved


def test_command_summarises_saved_json(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--from", str(_write(tmp_path, PAIRED)), "--out", str(out)]) == 0
    written = json.loads(out.read_text())
    assert written["versions"] == {"flask": "3"}
    assert written["results"][0]["legacy_over_modern"] == 1.5
    ET.fromstring(out.with_suffix(".svg").read_text())
    assert "1.50" in capsys.readouterr().out
    (read,) = load(out)["operations.all_records"]  # what the report's reader makes of it
    assert (read.backend, read.legacy_over_modern, read.correct) == ("sqlite", 1.5, True)


def test_command_exits_1_when_a_member_was_wrong(tmp_path: Path) -> None:
    entries = [*PAIRED[:2], entry("driver", [0.25, 0.25, 2.0, 2.0], correct=False)]
    out = tmp_path / "bench.json"
    assert main(["bench", "--from", str(_write(tmp_path, entries)), "--out", str(out)]) == 1
    assert json.loads(out.read_text())["results"][0]["correct"] is False


@pytest.mark.parametrize(("args", "message"), [
    (["--db", "oracle"], "unknown backend 'oracle'"),
    (["--size", "ten"], "bad size 'ten'"),
    (["--size", "1"], "bad size 1"),
    (["--out", "{tmp}/missing/bench.json"], "does not exist"),
    (["--out", "{tmp}"], "is a folder"),
    (["--from", "{tmp}/nothing.json"], "cannot read"),
    (["--from", "{tmp}/garbage.json"], "cannot read"),
    (["--unknown"], "unrecognized arguments"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "garbage.json").write_text("{not json")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--out" not in args:
        args += ["--out", str(tmp_path / "bench.json")]
    status: int | str | None
    try:
        status = main(["bench", *args])
    except SystemExit as exit:  # argparse's own errors, with our one-line message
        status = exit.code
    err = capsys.readouterr().err
    assert status == 2
    assert message in err and err.count("\n") == 1, err
    assert not (tmp_path / "bench.json").exists()


@pytest.fixture(scope="module")
def small_world() -> Iterator[World]:
    """Ten rows on SQLite: enough for the correctness flag to show what it catches."""
    with open_world(parse_backends(["sqlite"])[0], 10) as world:
        yield world


def _flags(world: World, bench: Benchmark) -> dict[str, bool]:
    samples = sample(world, bench, timed=False)
    return {member: correct(world, bench, samples, member) for member in bench.members}


def test_correctness_flag_holds_for_the_real_rows(small_world: World) -> None:
    for bench in BENCHMARKS:
        assert all(_flags(small_world, bench).values()), bench.id


def test_a_row_with_a_lite_form_has_a_lite_member_and_a_pattern_none() -> None:
    by_id = {row.id: row for row in ROWS}
    for bench in BENCHMARKS:
        row = by_id.get(bench.id)
        keys = [v.key for v in row.variants] if row else []
        if "lite" in keys:
            assert row is not None and bench.lite is row.variant("lite").side.target
            assert bench.lite.__module__.startswith("lite."), bench.id
            assert bench.members == ("legacy", "modern", "lite", "driver")
        else:
            assert bench.lite is None and bench.members == ("legacy", "modern", "driver")
    assert sum(bench.lite is not None for bench in BENCHMARKS) >= 16


def test_the_lite_flag_catches_a_lite_form_that_returns_other_rows(small_world: World) -> None:
    everyone = next(b for b in BENCHMARKS if b.id == "operations.all_records")
    one = dataclasses.replace(everyone, lite=lite.queries.first_result)
    assert _flags(small_world, one) == {"legacy": True, "modern": True, "lite": False,
                                        "driver": True}


def test_correctness_flag_catches_other_rows_or_another_order(small_world: World) -> None:
    everyone = next(b for b in BENCHMARKS if b.id == "operations.all_records")
    # The 2.x side sorts: the driver replays its ORDER BY, so only legacy's order differs.
    sorted_ = dataclasses.replace(everyone, modern=modern.queries.sorting)
    assert _flags(small_world, sorted_) == {"legacy": False, "modern": True, "lite": False,
                                            "driver": True}
    # The 2.x side returns one row: the driver replays its LIMIT 1, the check sees the
    # missing rows, and the legacy side no longer matches the driver.
    one = dataclasses.replace(everyone, modern=modern.queries.first_result)
    assert _flags(small_world, one) == dict.fromkeys(one.members, False)
    # A write that leaves another state than the row's check expects.
    update = next(b for b in BENCHMARKS if b.id == "crud.update")
    id, _ = update.args(small_world.data)
    other = dataclasses.replace(update, args=lambda data: (id, "Other"))
    assert _flags(small_world, other) == dict.fromkeys(other.members, False)


def test_chart_names_rows_by_legacy_call_and_has_a_legend() -> None:
    svg = ET.fromstring(chart(results({"benchmarks": PAIRED})))
    label = next(t for t in svg.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None)
    tspan = label.find(f"{SVG}tspan")
    assert tspan is not None and tspan.text == "operations.all_records"
    assert (label.find(f"{SVG}title").text, tspan.tail) == (  # type: ignore[union-attr]
        "Model.query.all() (operations.all_records)", None)
    assert "".join(label.itertext()).endswith("Model.query.all() operations.all_records")
    legend = " ".join(t.text or "" for t in svg[2].iter(f"{SVG}text"))
    assert "legacy slower (legacy / 2.x above 1)" in legend
    assert "interquartile range of the round-by-round ratios" in legend


def test_every_benchmark_is_named_by_its_legacy_call() -> None:
    """A catalog row by its legacy source's first statement, a pattern or bulk write by
    the call its legacy docstring names: never by its id alone."""
    by_id = {row.id: row for row in ROWS}
    for bench in BENCHMARKS:
        row = by_id.get(bench.id)
        call = call_of(row.source["legacy"] if row else None, bench.legacy)
        if row is not None:
            assert call == legacy_call(row.source["legacy"]), bench.id
        else:
            assert call and f"``{call}``" in (bench.legacy.__doc__ or ""), bench.id
    first = next(b for b in BENCHMARKS if b.id == "patterns.first_without_limit")
    assert call_of(None, first.legacy) == "Model.query.first()"
    assert legacy_call("session.query(User).\\\n    filter_by(name='x').\\\n    one()") == \
        "session.query(User).filter_by(name='x').one()"
    assert legacy_call("# a comment\n\nq = Model.query.options(\n    joinedload(A.b),\n"
                       "    joinedload(A.c)\n).all()\nmore()") == \
        "q = Model.query.options(joinedload(A.b), joinedload(A.c)).all()"


def _measured(ratio: float, statements: tuple[int, int, int] = (1, 1, 1),
              sql: tuple[tuple[str, ...], ...] = ((), (), ()),
              warns: tuple[str, ...] = ("LegacyAPIWarning",)) -> Result:
    (found,) = results({"benchmarks": PAIRED})
    return dataclasses.replace(found, legacy_over_modern=ratio, statements=statements,
                               sql=sql, warns=warns)  # type: ignore[arg-type]


def test_a_ratio_far_from_1_gets_a_reason_from_what_was_measured() -> None:
    assert reason(_measured(1.05)) == ""  # near 1: nothing to explain
    assert reason(_measured(4.3, (1000, 1, 1))) == "legacy sends 1,000 statements, 2.x 1"
    limit = (("SELECT person.id FROM person LIMIT ? OFFSET ?",), ("SELECT person.id "
             "FROM person",), ())
    assert reason(_measured(0.45, sql=limit)) == "LIMIT, OFFSET in legacy's SQL only"
    nested = (("SELECT count(*) FROM (SELECT person.id FROM person)",),
              ("SELECT count(*) FROM person",), ())
    assert reason(_measured(1.2, sql=nested)) == "a subquery in legacy's SQL only"
    assert reason(_measured(1.2)) == \
        "the same SQL, 1 statement each; legacy warns LegacyAPIWarning on every call"
    assert reason(_measured(1.2, warns=())) == reason(_measured(0.8, (2, 2, 2))) \
        .replace("2 statements", "1 statement") == \
        "the same SQL, 1 statement each: the time goes to each style's own Python"


def test_a_run_records_how_the_summary_names_its_rows(small_world: World) -> None:
    """The benchmark writes the call and the legacy warnings into its saved JSON."""
    bench = next(b for b in BENCHMARKS if b.id == "operations.get_by_id")
    fixture = types.SimpleNamespace(enabled=False, extra_info={}, group="",
                                    pedantic=lambda function, **_: function())
    test_benchmarks.test_benchmark(fixture, small_world, Sampled(), bench, "legacy")
    assert fixture.extra_info["call"] == "Model.query.get(id)"
    assert fixture.extra_info["warns"] == ["LegacyAPIWarning"]


def _fake_pytest(monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    """pytest.main as the command calls it: prints progress as pytest does (to both
    streams), and saves a run's JSON where --benchmark-json says."""
    def main(args: list[str]) -> int:
        print("....... pytest's progress")
        print("pytest-benchmark's table", file=sys.stderr)
        os.write(1, b"written at the descriptor\n")
        saved = Path(args[args.index("--benchmark-json") + 1])
        saved.write_text(json.dumps({"benchmarks": PAIRED}), encoding="utf-8")
        return status

    monkeypatch.setattr(pytest, "main", main)


@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_summary_comes_first_and_pytest_speaks_with_verbose_only(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    verbose: bool
) -> None:
    _fake_pytest(monkeypatch, 0)
    monkeypatch.setenv("COLUMNS", "80")
    out = tmp_path / "bench.json"
    args = ["bench", "--db", "sqlite", "--size", "10", "--out", str(out)]
    assert main([*args, "--verbose"] if verbose else args) == 0
    printed, errors = capfd.readouterr()
    pytest_output = ("....... pytest's progress", "pytest-benchmark's table",
                     "written at the descriptor")
    if verbose:
        assert all(line in printed + errors for line in pytest_output)
        printed = printed.split("written at the descriptor\n", 1)[1]
    else:
        assert not any(line in printed + errors for line in pytest_output)
    assert printed.startswith("sqlite, 100 rows")
    assert "Model.query.all()  operations.all_records" in printed
    assert max(len(line) for line in printed.splitlines()) <= 80


def test_a_failed_run_shows_what_pytest_said(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_pytest(monkeypatch, 1)
    out = tmp_path / "bench.json"
    assert main(["bench", "--db", "sqlite", "--size", "10", "--out", str(out)]) == 1
    printed, errors = capfd.readouterr()
    assert "....... pytest's progress" in errors and "pytest's progress" not in printed
    assert printed.startswith("sqlite, 100 rows")


def test_terminal_and_page_show_the_same_spread(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The relative interquartile range of legacy / 2.x (``spread``), as a percentage."""
    out = tmp_path / "bench.json"
    assert main(["bench", "--from", str(_write(tmp_path, PAIRED)), "--out", str(out)]) == 0
    (found,) = load(out)["operations.all_records"]
    percent = f"{found.spread * 100:.0f}"  # (2.5 - 0.9375) / 1.5: 104
    assert percent == "104"
    terminal = capsys.readouterr().out
    assert f" {percent}% " in terminal and "IQR" in terminal
    page = render.html(view.build(json.loads(SAMPLE.read_text(encoding="utf-8"))),
                       {"operations.all_records": (found,)})
    assert f"±{percent} %" in page
