"""The report folder: what index.html and report.md show, and the page in a real browser.

The page, the Markdown and the terminal are built from one view of the report JSON; the
sample in ``fixtures/report_v2.json`` has the shapes a run produces (several variants,
a Lite target not run on one backend, a claim, SQL), and each test changes one thing.
The report built for real on SQLite is checked against the catalog and opened in
Chromium.
"""

from __future__ import annotations

import copy
import html
import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest

from comparisons import document
from comparisons.bench import results as bench
from comparisons.catalog import ROWS
from comparisons.document import folder, view
from comparisons.document.chains import Tally
from comparisons.document.report import Runner, assemble, on_backend, sqlalchemy_minor
from comparisons.engine.lab import Lab
from comparisons.translate import table as step_table
from comparisons.values.rows import TARGETS
from comparisons.values.verdicts import ASPECTS

SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"


@pytest.fixture
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return report


def merged(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` as a merge of two SQLAlchemy versions would key it (2.1 breaking one row)."""
    result = copy.deepcopy(report)
    for row in result["rows"]:
        found = row["verdicts"]
        row["verdicts"] = {f"{key}@sqlalchemy-{minor}": copy.deepcopy(value)
                           for minor in ("2.1", "2.0") for key, value in found.items()}
        row["sql"] = {f"{key}@sqlalchemy-2.1": value for key, value in row["sql"].items()}
    first = result["rows"][0]["verdicts"]["postgresql@sqlalchemy-2.1"]["as_written"]
    first["verdict"] = "breaks"
    return result


def test_view_groups_backends_that_agree(sample: dict[str, Any]) -> None:
    shown = view.build(sample)
    assert [c.key for c in shown.columns] == ["sqlite", "postgresql"]
    first = shown.row("operations.first_result")
    recommended = next(v for v in first.variants if v.name == "recommended")
    assert [(g.label, g.verdict.verdict) for g in recommended.groups] == [
        ("sqlite", "identical"), ("postgresql", "drop-in")]
    lite = next(v for v in first.variants if v.name == "lite")
    assert lite.cells[1] is None and lite.label == "Lite" and lite.target == "Flask-SQLAlchemy-Lite"
    assert shown.row("operations.get_by_id").variants[0].code == \
        "return db.session.get(Person, person_id)"


def test_merged_runs_become_columns_per_sqlalchemy_version(sample: dict[str, Any]) -> None:
    report = merged(sample)
    report["versions"]["sqlalchemy"] = ["2.0.44", "2.1.9"]
    shown = view.build(report)
    assert shown.versions["sqlalchemy"] == "2.0.44 / 2.1.9"
    assert [c.label for c in shown.columns] == [
        "sqlite · SA 2.0", "sqlite · SA 2.1", "postgresql · SA 2.0", "postgresql · SA 2.1"]
    groups = shown.row("operations.get_by_id").variants[0].groups
    assert [(g.label, g.verdict.verdict) for g in groups] == [
        ("sqlite · SA 2.0, sqlite · SA 2.1, postgresql · SA 2.0", "drop-in"),
        ("postgresql · SA 2.1", "breaks")]


def test_an_unknown_verdict_word_is_refused(sample: dict[str, Any]) -> None:
    sample["rows"][0]["verdicts"]["sqlite"]["as_written"]["verdict"] = "equivalent"
    with pytest.raises(ValueError, match="unknown verdict 'equivalent'"):
        view.build(sample)


def _index_lines(markdown: str) -> list[str]:
    start = markdown.index("## Index")
    end = markdown.index("\n## ", start + 1)
    return [line for line in markdown[start:end].splitlines() if line.startswith("|")]


def _cells(line: str) -> int:
    return len(re.split(r"(?<!\\)\|", line)) - 2


def test_html_is_self_contained_with_an_anchor_per_row(sample: dict[str, Any]) -> None:
    page = document.files(sample)["index.html"]
    assert "<script src" not in page and "<link" not in page and "@import" not in page
    assert "src=" not in page  # nothing loaded; a link out is only a link
    assert re.findall(r'href="(?!#|https://)[^"]*"', page) == []
    for row in sample["rows"]:
        assert page.count(f'<details class="row" id="{row["id"]}"') == 1
        assert f'href="#{row["id"]}"' in page
    assert '<span class="k">return</span>' in page  # highlighted by Pygments


def test_text_from_a_run_cannot_become_markup(sample: dict[str, Any]) -> None:
    found = sample["rows"][1]["verdicts"]["sqlite"]["as_written"]
    found["differences"] = ["values (one): legacy <Person 1> | x; modern [**none**]"]
    files = document.files(sample)
    assert "legacy &lt;Person 1&gt; | x; modern [**none**]" in files["index.html"]
    markdown = files["report.md"]
    assert r"legacy \<Person 1\> \| x; modern \[\*\*none\*\*\]" in markdown
    lines = _index_lines(markdown)
    shown = view.build(sample)
    assert len(lines) == 2 * len(shown.groups) + len(sample["rows"])
    assert {_cells(line) for line in lines} == {5}


def test_markdown_has_every_row_with_its_anchor_and_code(sample: dict[str, Any]) -> None:
    sample["rows"][2]["source"]["legacy"] = "checkpoint = db.session.begin_nested()\n# and so on"
    markdown = document.files(sample)["report.md"]
    # Several lines of source: fenced, not squeezed into inline code.
    assert "```python\ncheckpoint = db.session.begin_nested()\n# and so on\n```" in markdown
    for row in sample["rows"]:
        assert f'<a id="{row["id"]}"></a>' in markdown
        assert f"](#{row['id']})" in markdown
    assert "```python\nreturn db.session.get(Person, person_id)\n```" in markdown
    assert "does not hold** on sqlite, postgresql" in markdown


def test_merged_columns_reach_both_documents(sample: dict[str, Any]) -> None:
    files = document.files(merged(sample))
    # The index names the one column whose verdict differs, beside its badge.
    assert '<small class="on">postgresql · SA 2.1</small>' in files["index.html"]
    assert "🔴 breaks (postgresql · SA 2.1)" in files["report.md"]
    assert "on sqlite · SA 2.0, sqlite · SA 2.1, postgresql · SA 2.0" in files["index.html"]


def test_coverage_is_read_from_the_rows_present(sample: dict[str, Any]) -> None:
    page = document.files(sample)["index.html"]
    assert "3 of 25 rows of the tutorial; 2 of 10 rows of SQLAlchemy&#39;s migration guide" in page
    sample["rows"] = [row for row in sample["rows"] if row["id"] != "guide.filter_by_one"]
    page = document.files(sample)["index.html"]
    assert "1 of 10 rows of SQLAlchemy&#39;s migration guide" in page
    assert "no row <code>guide.filter_by_one</code> in this report" in page


def _bench_file(tmp_path: Path, **changes: Any) -> Path:
    result = {"id": "operations.get_by_id", "backend": "sqlite", "size": 100,
              "legacy_s": 4.2e-4, "modern_s": 3.5e-4, "driver_s": 3.0e-5,
              "legacy_over_modern": 1.2, "modern_over_driver": 11.7, "spread": 0.04,
              "correct": True, **changes}
    path = tmp_path / "bench.json"
    path.write_text(json.dumps({"versions": {}, "results": [result]}), encoding="utf-8")
    return path


def test_benchmark_ratios_and_chart_beside_their_row(sample: dict[str, Any],
                                                     tmp_path: Path) -> None:
    results = bench.load(_bench_file(tmp_path))
    files = document.files(sample, results)
    row = files["index.html"].split('id="operations.get_by_id"')[1].split("</article>")[0]
    assert "<td>1.20</td>" in row and "<td>11.7</td>" in row and '<svg class="chart"' in row
    times = "\N{MULTIPLICATION SIGN} driver"
    assert f"14.0{times}" in row and f"11.7{times}" in row  # the legacy and 2.x bars
    assert f"1.0{times}" not in row  # the driver is a line, not a bar
    # A summary without Lite's fields (written before the Lite member): no Lite form shown.
    assert "| sqlite, 100 rows | 1.20 | no Lite form | 11.7 | ±4 % |" in files["report.md"]
    assert "Benchmark" not in document.files(sample)["index.html"]
    assert "beyond the rows" not in files["index.html"]


def test_benchmarks_of_no_row_are_shown_on_their_own(sample: dict[str, Any],
                                                     tmp_path: Path) -> None:
    results = bench.load(_bench_file(tmp_path, id="patterns.n_plus_one", size=1000))
    files = document.files(sample, results)
    beyond = files["index.html"].split("Benchmarks beyond the rows")[1].split("</section>")[0]
    assert '<code>patterns.n_plus_one</code>' in beyond and "sqlite, 1,000 rows" in beyond
    markdown = files["report.md"].split("## Benchmarks beyond the rows")[1]
    assert markdown.startswith("\n\n**Benchmark `patterns.n_plus_one`**")


@pytest.mark.parametrize("changes", [{"driver_s": 0}, {"legacy_s": "slow"}, {"id": None}],
                         ids=["zero median", "not a number", "no id"])
def test_a_bad_benchmark_summary_is_one_line(tmp_path: Path, changes: dict[str, Any]) -> None:
    path = _bench_file(tmp_path, **changes)
    if changes.get("id", 1) is None:
        path.write_text('{"results": [{"backend": "sqlite"}]}', encoding="utf-8")
    with pytest.raises(bench.BenchError, match="is not a benchmark summary") as raised:
        bench.load(path)
    assert "\n" not in str(raised.value)


def test_a_new_report_replaces_the_old_one(sample: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "report"
    document.write_folder(sample, out)
    sample["rows"] = sample["rows"][:1]
    document.write_folder(sample, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(folder.FILES)
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == sample
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging left


def test_a_failed_write_leaves_the_previous_report_whole(
    sample: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    document.write_folder(sample, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    written: list[str] = []
    original = Path.write_text

    def fail_on_second(path: Path, text: str, encoding: str | None = None) -> int:
        written.append(path.name)
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        return original(path, text, encoding=encoding)

    monkeypatch.setattr(Path, "write_text", fail_on_second)
    with pytest.raises(folder.OutError, match="writing the report failed: No space left"):
        document.write_folder(sample, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_a_folder_with_other_files_is_not_replaced(sample: dict[str, Any],
                                                   tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(folder.OutError, match="holds files that are not a report"):
        document.write_folder(sample, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- The page in a real browser -------------------------------------------------------


@pytest.fixture(scope="session")
def built(lab: Lab, outcomes: Runner) -> dict[str, Any]:
    """The report built for real on each selected backend, from the same outcomes
    test_catalog asserts (shared through ``conftest.outcomes``): no row runs twice."""
    return assemble(ROWS, {lab.backend.name: on_backend(lab, ROWS, outcomes)})


def test_report_json_is_the_catalog_as_declared(built: dict[str, Any]) -> None:
    """Every row present, in order, and every verdict, difference, why and claim the one
    the catalog declares for the backend and this SQLAlchemy version."""
    minor = sqlalchemy_minor()
    assert [row["id"] for row in built["rows"]] == [row.id for row in ROWS]
    assert built["targets"] == dict(TARGETS) and built["backends"]
    for row, found in zip(ROWS, built["rows"], strict=True):
        assert list(found["variants"]) == [v.key for v in row.variants]
        for backend in built["backends"]:
            verdicts = found["verdicts"][backend]
            for variant in row.variants:
                declared, differences = variant.expected(backend, minor)
                got = verdicts[variant.key]
                where = f"{row.id} {variant.key} on {backend}"
                assert got["verdict"] == declared, where
                assert sorted(got["differences"]) == sorted(d.sentence(variant.target)
                                                      for d in differences), where
                assert (got["why"], set(got["aspects"])) == (variant.why, set(ASPECTS)), where
            assert ("claim" in verdicts) == (row.claim is not None), row.id
            if row.claim is not None:
                assert verdicts["claim"]["holds"] is row.claim.holds[backend], row.id
            assert set(found["sql"][backend]) == {"legacy", *found["variants"]}


def _lines_of(target: Any) -> list[str]:
    target = getattr(target, "__wrapped__", target)
    # A models module stands for its Person (report.source), wherever that is defined:
    # lite.tutorial_models' Person is modern.tutorial_models' class itself.
    target = getattr(target, "Person", target)
    if inspect.isfunction(target) or inspect.isclass(target):
        # Its own source: a Lite twin's module is lite's, its code modern's (lite.on_lite).
        return [line.strip() for line in inspect.getsource(target).splitlines()]
    module = inspect.getmodule(target)
    assert module is not None
    # A module that keeps the source's snippets as text runs that text (lite's are
    # derived from modern's text: Base for db.Model, each table named).
    texts = [inspect.getsource(module), *getattr(module, "SNIPPETS", {}).values(),
             *getattr(module, "NAMED", {}).values()]
    return [line.strip() for text in texts for line in text.splitlines()]


def _probe_cases(target: Any) -> dict[str, Any]:
    """A probes module's cases (``{"lookups": True}`` for a table of lookups); else {}."""
    module = getattr(target, "__wrapped__", None)
    if not inspect.ismodule(module):
        return {}
    if hasattr(module, "LOOKUPS"):
        return {"lookups": True}
    return dict(getattr(module, "PROBES", {}))


def test_a_probe_row_shows_what_its_probes_run_not_the_harness(built: dict[str, Any]) -> None:
    """The rows about the extension object show each probe's body (session scope) or each
    name looked up (the API): not the module that runs them."""
    from comparisons.observers.extension import api, scope

    rows = {row["id"]: row for row in built["rows"]}
    scoped = rows["lite.session_scope"]["variants"]["lite"]
    assert scoped.startswith("# type of db.session\nwith app.app_context():\n"
                             "    return type(db.session).__name__\n")
    assert [line[2:] for line in scoped.splitlines()
            if line.startswith("# ")] == list(scope.PROBES)
    looked_up = rows["lite.extension_api"]["variants"]["lite"].splitlines()
    assert len(looked_up) == len(api.LOOKUPS)
    assert looked_up[:2] == ["db.Model", "(db.Column, db.relationship)"]
    assert "Person.query" in looked_up and "db.session" in looked_up
    for code in (scoped, "\n".join(looked_up), rows["lite.session_scope"]["legacy"]):
        # No harness: imports, the probes' own def lines, the helpers, the observer.
        assert not any(word in code for word in (
            "import ", "def type_in_context", "def in_thread", "def looked_up",
            "observe_probe", "Observation", "CASES", "LOOKUPS")), code[:200]


#: What runs a side without being its code: never shown.
HARNESS = ("exec(", "compile(", "ModuleType", "import itertools", "sys.modules")


def test_code_shown_is_the_functions_that_ran(built: dict[str, Any]) -> None:
    """Each line of code shown, and of each function it calls, stands in the module of
    the function that ran, tool comments (``# type: ignore``, ``# noqa``) left out: never
    retyped; the relationship snippets are shown as code, not as the module keeping them."""
    import legacy.tutorial_relationships as snippets

    for row, found in zip(ROWS, built["rows"], strict=True):
        shown = [(row.legacy.target, found["legacy"])]
        shown += [(v.side.target, found["variants"][v.key]) for v in row.variants]
        for target, code in shown:
            lines = _lines_of(target)
            # A module of probes shows each case's probe under its name, or its lookup's
            # expression: a piece of the module's line, never retyped.
            cases = _probe_cases(target)
            assert "type: ignore" not in code and "noqa" not in code, row.id
            if row.section == "relationships":
                assert not any(word in code for word in HARNESS), row.id
            for line in filter(None, (line.strip() for line in code.splitlines())):
                headed = re.fullmatch(r"# (one_to_many|many_to_many|one_to_one)", line) \
                    or line.removeprefix("# ") in cases
                piece = bool(cases.get("lookups"))
                assert headed or any(line in real if piece else real.startswith(line)
                                     for real in lines), (row.id, line)
    rows = {row["id"]: row for row in built["rows"]}
    assert rows["relationships.one_to_many"]["legacy"] == snippets.ONE_TO_MANY.strip()
    assert "lite.pagination.paginate" in rows["operations.pagination"]["calls"]["lite"]
    assert "modern.guide_as_written.legacy_call_sites" in (
        rows["dynamic.relationship"]["calls"]["as_written"])
    files = document.files(built)
    called = rows["fsa.paginate"]["calls"]["lite"]["lite.pagination.paginate"]
    assert "def " not in called and "abort(404)" in called
    assert html.escape(called.splitlines()[-1].strip(), quote=False) in \
        re.sub(r"<[^>]+>", "", files["index.html"])
    for name in ("index.html", "report.md"):
        assert "type: ignore" not in files[name] and "# noqa" not in files[name]


def _pre_blocks(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", block))
            for block in re.findall(r'<pre class="code">(.*?)</pre>', page, re.DOTALL)]


def test_code_is_shown_once(built: dict[str, Any]) -> None:
    """No block of code of several lines is printed twice on the page or in the Markdown:
    a module or function several rows use is shown once and linked from each row."""
    files = document.files(built)
    blocks = [b for b in _pre_blocks(files["index.html"]) if b.count("\n") >= 3]
    assert len(blocks) == len(set(blocks))
    fenced = [b for b in re.findall(r"```python\n(.*?)```", files["report.md"], re.DOTALL)
              if b.count("\n") >= 4]
    assert len(fenced) == len(set(fenced))
    shown = view.build(built)
    for block in shown.shared:
        assert files["index.html"].count(f'id="{block.shared}"') == 1
        assert f'href="#{block.shared}"' in files["index.html"]
        assert f"](#{block.shared})" in files["report.md"]


@pytest.fixture
def report_folder(built: dict[str, Any], tmp_path: Path) -> Path:
    """The report as ``python -m comparisons --chains FILE`` writes it: the rows, the
    table of steps beside them, and chains counted for two of them."""
    counted = Tally()
    counted.add("sqlite@sqlalchemy-2.1", ("filter_by", "first", "rule.limit_first"))
    return document.write_folder({**built, "steps": step_table.as_json()},
                                 tmp_path / "comparisons-report", chains=counted)


def _visible(page: Any, selector: str, attribute: str) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        selector, f"els => els.filter(e => !e.hidden).map(e => e.getAttribute('{attribute}'))")
    return found


#: The page as it opens at 1280 px: at most this many screens of 720 px.
SCREENS = 12


def _top(page: Any, row_id: str) -> float:
    top: float = page.evaluate(
        "id => document.getElementById(id).getBoundingClientRect().top", row_id)
    return top


@pytest.mark.slow  # run by `pytest -m slow` (CI), not by default
@pytest.mark.one_backend  # the page's anchors, search and layout are the same on each
def test_the_page_in_chromium(offline_page: tuple[Any, list[str], Path],
                               report_folder: Path) -> None:
    """The page opens short, an index of legacy calls with every row present; a row
    opens by its anchor, also when the hash changes; search finds a call whatever its
    quotes, code matches first; nothing runs off the side at 400 px; every link lands
    and nothing is fetched from outside."""
    shown = view.build(json.loads((report_folder / "report.json").read_text(encoding="utf-8")))
    ids = [row.id for row in shown.rows]
    steps = f", 0 of {len(shown.steps)} steps"  # what the count adds, no step matching
    page, fetched, shots = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto((report_folder / "index.html").as_uri())
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= SCREENS * 720, height
    page.screenshot(path=str(shots / "open-1280.png"), full_page=True)
    # Every row present, closed, its line the legacy call and the replacements.
    assert _visible(page, "details.row", "id") == ids
    assert page.eval_on_selector_all("details.row[open]", "els => els.length") == 0
    calls: list[str] = page.eval_on_selector_all(
        "details.row > summary > code.call", "els => els.map(e => e.textContent)")
    assert calls == [row.call for row in shown.rows]
    assert shown.row("operations.get_by_id").call == "Model.query.get(id)"
    headings: list[str] = page.eval_on_selector_all("h2.group", "els => els.map(e => e.id)")
    assert headings == [*(f"group-{group.key}" for group in shown.groups), "group-steps"]
    links: list[str] = page.eval_on_selector_all(
        "a[href^='#']", "els => els.map(e => e.getAttribute('href').slice(1))")
    assert set(ids) <= set(links)
    assert page.evaluate("ids => ids.filter(i => !document.getElementById(i))", links) == []
    assert page.eval_on_selector_all("a[href^='http']", "els => els.length") > 0

    # A row opens by its anchor, in view; and when the hash changes.
    page.goto((report_folder / "index.html").as_uri() + "#operations.get_by_id")
    assert page.evaluate("document.getElementById('operations.get_by_id').open") is True
    assert 0 <= _top(page, "operations.get_by_id") < 720
    page.evaluate("location.hash = 'fsa.paginate'")
    page.wait_for_function("document.getElementById('fsa.paginate').open")
    assert 0 <= _top(page, "fsa.paginate") < 720
    assert page.locator("#fsa\\.paginate mark").count() > 0  # what differs in its SQL
    page.screenshot(path=str(shots / "anchor-1280.png"))
    page.set_viewport_size({"width": 400, "height": 720})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(shots / "anchor-400.png"))
    selectable = "[...document.querySelectorAll('.side')].map(e => getComputedStyle(e).userSelect)"
    assert set(page.evaluate(selectable)) == {"none"}  # SQL is shown, not offered to copy
    page.goto((report_folder / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(shots / "open-400.png"), full_page=True)

    # Search: both quote styles and any spacing find the same rows, in code.
    page.set_viewport_size({"width": 1280, "height": 720})
    found: dict[str, list[str]] = {}
    for query in ("backref='author'", 'backref="author"', "backref = 'author'"):
        page.fill("#q", query)
        found[query] = _visible(page, "details.row", "id")
        count = len(found[query])
        assert page.text_content("#shown") == (
            f"{count} of {len(ids)} rows: {count} in code, 0 only in other text{steps}")
    assert len({tuple(rows) for rows in found.values()}) == 1
    assert "relationships.one_to_many" in found["backref='author'"]
    assert "relationships.one_to_one" not in found["backref='author'"]  # backref='user'
    page.fill("#q", 'lazy="dynamic"')
    assert "relationships.many_to_many" in _visible(page, "details.row", "id")
    page.screenshot(path=str(shots / "search-1280.png"))
    # A word in prose only: its rows come after the rows that have it in code.
    page.fill("#q", "paginate")
    hits = _visible(page, "details.row", "id")
    prose: list[str] = page.eval_on_selector_all(
        "details.row.in-prose:not([hidden])", "els => els.map(e => e.id)")
    code = [i for i in hits if i not in prose]
    assert code and "fsa.paginate" in code
    found_steps = _visible(page, "details.step", "id")
    assert "step.paginate" in found_steps
    assert page.text_content("#shown") == (
        f"{len(hits)} of {len(ids)} rows: {len(code)} in code, {len(prose)} only in other "
        f"text, {len(found_steps)} of {len(shown.steps)} steps")
    tops = {i: _top(page, i) for i in hits}
    assert all(tops[c] < tops[p] for c in code for p in prose)
    page.set_viewport_size({"width": 400, "height": 720})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(shots / "search-400.png"), full_page=True)
    page.fill("#q", "")
    assert _visible(page, "details.row", "id") == ids
    assert page.text_content("#shown") == f"{len(ids)} rows, {len(shown.steps)} steps"

    # The steps: an anchor each, grouped builder, terminal, rule; the chains per pair.
    page.set_viewport_size({"width": 1280, "height": 720})
    assert _visible(page, "details.step", "id") == [step.anchor for _, group in
                                                    shown.step_groups for step in group]
    assert page.eval_on_selector_all("h3.kind", "els => els.map(e => e.id)") == [
        "steps-base", "steps-builder", "steps-terminal", "steps-rule"]
    page.goto((report_folder / "index.html").as_uri() + "#step.first")
    assert page.evaluate("document.getElementById('step.first').open") is True
    assert 0 <= _top(page, "step.first") < 720
    assert "1 generated chain used it" in page.text_content("#step\\.first")
    page.screenshot(path=str(shots / "step-1280.png"))
    page.evaluate("location.hash = 'chains'")
    page.wait_for_function("document.getElementById('chains').getBoundingClientRect().top < 720")
    page.screenshot(path=str(shots / "chains-1280.png"))
    page.set_viewport_size({"width": 400, "height": 720})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # the matrix scrolls
    page.evaluate("document.getElementById('chains').scrollIntoView()")
    page.screenshot(path=str(shots / "chains-400.png"))
    assert fetched == []


#: What the index must never show for a row: lines that name no part of the row.
WEAK = ("Table(", "on_lite", "import ", "kept.close", "lambda ", "passive_deletes")


def _index_of(page: str, row_id: str) -> tuple[str, str]:
    """The row's index line on the page: its 2.x code and its Lite code (or words)."""
    summary = page.split(f'id="{row_id}"', 1)[1].split("</summary>", 1)[0]
    modern = summary.split('<span class="to">', 1)[1].split("</span>", 1)[0]
    lite = summary.split('<span class="to lite">', 1)[1]
    return tuple(html.unescape(re.sub(r"<[^>]+>", " ", part)).strip()  # type: ignore[return-value]
                 for part in (modern, lite))


def test_index_lines_of_whole_modules_say_what_the_source_writes(built: dict[str, Any]) -> None:
    """Where a side's code is a whole module (the relationship rows' models, Lite's
    relationships, probes), the index shows the source's 2.x line, or Lite's own line
    for it, not whichever line of the module came first."""
    shown = view.build(built)
    page = document.files(built)["index.html"]
    rows = {row.id: row for row in shown.rows}
    affected = [row for row in shown.rows if row.section in ("relationships", "lite")]
    assert len(affected) >= 10
    for row in affected:
        for variant in filter(None, (row.replacement, row.lite)):
            text = row.index_code(variant)
            assert text and not any(weak in text for weak in WEAK), (row.id, variant.name, text)
            assert text in _index_of(page, row.id)[variant is row.lite] or (
                variant is row.lite and row.lite_same), (row.id, variant.name)
    def index(row_id: str, name: str) -> str:
        variant = rows[row_id].variant(name)
        assert variant is not None, (row_id, name)
        return rows[row_id].index_code(variant)

    one_to_many = rows["relationships.one_to_many"]
    assert one_to_many.written == '… posts: Mapped[List["Post"]] = relationship(' \
        'back_populates="author") …'  # the source's line, as its as-written form shows it
    assert index("relationships.one_to_many", "as_written") == one_to_many.written
    for name in ("recommended", "lite"):  # their own line for it: list[Post], no quotes
        assert 'posts: Mapped[list[Post]] = relationship(back_populates="author"' in \
            index("relationships.one_to_many", name), name
    # Named by uselist=False: the profile line, in the source's form and in Lite's.
    assert "profile: Mapped[" in index("relationships.one_to_one", "recommended")
    assert "profile: Mapped[" in index("relationships.one_to_one", "lite")
    api = rows["lite.extension_api"]
    assert index(api.id, "as_written") == api.call  # legacy's probes, on 3.1
    assert index(api.id, "lite") == api.source["modern"]
    # The same probes, but Lite's line is Lite's text: not "same code" in the index.
    assert not api.lite_same and _index_of(page, api.id)[1].startswith(api.source["modern"])
    assert rows["lite.session_scope"].lite_same  # the recommended form is Lite's own
    assert index("lite.session_scope", "lite").startswith("db.session  # 'The default session")
    assert index("lite.table_naming", "lite") == "class User(Base): __tablename__ = 'user'"
    # The tutorial's classes on Lite's Base name no table: their line says so.
    assert index("lite.table_naming", "lite.as_written") == "class User(Base): …"


def test_only_whole_modules_change_their_index_line(built: dict[str, Any]) -> None:
    """A call or a function's body keeps its line most like the legacy call."""
    changed = set()
    for row in view.build(built).rows:
        for variant in row.variants:
            if row.index_code(variant) != view.one_line(variant.code, row.call):
                assert view.whole(variant.code), (row.id, variant.name)
                changed.add(row.id)
    assert {"relationships.one_to_many", "lite.extension_api"} <= changed
    assert view.whole("from a import b\n\nx = 1") == "module"
    assert view.whole("class A:\n    pass\n\nclass B:\n    pass") == "module"
    assert view.whole("db.Model\n(db.Column, db.relationship)\nPerson.query") == "probes"
    assert view.whole("# one\nwith a:\n    return 1\n\n# two\nreturn 2") == "probes"
    body = "db.session.add(x)\ndb.session.flush()\nstep('a')\ndb.session.commit()"
    assert view.whole(body) == "" and view.whole("class A:\n    pass") == ""


@pytest.mark.parametrize(("code", "line"), [
    ('class User(Base):\n    __tablename__ = "user"', 'class User(Base): __tablename__ = "user"'),
    ("a = 1\nb = 2", "a = 1; b = 2"),
    ("select(\n    User)", "select(User)"),
])
def test_the_index_joins_two_lines_as_python_would(code: str, line: str) -> None:
    """A header's body follows its colon with a space, other lines a semicolon
    (``lite.table_naming``'s Lite line read ``class User(Base):; __tablename__``)."""
    assert view.one_line(code) == line
