"""``python -m comparisons scan``: every legacy site of the fixture application found,
exactly as its ``# site:`` comments say; each replacement the translation's; the
``--diff`` applied to a copy of the application returns what the legacy one did, on
each selected backend; bad input skipped with its reason."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.exc import LegacyAPIWarning

from comparisons.__main__ import main
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from comparisons.scan import patch
from comparisons.scan.command import SAFE, scan
from comparisons.translate.core import translate

APPS = Path(__file__).parent / "fixtures" / "apps"
BLOG = APPS / "blog"
MARK = re.compile(r"#\s*site:\s*(.+)$")


def expected_sites(folder: Path) -> Counter[tuple[str, int, str]]:
    """The fixture's own truth: each ``# site: a, b`` comment names the shapes of the
    sites that start on its line."""
    found: Counter[tuple[str, int, str]] = Counter()
    for path in sorted(folder.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = MARK.search(line)
            if match:
                for shape in match.group(1).split(","):
                    found[(str(path), number, shape.strip())] += 1
    return found


def test_every_site_of_the_fixture_is_found_and_nothing_else() -> None:
    result = scan([str(BLOG)])
    found = Counter((s.path, s.line, s.shape) for s in result.sites)
    expected = expected_sites(BLOG)
    assert sum(expected.values()) > 50
    assert found - expected == Counter(), "found, not marked"
    assert expected - found == Counter(), "marked, not found"
    assert result.skipped == []


def site(shape: str, path: Path = BLOG / "queries.py") -> list[dict[str, Any]]:
    return [s.to_json() for s in scan([str(BLOG)]).sites
            if s.shape == shape and s.path == str(path)]


def line_of(text: str, path: Path = BLOG / "queries.py") -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_a_chain_gets_translate_s_replacement_with_its_own_arguments() -> None:
    (first,) = site("query.filter_by.first")
    assert first["legacy"] == "Author.query.filter_by(name=name).first()"
    assert first["replacement"] == translate(first["legacy"]).translation == (
        "db.session.scalars(select(Author).where(Author.name == name).limit(1)).first()")
    assert first["verdict"] == "identical" and first["rows"] == [
        "filter_by", "rule.rows", "first", "rule.limit_first"]
    line = line_of("writer = Author.query.filter_by(name=name).first()")
    assert (first["line"], first["end_line"], first["column"]) == (line, line, 14)


def test_a_chain_over_lines_is_one_site_spanning_them() -> None:
    (chain,) = site("query.filter.order_by.all")
    start = line_of("Post.query  # site: query.filter.order_by.all")
    assert (chain["line"], chain["end_line"]) == (start, start + 3)
    assert chain["replacement"] == (
        "db.session.scalars(select(Post).where(Post.title.contains(word))"
        ".order_by(Post.id)).all()")


def test_a_classmethod_s_cls_query_is_translated_on_cls() -> None:
    (named,) = site("query.filter_by.first", BLOG / "models.py")
    assert named["replacement"] == (
        "db.session.scalars(select(cls).where(cls.name == name).limit(1)).first()")


def test_a_stored_query_becomes_a_select_and_each_use_runs_it() -> None:
    (definition,) = site("query.join.filter")
    assert definition["replacement"] == "select(Post).join(Author).where(Author.name == name)"
    assert [s["replacement"] for s in site("stored.filter") + site("stored.order_by")] == [
        "query.where(Post.published.is_(True))",
        "query.order_by(Post.id.desc() if newest_first else Post.id)"]
    (use,) = site("stored.all")
    assert use["replacement"] == "db.session.scalars(query).unique().all()"
    assert {definition["verdict"], use["verdict"]} == {"identical"}
    (attribute,) = site("stored.order_by.all")
    assert attribute["replacement"] == "db.session.scalars(self.base.order_by(Post.id)).all()"


def test_what_has_no_replacement_says_why() -> None:
    reasons = {s.shape: s.reason or "" for s in scan([str(BLOG)]).sites
               if s.replacement is None}
    assert "application's own Query method (PostQuery)" in reasons["query.published"]
    assert "Writer.posts, a lazy='dynamic' relationship: no step for Query.delete()" in \
        reasons["dynamic.filter_by.delete"]
    assert "the Query is returned" in reasons["dynamic.filter_by"]
    assert "returned" in reasons["query.order_by"]
    assert "passed to consume()" in reasons["stored"]
    assert "by attribute name" in reasons["query.options.all"]
    assert "from_self() was removed" in reasons["query.from_self"]
    assert "keyword-only" in reasons["query.paginate"]
    assert "text()" in reasons["removed.raw_execute"]


def test_json_has_sites_skipped_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", "--json", str(BLOG)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"sites", "skipped", "summary"}
    assert set(found["sites"][0]) == {
        "path", "line", "end_line", "column", "kind", "legacy", "shape", "replacement",
        "imports", "verdict", "proven", "rows", "caller_changes", "reason"}
    summary = found["summary"]
    assert summary["sites"] == len(found["sites"]) == sum(summary["by_verdict"].values())
    assert summary["by_kind"]["model"] == sum(1 for s in found["sites"] if s["kind"] == "model")
    assert next(iter(summary["files_with_most"])) == str(BLOG / "queries.py")


def test_the_terminal_summary_counts_by_verdict_and_reason(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(BLOG)]) == 0
    out = capsys.readouterr().out
    total = len(scan([str(BLOG)]).sites)
    assert f"{total} sites in 6 files (0 skipped)" in out
    assert "by verdict:" in out and "not translated, and why:" in out
    assert "model.Column: a model definition" in out


# -- --diff: the patched application returns what the legacy one did -------------------


def patched_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fixture copied, with ``scan --diff``'s own output applied by patch(1)."""
    copy = tmp_path / "blog"
    shutil.copytree(BLOG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.py")}
    assert main(["scan", "--diff", str(BLOG)]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- a/{BLOG}")
    relative = diff.replace(f"a/{BLOG}/", "a/").replace(f"b/{BLOG}/", "b/")
    subprocess.run(["patch", "-p1", "-s", "-d", str(copy)], input=relative, text=True,
                   check=True)
    assert {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.py")} != before
    assert BLOG.joinpath("queries.py").read_text(encoding="utf-8") == \
        before[copy / "queries.py"]  # --diff writes nothing
    return copy


def load(folder: Path, name: str) -> dict[str, ModuleType]:
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    modules = {"": package}
    for sub in ("models", "queries", "helpers"):
        modules[sub] = importlib.import_module(f"{name}.{sub}")
    return modules


CALLS: list[tuple[str, tuple[Any, ...]]] = [
    ("queries.writer_names", ()), ("queries.first_id_named", ("bo",)),
    ("queries.first_id_named", ("nobody",)), ("queries.titles_containing", ("o",)),
    ("queries.published_count", ()), ("queries.titles_by", ("alex", True, False)),
    ("queries.titles_by", ("alex", False, True)), ("queries.titles_iterated", (1,)),
    ("queries.stored_and_iterated", ("bo",)), ("queries.name_and_titles", ()),
    ("queries.page_of_titles", (1,)), ("queries.page_of_titles", (3,)),
    ("queries.name_of", (2,)), ("queries.name_of", (99,)), ("queries.ids_only", ()),
    ("queries.named_by_classmethod", ("cy",)), ("queries.prefixed", ("a",)),
    ("queries.published_titles_of", ("alex",)), ("queries.post_count_of", ("alex",)),
    ("queries.published_via_query_class", ()), ("queries.listing_titles", (True,)),
    ("queries.listing_titles", (False,)), ("queries.repository_names", ()),
    ("helpers.writer_ids", ()), ("helpers.first_writer_name", ()),
    ("queries.latest_title_of", (1,)), ("queries.latest_title_of", (4,)),
    ("queries.titles_of", ("alex",)), ("queries.titles_of", ("abe",)),
    ("queries.page_of_posts_of", ("alex", 2)), ("queries.page_of_posts_of", ("abe", 1)),
    ("queries.add_post", ("bo", 100, "new")),  # last: it commits
]


def run_app(modules: dict[str, ModuleType], url: str) -> list[Any]:
    """Seed the app's tables on ``url`` and call every function of ``CALLS``."""
    app = modules[""].create_app(url)
    db, models = modules[""].db, modules["models"]
    with app.app_context():
        db.create_all()
        writers = [models.Writer(name=n) for n in ("alex", "bo", "cy", "abe")]
        db.session.add_all(writers)
        db.session.flush()
        for number, (writer, title, published) in enumerate([
                (0, "hello world", True), (0, "draft one", False), (1, "bo's post", True),
                (0, "more words", True), (2, "cy notes", False), (1, "another one", True)]):
            db.session.add(models.Post(id=number + 1, writer_id=writers[writer].id,
                                       title=title, published=published))
        db.session.commit()
        found = []
        for name, args in CALLS:
            module, function = name.split(".")
            found.append((name, args, getattr(modules[module], function)(*args)))
            db.session.rollback()
        db.drop_all()
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()  # before its namespace is dropped
    return found


@pytest.fixture
def two_urls(backend: Backend) -> Iterator[tuple[str, str]]:
    with namespace(backend, "scanlegacy") as legacy, namespace(backend, "scanpatched") as new:
        yield (legacy.render_as_string(hide_password=False),
               new.render_as_string(hide_password=False))


def same_as_legacy(copy: Path, label: str, two_urls: tuple[str, str],
                   backend: Backend) -> list[Any]:
    """What the application in ``copy`` returns, asserted equal to what the legacy one
    (the fixture as written) returned, each on a namespace of its own."""
    tag = f"{backend.name}_{os.getpid()}"
    legacy_modules = load(BLOG, f"scan_blog_legacy_{label}_{tag}")
    changed_modules = load(copy, f"scan_blog_{label}_{tag}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyAPIWarning)  # Query.get(): legacy only
        before = run_app(legacy_modules, two_urls[0])
    after = run_app(changed_modules, two_urls[1])  # warnings are errors here
    assert after == before
    return after


def test_the_diff_round_trip_returns_what_the_legacy_app_did(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        two_urls: tuple[str, str], backend: Backend) -> None:
    after = same_as_legacy(patched_copy(tmp_path, capsys), "patched", two_urls, backend)
    assert len(after) == len(CALLS) and after[0][2] == ["abe", "alex", "bo", "cy"]


def test_a_dynamic_call_gets_the_write_only_translation_as_a_caller_change() -> None:
    found = {s["shape"]: s for s in scan([str(BLOG)]).to_json()["sites"]
             if s["kind"] == "dynamic"}
    assert found["dynamic.filter_by.all"]["replacement"] == translate(
        "author.posts.filter_by(published=True).all()", dynamic=("Writer.posts",)
    ).translation == "db.session.scalars(author.posts.select().filter_by(published=True)).all()"
    assert found["dynamic.append"]["replacement"] == (
        "author.posts.add(Post(id=post_id, title=title))")
    assert found["dynamic.paginate"]["replacement"] == (
        "db.paginate(author.posts.select(), page=page, per_page=1, error_out=False)")
    translated = [s for s in found.values() if s["replacement"] is not None]
    assert len(translated) == 7
    for site in translated:
        assert site["verdict"] == "caller-changes" and site["proven"], site
        assert site["rows"][0] == "dynamic"
        assert site["caller_changes"][0].startswith("Declare Writer.posts as WriteOnlyMapped[")


def test_the_dynamic_replacements_with_the_model_changed_return_what_the_legacy_app_did(
        tmp_path: Path, two_urls: tuple[str, str], backend: Backend) -> None:
    """The caller change made: ``Writer.posts`` declared ``lazy="write_only"`` (what
    ``WriteOnlyMapped`` declares) and every dynamic site replaced, with the ``--diff``'s
    own replacements: the application returns what the legacy one did."""
    copy = tmp_path / "blog"
    shutil.copytree(BLOG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    result = scan([str(BLOG)])
    chosen = patch.applicable(result.sites, SAFE) + [
        s for s in result.sites if s.kind == "dynamic" and s.replacement is not None]
    for path in sorted({s.path for s in chosen}):
        text = result.sources[path].text
        mine = [s for s in chosen if s.path == path]
        rewritten = patch.patched(text, mine, patch.db_import(path, result.dbs))
        (copy / Path(path).relative_to(BLOG)).write_text(rewritten, encoding="utf-8")
    models = copy / "models.py"
    declared = 'backref="writer", lazy="dynamic"'
    assert models.read_text(encoding="utf-8").count(declared) == 1
    models.write_text(models.read_text(encoding="utf-8").replace(
        declared, 'backref="writer", lazy="write_only"'), encoding="utf-8")
    after = same_as_legacy(copy, "write_only", two_urls, backend)
    assert ("queries.titles_of", ("alex",), ["hello world", "draft one", "more words"]) in after
    assert after[-1] == ("queries.add_post", ("bo", 100, "new"), 1)


def test_the_diff_applies_identical_and_drop_in_only(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    copy = patched_copy(tmp_path, capsys)
    result = scan([str(BLOG)])
    applied = patch.applicable(result.sites, SAFE)
    assert {s.verdict for s in applied} == {"identical", "drop-in"}
    assert not any(s.verdict == "caller-changes" for s in applied)
    queries = (copy / "queries.py").read_text(encoding="utf-8")
    assert queries.count("from sqlalchemy import select\n") == 1
    assert "from sqlalchemy import func" in queries
    assert "Post.query.order_by(Post.id).paginate" not in queries
    assert "for p in Post.query.filter_by(writer_id=writer_id)" in queries  # caller-changes
    helpers = (copy / "helpers.py").read_text(encoding="utf-8")
    assert "from .extensions import db\n" in helpers  # it named no db: imported once
    assert "return Writer.query.order_by(Writer.name)" in helpers  # escapes: kept
    assert "author.posts.count()" in queries  # dynamic: caller-changes, the model changes


# -- bad input ---------------------------------------------------------------------


def test_a_missing_path_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    assert main(["scan", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path / 'nope'}: no such file or directory\n"


def test_unreadable_files_are_skipped_with_their_reason_and_the_scan_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.py").write_text("x = Author.query.all()\n", encoding="utf-8")
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    (tmp_path / "py2.py").write_text("print 'hello'\n", encoding="utf-8")
    (tmp_path / "latin.py").write_bytes(b"name = '\xe9'\n")
    (tmp_path / "binary.py").write_bytes(b"\x7fELF\x00\x00\x01")
    (tmp_path / "huge.py").write_text("x = 1\n" * 900_000, encoding="utf-8")
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.py").symlink_to(tmp_path / "self.py")
    assert main(["scan", "--json", str(tmp_path)]) == 0
    found = json.loads(capsys.readouterr().out)
    reasons = {Path(s["path"]).name: s["reason"] for s in found["skipped"]}
    assert reasons["broken.py"].startswith("a syntax error at line 1")
    assert reasons["py2.py"].endswith("(Python 2 code?)")
    assert reasons["latin.py"] == "not UTF-8 (byte 8)"
    assert reasons["binary.py"] == "a binary file, not Python source"
    assert reasons["huge.py"].startswith("larger than 1,000,000 bytes")
    assert reasons["back"].startswith("a symlink loop")
    assert "symbolic links" in reasons["self.py"]
    assert [(Path(s["path"]).name, s["shape"]) for s in found["sites"]] == [
        ("good.py", "query.all")]


def test_nothing_readable_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.py").write_text("def f(:\n", encoding="utf-8")
    assert main(["scan", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no Python file could be read: ") and err.count("\n") == 1


def test_git_virtual_environments_and_vendored_code_are_not_entered(tmp_path: Path) -> None:
    for folder in (".git", "node_modules", "lib/site-packages", "env", "app"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "m.py").write_text("Author.query.all()\n", encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    result = scan([str(tmp_path)])
    assert [s.path for s in result.sites] == [str(tmp_path / "app" / "m.py")]


def test_bad_options_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["scan", "--json", "--diff", str(BLOG)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
