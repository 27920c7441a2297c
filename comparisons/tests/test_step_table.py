"""The table of steps, outside ``steps.py``: the README's copy, ``translate --steps``, and
the report's section (``index.html#step.<id>``, report.md, report.json, the terminal).

The README holds exactly what ``STEPS`` gives; the report is handed the steps as plain
values (``translate.table.as_json``) and shows every one, grouped base, builder, terminal, rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from comparisons import document
from comparisons.document import merge, table, view
from comparisons.translate import command, steps
from comparisons.translate import table as step_table
from comparisons.values.code import is_code

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).parent / "fixtures" / "report_v2.json"


@pytest.fixture
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    report["steps"] = step_table.as_json()
    return report


def test_the_readme_holds_the_table_steps_py_gives() -> None:
    """Regenerate with ``python -m comparisons translate --steps --readme README.md``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Translating legacy queries", 1)[1].split("\n## ", 1)[0]
    assert all(section.count(marker) == 1 for marker in step_table.MARKERS)
    assert step_table.readme_table(readme) == step_table.markdown(), \
        "the README's table of steps is stale: python -m comparisons translate --steps " \
        "--readme README.md"


def test_the_markdown_table_has_every_step_once_by_kind() -> None:
    lines = step_table.markdown().splitlines()
    ids = [re.match(r"\| `([^`]+)` \|", line)[1] for line in lines[2:]]  # type: ignore[index]
    assert sorted(ids) == sorted(s.id for s in steps.STEPS)
    kinds = [steps.BY_ID[i].kind for i in ids]
    assert kinds == sorted(kinds, key=list(step_table.KINDS).index)
    assert {len(re.split(r"(?<!\\)\|", line)) - 2 for line in lines} == {4}
    by_id = {i: line for i, line in zip(ids, lines[2:], strict=True)}
    # Code as code (a pipe inside it escaped), words as text.
    assert by_id["all"].startswith(
        r"| `all` | `.all()` | `db.session.scalars(stmt).all() \| db.session")
    assert r"| \[start:stop\] with literal stop \<= start | `[]` |" in by_id["rule.empty_slice"]
    assert by_id["count"].endswith("| drop-in |")


def test_code_and_words_are_told_apart() -> None:
    for code in (".filter(...)", "[start:stop]", "[i]", "[]", "stmt.limit(1)", ".unique()"):
        assert is_code(code), code
    for words in ("the same select", "for x in query (no terminal)",
                  ".first() (implicit LIMIT 1)", "(implicit de-duplication of entity rows)"):
        assert not is_code(words), words


