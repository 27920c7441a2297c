"""``python -m comparisons scan``: every legacy site of each fixture application found,
exactly as its ``# site:`` comments say; each replacement the translation's; the
``--diff`` applied to a copy of each application returns what the legacy one did, on
each selected backend; ``--out``'s page; bad input skipped with its reason."""

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.exc import LegacyAPIWarning

from comparisons.__main__ import main
from comparisons.catalog import BY_ID as CATALOG
from comparisons.databases.backends import Backend
from comparisons.databases.namespaces import namespace
from comparisons.scan import page, patch
from comparisons.scan.command import SAFE, scan
from comparisons.scan.sites import REMOVED, Site
from comparisons.translate.core import translate
from comparisons.translate.steps import BY_ID as STEPS

TITLES = {row_id: row.title for row_id, row in CATALOG.items()}
APPS = Path(__file__).parent / "fixtures" / "apps"
BLOG = APPS / "blog"
SHOP = APPS / "shop"
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


@pytest.mark.parametrize("folder", [BLOG, SHOP], ids=["blog", "shop"])
def test_every_site_of_the_fixture_is_found_and_nothing_else(folder: Path) -> None:
    result = scan([str(folder)])
    found = Counter((s.path, s.line, s.shape) for s in result.sites)
    expected = expected_sites(folder)
    assert sum(expected.values()) > 40
    assert found - expected == Counter(), "found, not marked"
    assert expected - found == Counter(), "marked, not found"
    assert result.skipped == []