def test_translate_steps_prints_and_writes_the_table(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert command.main(["--steps"]) == 0
    assert capsys.readouterr().out == step_table.markdown()
    readme = tmp_path / "README.md"
    start, end = step_table.MARKERS
    readme.write_text(f"# Title\n\n{start}\n| old |\n{end}\n\nAfter.\n", encoding="utf-8")
    assert command.main(["--steps", "--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == \
        f"# Title\n\n{start}\n{step_table.markdown()}{end}\n\nAfter.\n"
    assert command.main(["--steps", "--readme", str(readme)]) == 0  # the same again
    assert step_table.readme_table(readme.read_text(encoding="utf-8")) == \
        step_table.markdown()


@pytest.mark.parametrize(("arguments", "text", "message"), [
    (["--steps", "--readme", "{dir}/missing.md"], None, "No such file or directory"),
    (["--steps", "--readme", "{dir}/README.md"], "no markers\n", "needs the lines <!-- steps"),
    (["--steps", "Author.query.all()"], None, "--steps takes no EXPR"),
    (["--readme", "{dir}/README.md"], None, "--readme needs --steps"),
    ([], None, "give a legacy Query expression"),
], ids=["missing", "no markers", "steps and EXPR", "readme without steps", "nothing"])
def test_bad_step_arguments_are_one_line_and_exit_2(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, arguments: list[str],
        text: str | None, message: str) -> None:
    if text is not None:
        (tmp_path / "README.md").write_text(text, encoding="utf-8")
    argv = [a.format(dir=tmp_path) for a in arguments]
    try:
        status = command.main(argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: ") and message in captured.err
    if text is not None:  # left as it was
        assert (tmp_path / "README.md").read_text(encoding="utf-8") == text


def test_the_report_json_holds_every_step_as_declared() -> None:
    found = step_table.as_json()
    assert [s["id"] for s in found] == [s.id for s in steps.STEPS]
    count = next(s for s in found if s["id"] == "count")
    assert count == {"id": "count", "kind": "terminal", "legacy": ".count()",
                     "modern": steps.BY_ID["count"].modern, "verdict": "drop-in",
                     "why": steps.BY_ID["count"].why,
                     "aspects": {"always": [], "sometimes": ["sql"]},
                     "caller_changes": [], "proven": True}
    json.dumps(found)  # plain values only


def test_the_view_groups_steps_builder_terminal_rule(sample: dict[str, Any]) -> None:
    shown = view.build(sample)
    assert [kind for kind, _ in shown.step_groups] == ["base", "builder", "terminal", "rule"]
    assert [s.id for _, group in shown.step_groups for s in group] == \
        [s.id for kind in step_table.KINDS for s in steps.STEPS if s.kind == kind]
    iterate = shown.step("iterate")
    assert iterate.anchor == "step.iterate" and iterate.always == ("kind", "timing")
    assert iterate.caller_changes == steps.BY_ID["iterate"].caller_changes
    assert not iterate.legacy_is_code and iterate.modern_is_code
    del sample["steps"]  # a report saved before the steps were: no section, no error
    assert view.build(sample).steps == ()


def test_a_step_of_unknown_verdict_or_kind_is_refused(sample: dict[str, Any]) -> None:
    sample["steps"][0]["verdict"] = "equivalent"
    with pytest.raises(ValueError, match="unknown verdict 'equivalent'"):
        view.build(sample)
    sample["steps"][0].update(verdict="identical", kind="method")
    with pytest.raises(ValueError, match="step filter: unknown kind 'method'"):
        view.build(sample)


def test_the_page_and_markdown_show_every_step_by_its_anchor(sample: dict[str, Any]) -> None:
    files = document.files(sample)
    page, markdown = files["index.html"], files["report.md"]
    for step in steps.STEPS:
        assert page.count(f'<details class="step" id="step.{step.id}"') == 1
        assert f'<a id="step.{step.id}"></a>' in markdown
        assert f"](#step.{step.id})" in markdown
    groups = re.findall(r'<h3 class="kind" id="(steps-\w+)"', page)
    assert groups == ["steps-base", "steps-builder", "steps-terminal", "steps-rule"]
    assert page.index('id="group-steps"') > page.index('id="group-tutorial"')
    body = page.split('id="step.iterate"', 1)[1].split("</details>", 1)[0]
    assert "always differ: kind, timing" in body
    assert "keep the select" in body  # its caller change
    assert "consumed as rows are fetched" in body  # its why
    assert json.loads(files["report.json"])["steps"] == sample["steps"]
    table_md = markdown.split("## The translation, step by step", 1)[1].split("\n## ", 1)[0]
    assert ("| [`iterate`](#step.iterate) | for x in query (no terminal) | "
            "` db.session.scalars(stmt) ` | 🟡 caller-changes | yes |") in table_md
    # The search box counts steps beside rows.
    assert f"{len(sample['rows'])} rows, {len(steps.STEPS)} steps" in page


def test_the_terminal_summary_counts_the_steps(sample: dict[str, Any]) -> None:
    console = Console(width=100, record=True, soft_wrap=True)
    table.summary(view.build(sample), console)
    text = console.export_text()
    kinds = {kind: sum(s.kind == kind for s in steps.STEPS) for kind in step_table.KINDS}
    assert kinds["base"] == 1
    assert (f"steps: {len(steps.STEPS)} (1 base, {kinds['builder']} builders, "
            f"{kinds['terminal']} terminals, {kinds['rule']} rules)") in text


def test_a_merge_keeps_the_steps(sample: dict[str, Any]) -> None:
    first = json.loads(json.dumps(sample))
    second = json.loads(json.dumps(sample))
    first["versions"]["sqlalchemy"], second["versions"]["sqlalchemy"] = "2.0.44", "2.1.9"
    assert merge.merge([first, second])["steps"] == sample["steps"]
    del first["steps"], second["steps"]
    assert "steps" not in merge.merge([first, second])