def site(shape: str, path: Path = BLOG / "queries.py", folder: Path = BLOG
         ) -> list[dict[str, Any]]:
    return [s.to_json() for s in scan([str(folder)]).sites
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
    assert "passed to consume()" in reasons["stored"]
    assert "by attribute name" in reasons["query.options.all"]
    assert "from_self() was removed" in reasons["query.from_self"]
    assert "keyword-only" in reasons["query.paginate"]
    assert "text()" in reasons["removed.raw_execute"]


def shop(shape: str, module: str = "reports.py") -> list[dict[str, Any]]:
    return site(shape, SHOP / module, SHOP)


def test_a_query_returned_by_a_helper_is_translated_with_the_calls_that_continue_it() -> None:
    """``open_orders()`` hands out a Query that three functions of its module continue:
    the helper returns the select, each call runs it, on the db as the module names it."""
    (helper,) = [s for s in shop("query.filter_by") if "open" in s["legacy"]]
    assert helper["replacement"] == 'select(Order).where(Order.status == "open")'
    calls = {s["legacy"]: s["replacement"] for s in shop("returned.order_by.all")
             + shop("returned.count") + shop("returned.order_by.first")}
    assert calls == {
        "open_orders().order_by(Order.id).all()":
            "database.session.scalars(open_orders().order_by(Order.id)).all()",
        "open_orders().count()":
            "database.session.scalar(select(func.count()).select_from(open_orders().subquery()))",
        "orders_of(name).order_by(Order.id).all()":
            "database.session.scalars(orders_of(name).order_by(Order.id)).unique().all()",
        "orders_of(name).order_by(Order.id).first()":
            "database.session.scalars(orders_of(name).order_by(Order.id).limit(1)).unique()"
            ".first()"}
    # The helper's verdict is its calls' worst: the count sends another statement.
    assert helper["verdict"] == "drop-in"
    chosen = {(s.line, s.shape) for s in applied(SHOP) if s.path.endswith("reports.py")}
    assert (helper["line"], "query.filter_by") in chosen


def test_a_returned_query_is_not_translated_where_one_call_lets_it_escape() -> None:
    drafts = next(s for s in shop("query.filter_by") if "draft" in s["legacy"])
    (passed,) = shop("returned")
    assert drafts["replacement"] is None and passed["replacement"] is None
    assert "a Query returned by drafts() and continued: drafts() escapes at line " \
        f"{passed['line']}: the Query is passed to audit()" in drafts["reason"]
    # Iterated: a caller-changes use, so its helper and it are not applied.
    (iterated,) = shop("returned.iter")
    assert iterated["verdict"] == "caller-changes"
    assert not any(s.shape == "returned.iter" or "large" in s.legacy for s in applied(SHOP))


def test_a_helper_another_module_may_call_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        "def recent():\n    return Post.query.order_by(Post.id)\n\n\n"
        "def newest():\n    return recent().first()\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("from a import recent\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("import a\n\nx = a.recent\n", encoding="utf-8")
    def reasons(*names: str) -> dict[str, str | None]:
        return {s.shape: s.reason for s in scan([str(tmp_path / n) for n in names]).sites}

    assert reasons("a.py", "b.py")["query.order_by"] == (
        f"a Query returned by recent() and continued: recent is imported by {tmp_path / 'b.py'}, "
        "whose calls are not followed")
    assert "imported by" in (reasons("a.py", "c.py")["query.order_by"] or "")
    assert reasons("a.py") == {
        "query.order_by": None, "returned.first": None}


def test_names_imported_under_other_names_are_the_app_s() -> None:
    """``db`` imported as ``database``, models aliased or read through their module, a
    session kept by a service or handed to a function."""
    (get,) = shop("query.get")
    assert get["replacement"] == "database.session.get(models.Order, order_id)"
    (columns,) = shop("session.query.filter.order_by.all", "services.py")
    assert columns["replacement"] == (
        "session.execute(select(Item.name, Item.price).where(Item.price >= price)"
        ".order_by(Item.id)).all()")
    (count,) = shop("session.query.filter.count", "services.py")
    assert count["replacement"].startswith("self.session.scalar(select(func.count())")
    (both,) = shop("session.query.join.filter.order_by.all")
    assert both["replacement"].startswith("database.session.execute(select(Order, models.Product)")
    assert both["replacement"].endswith(".unique().all()")
    kinds = Counter(s.shape for s in scan([str(SHOP)]).sites if s.kind != "query")
    assert kinds["model.query_class"] == 1 and kinds["model.Query"] == 1
    assert kinds["removed.get_engine"] == kinds["removed.get_debug_queries"] == 1


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


def patched_copy(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The fixture copied, with ``scan --diff``'s own output applied by patch(1)."""
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.py")}
    assert main(["scan", "--diff", str(folder)]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- a/{folder}")
    relative = diff.replace(f"a/{folder}/", "a/").replace(f"b/{folder}/", "b/")
    subprocess.run(["patch", "-p1", "-s", "-d", str(copy)], input=relative, text=True,
                   check=True)
    assert {p: p.read_text(encoding="utf-8") for p in copy.rglob("*.py")} != before
    assert {p: p.read_text(encoding="utf-8") for p in folder.rglob("*.py")} == {
        folder / p.relative_to(copy): text for p, text in before.items()}  # writes nothing
    return copy


Modules = dict[str, ModuleType]
#: An argument that stands for the app's ``db.session`` (a service handed a session).
SESSION = object()


@dataclass(frozen=True)
class App:
    """A fixture application: its folder, the modules its calls live in, how its tables
    are seeded, and the calls whose answers legacy and patched must share."""

    folder: Path
    modules: tuple[str, ...]
    seed: Callable[[Modules, Any], None]
    calls: tuple[tuple[str, tuple[Any, ...]], ...]
    #: What the first call answers on the seed: the data is there and queried.
    first: Any


def seed_blog(modules: Modules, db: Any) -> None:
    models = modules["models"]
    writers = [models.Writer(name=n) for n in ("alex", "bo", "cy", "abe")]
    db.session.add_all(writers)
    db.session.flush()
    for number, (writer, title, published) in enumerate([
            (0, "hello world", True), (0, "draft one", False), (1, "bo's post", True),
            (0, "more words", True), (2, "cy notes", False), (1, "another one", True)]):
        db.session.add(models.Post(id=number + 1, writer_id=writers[writer].id,
                                   title=title, published=published))


def seed_shop(modules: Modules, db: Any) -> None:
    models = modules["models"]
    db.session.add_all([models.Customer(id=n, name=name, city=city) for n, (name, city) in
                        enumerate([("alex", "Paris"), ("bo", "Oslo"), ("cy", "Paris"),
                                   ("dee", None)], 1)])
    db.session.add_all([models.Product(id=n, name=name, price=price, stock=stock)
                        for n, (name, price, stock) in enumerate(
                            [("pen", 2, 10), ("ink", 5, 0), ("pad", 5, 3), ("bag", 20, 1)], 1)])
    db.session.flush()
    db.session.add_all([
        models.Order(id=n, customer_id=c, product_id=p, quantity=q, status=s)
        for n, (c, p, q, s) in enumerate([
            (1, 1, 3, "open"), (2, 2, 1, "open"), (1, 3, 2, "paid"), (3, 4, 5, "draft"),
            (2, 1, 4, "paid"), (1, 2, 1, "open"), (3, 1, 2, "paid")], 1)])


BLOG_APP = App(BLOG, ("models", "queries", "helpers"), seed_blog, (
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
), ["abe", "alex", "bo", "cy"])
SHOP_APP = App(SHOP, ("models", "services", "reports"), seed_shop, (
    ("services.product_names", (SESSION,)), ("services.priced_at_least", (SESSION, 5)),
    ("reports.open_order_ids", ()), ("reports.open_order_count", ()),
    ("reports.large_order_quantities", ()), ("reports.product_ids_of", ("alex",)),
    ("reports.product_ids_of", ("nobody",)), ("reports.first_order_of", ("bo",)),
    ("reports.first_order_of", ("dee",)), ("reports.buyers_without_orders", ()),
    ("reports.orders_per_status", ()), ("reports.quantities", ()),
    ("reports.busy_buyers", (2,)), ("reports.product_of_order", (3,)),
    ("reports.product_of_order", (99,)), ("reports.page_of_orders", (1,)),
    ("reports.page_of_orders", (3,)), ("reports.ledger_ids", ("open",)),
    ("reports.ledger_quantity", ("paid",)), ("reports.buyers_in", ("Paris",)),
    ("reports.cheapest_names", (2,)), ("reports.buyer_id", ("cy",)),
    ("reports.buyer_id", ("zed",)), ("reports.first_stocked", ()),
    ("reports.orders_with_products", ("open",)), ("reports.audited_drafts", ()),
    ("reports.service_quantities", ()), ("reports.service_buyers", ()),
    ("reports.service_open_count", ()),
), ["bag", "ink", "pad", "pen"])
FIXTURE_APPS = {"blog": BLOG_APP, "shop": SHOP_APP}


def load(app: App, folder: Path, name: str) -> Modules:
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    modules = {"": package}
    for sub in app.modules:
        modules[sub] = importlib.import_module(f"{name}.{sub}")
    return modules


def run_app(app: App, modules: Modules, url: str) -> list[Any]:
    """Seed the app's tables on ``url`` and make every call of ``app.calls``."""
    flask_app = modules[""].create_app(url)
    db = next(v for v in vars(modules[""]).values() if type(v).__name__ == "SQLAlchemy")
    with flask_app.app_context():
        db.create_all()
        app.seed(modules, db)
        db.session.commit()
        found = []
        for name, args in app.calls:
            module, function = name.split(".")
            given = [db.session if a is SESSION else a for a in args]
            found.append((name, args, getattr(modules[module], function)(*given)))
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


def same_as_legacy(app: App, copy: Path, label: str, two_urls: tuple[str, str],
                   backend: Backend) -> list[Any]:
    """What the application in ``copy`` returns, asserted equal to what the legacy one
    (the fixture as written) returned, each on a namespace of its own."""
    tag = f"{backend.name}_{os.getpid()}"
    name = app.folder.name
    legacy_modules = load(app, app.folder, f"scan_{name}_legacy_{label}_{tag}")
    changed_modules = load(app, copy, f"scan_{name}_{label}_{tag}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LegacyAPIWarning)  # Query.get(): legacy only
        before = run_app(app, legacy_modules, two_urls[0])
    after = run_app(app, changed_modules, two_urls[1])  # warnings are errors here
    assert after == before
    assert len(before) == len(app.calls)
    return after


@pytest.mark.parametrize("name", sorted(FIXTURE_APPS))
def test_the_diff_round_trip_returns_what_the_legacy_app_did(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        two_urls: tuple[str, str], backend: Backend) -> None:
    app = FIXTURE_APPS[name]
    copy = patched_copy(app.folder, tmp_path, capsys)
    after = same_as_legacy(app, copy, "patched", two_urls, backend)
    assert after[0][2] == app.first


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
    after = same_as_legacy(BLOG_APP, copy, "write_only", two_urls, backend)
    assert ("queries.titles_of", ("alex",), ["hello world", "draft one", "more words"]) in after
    assert after[-1] == ("queries.add_post", ("bo", 100, "new"), 1)


def applied(folder: Path) -> list[Site]:
    return patch.applicable(scan([str(folder)]).sites, SAFE)


@pytest.mark.parametrize("folder", [BLOG, SHOP], ids=["blog", "shop"])
def test_the_diff_applies_identical_and_drop_in_only(folder: Path) -> None:
    """Only those verdicts, and a stored or returned Query's sites all or none."""
    result = scan([str(folder)])
    chosen = applied(folder)
    assert {s.verdict for s in chosen} == {"identical", "drop-in"}
    groups = {s.group for s in result.sites if s.group is not None}
    for group in groups:
        members = [s for s in result.sites if s.group == group]
        assert sum(m in chosen for m in members) in (0, len(members)), group


def test_the_blog_s_diff_keeps_what_it_cannot_prove(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    copy = patched_copy(BLOG, tmp_path, capsys)
    queries = (copy / "queries.py").read_text(encoding="utf-8")
    assert queries.count("from sqlalchemy import select\n") == 1
    assert "from sqlalchemy import func" in queries
    assert "Post.query.order_by(Post.id).paginate" not in queries
    assert "for p in Post.query.filter_by(writer_id=writer_id)" in queries  # caller-changes
    helpers = (copy / "helpers.py").read_text(encoding="utf-8")
    assert "from .extensions import db\n" in helpers  # it named no db: imported once
    assert "author.posts.count()" in queries  # dynamic: caller-changes, the model changes
    # Returned and continued, but ordered by a name two writers may share: rule.ties
    # (behaviour-change), so the helper and its caller are kept together.
    assert "return Writer.query.order_by(Writer.name)" in helpers
    assert "return writers_query().first().name" in helpers


# -- --out: the sites as a page ---------------------------------------------------------


def test_out_writes_the_page_grouped_by_shape_and_the_json_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sites"
    assert main(["scan", str(SHOP), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"{SHOP}/")  # the terminal listing as ever
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "sites.json"]
    result = scan([str(SHOP)])
    assert json.loads((out / "sites.json").read_text(encoding="utf-8")) == result.to_json()
    text = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<details class="row" id="([^"]+)">', text)
    assert rows == [f"{s.path}:{s.line}:{s.column}" for g in page.groups(result.sites, "", TITLES)
                    .values() for s in (x.site for x in g)]
    assert sorted(rows) == sorted(f"{s.path}:{s.line}:{s.column}" for s in result.sites)
    headings = re.findall(r'<h2 class="group" id="shape-([^"]+)">', text)
    assert headings[0].startswith(("query.", "returned.", "session.", "stored."))
    assert headings[-1].startswith("model.") and len(headings) == len({s.shape for s in
                                                                       result.sites})
    # A site's body: file:line, legacy text, replacement, verdict, caller changes, links.
    get = text[text.index(f'id="{SHOP}/reports.py:'):]
    body = re.search(r'<details class="row" id="[^"]+reports\.py:\d+:\d+">\s*<summary>\s*'
                     r'<code class="call">models\.Order\.query\.get\(order_id\)</code>'
                     r'.*?</details>', get, re.S)
    assert body is not None
    assert 'href="../comparisons-report/index.html#operations.get_by_id"' in body[0]
    assert 'href="../comparisons-report/index.html#step.get"' in body[0]
    assert "badge v-drop-in" in body[0] and "proven" in body[0]
    assert "The caller must" in text and "Why no replacement" in text
    assert "first_or() is the application&#39;s own Query method" in text


def test_each_site_links_to_the_rows_that_run_its_steps_or_its_form() -> None:
    sites = {s.shape: s for s in scan([str(BLOG)]).sites}
    assert page.row_ids(sites["query.filter_by.first"], TITLES) == [
        "operations.simple_filter", "guide.filter_by_first", "guide.filter_by_one",
        "operations.first_result"]
    assert page.row_ids(sites["query.join.filter"], TITLES)[0] == "guide.join_filter"
    assert page.row_ids(sites["dynamic.count"], TITLES)[0] == "dynamic.relationship"
    assert page.row_ids(sites["removed.select_list"], TITLES) == ["removed.select_list"]
    assert page.row_ids(sites["query.options.all"], TITLES) == [  # refused: its removed form's rows
        "removed.joinedload_string", "removed.load_only_string"]
    assert page.row_ids(sites["model.uselist"], TITLES) == ["relationships.one_to_one"]
    rows, steps = page.links(sites["query.get"], "ref.html", TITLES)
    assert [(r.href, r.title) for r in rows] == [
        ("ref.html#operations.get_by_id", CATALOG["operations.get_by_id"].title)]
    assert [s.href for s in steps] == ["ref.html#step.get"]


def test_every_row_and_step_the_page_names_exists() -> None:
    """The tables are typed by hand: a row id that is not the catalog's would vanish
    from the page silently (``row_ids`` keeps the catalog's only), so none may."""
    named = {i for ids in (*page.STEP_ROWS.values(), *page.SHAPE_ROWS.values()) for i in ids}
    assert named <= set(CATALOG)
    assert set(page.STEP_ROWS) <= set(STEPS)
    assert {s.removeprefix("removed.") for s in page.SHAPE_ROWS if s.startswith("removed.")} \
        <= set(REMOVED)


def test_out_replaces_its_own_page_and_takes_another_reference(tmp_path: Path) -> None:
    out = tmp_path / "sites"
    assert main(["scan", "--json", str(BLOG), "--out", str(out)]) == 0
    assert main(["scan", "--diff", str(SHOP), "--out", str(out),
                 "--reference", "https://example.org/ref/"]) == 0
    text = (out / "index.html").read_text(encoding="utf-8")
    assert str(SHOP) in text and str(BLOG) not in text
    assert 'href="https://example.org/ref/#operations.get_by_id"' in text


@pytest.mark.parametrize("how", ["a file", "other files", "no parent"])
def test_an_out_that_cannot_be_written_is_one_line_and_exit_2(
        how: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    if how == "a file":
        out.write_text("mine\n", encoding="utf-8")
    elif how == "other files":
        out.mkdir()
        (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    else:
        out = tmp_path / "missing" / "out"
    assert main(["scan", str(BLOG), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"error: --out {out}: ")
    if how == "other files":
        assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


@pytest.mark.slow  # run by `pytest -m slow` (CI), not by default
def test_the_page_in_chromium(offline_page: tuple[Any, list[str], Path],
                               tmp_path: Path) -> None:
    """Every site present, closed, grouped; a site opens by its anchor, in view; search
    filters sites and counts them; nothing runs off the side at 400 px; every in-page
    link lands and nothing is fetched from outside."""
    out = tmp_path / "sites"
    assert main(["scan", str(SHOP), str(BLOG), "--out", str(out)]) == 0
    result = scan([str(SHOP), str(BLOG)])
    browser, fetched, shots = offline_page
    browser.set_viewport_size({"width": 1280, "height": 720})
    browser.goto((out / "index.html").as_uri())
    ids: list[str] = browser.eval_on_selector_all(
        "details.row", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert sorted(ids) == sorted(f"{s.path}:{s.line}:{s.column}" for s in result.sites)
    assert browser.eval_on_selector_all("details.row[open]", "els => els.length") == 0
    assert browser.text_content("#shown") == f"{len(ids)} sites"
    browser.screenshot(path=str(shots / "scan-open-1280.png"))
    links: list[str] = browser.eval_on_selector_all(
        "a[href^='#']", "els => els.map(e => e.getAttribute('href').slice(1))")
    assert browser.evaluate("ids => ids.filter(i => !document.getElementById(i))", links) == []
    target = next(s for s in result.sites if s.shape == "returned.order_by.first")
    anchor = f"{target.path}:{target.line}:{target.column}"
    browser.goto((out / "index.html").as_uri() + "#" + anchor)
    assert browser.evaluate("id => document.getElementById(id).open", anchor) is True
    top = browser.evaluate("id => document.getElementById(id).getBoundingClientRect().top",
                           anchor)
    assert 0 <= top < 720
    browser.screenshot(path=str(shots / "scan-anchor-1280.png"))
    # Code-like text matches code (legacy text, replacement), and prose only as a whole:
    # the dynamic sites' caller change says "paginate()", never ".paginate(".
    browser.fill("#q", ".paginate(")
    hits: list[str] = browser.eval_on_selector_all(
        "details.row", "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert sorted(hits) == sorted(f"{s.path}:{s.line}:{s.column}" for s in result.sites
                                  if ".paginate(" in s.legacy + (s.replacement or ""))
    assert browser.text_content("#shown").startswith(f"{len(hits)} of {len(ids)} sites: ")
    browser.set_viewport_size({"width": 400, "height": 720})
    assert browser.evaluate("document.documentElement.scrollWidth") <= 400
    browser.screenshot(path=str(shots / "scan-search-400.png"), full_page=True)
    browser.fill("#q", "")
    assert browser.evaluate("document.documentElement.scrollWidth") <= 400
    assert fetched == []


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
