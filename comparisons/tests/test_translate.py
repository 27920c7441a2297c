"""``translate()`` and ``python -m comparisons translate``: what they print for each
kind of input, good and bad. What the translations do is proven in ``test_chains.py``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from comparisons.__main__ import main
from comparisons.translate import steps
from comparisons.translate.core import MAX_LENGTH, NotPython, translate

EXPECTED = {
    "Author.query.filter_by(name=n).all()":
        "db.session.scalars(select(Author).where(Author.name == n)).all()",
    "Author.query.filter(Author.id > 2).first()":
        "db.session.scalars(select(Author).where(Author.id > 2).limit(1)).first()",
    "Author.query.join(Address).filter_by(email=e).count()":
        "db.session.scalar(select(func.count()).select_from(select(Author).join(Address)"
        ".where(Address.email == e).subquery()))",
    "Author.query.join(Address).filter(Address.email == e).all()":
        "db.session.scalars(select(Author).join(Address).where(Address.email == e))"
        ".unique().all()",
    "Author.query.filter(Author.name != 'x').order_by(Author.name).paginate(page=p, "
    "per_page=3)":
        "db.paginate(select(Author).where(Author.name != 'x').order_by(Author.name), "
        "page=p, per_page=3)",
    "db.session.query(Author.id, Author.name).filter_by(name=n).one()":
        "db.session.execute(select(Author.id, Author.name).where(Author.name == n)).one()",
    "Author.query.filter_by(name=a or b).scalar()":
        "db.session.execute(select(Author).where(Author.name == (a or b)))"
        ".scalar_one_or_none()",
    "Author.query.get(7)": "db.session.get(Author, 7)",
    "Author.query.order_by(Author.id)[2:5]":
        "db.session.scalars(select(Author).order_by(Author.id).slice(2, 5)).all()",
    "Author.query[3:1]": "[]",
    "session.query(Author).options(joinedload(Author.addresses)).one_or_none()":
        "session.scalars(select(Author).options(joinedload(Author.addresses))).unique()"
        ".one_or_none()",
    # Builders issue 17 counted in real applications.
    "Author.query.add_columns(Author.fullname).filter_by(name=n).all()":
        "db.session.execute(select(Author).add_columns(Author.fullname)"
        ".where(Author.name == n)).all()",
    "Author.query.join(Address).add_entity(Address).all()":
        "db.session.execute(select(Author).join(Address).add_columns(Address)).unique().all()",
    "Address.query.with_parent(author, Author.addresses).order_by(Address.id).all()":
        "db.session.scalars(select(Address).where(with_parent(author, Author.addresses))"
        ".order_by(Address.id)).all()",
    "Author.query.select_from(Author).filter_by(name=n).first()":
        "db.session.scalars(select(Author).select_from(Author).where(Author.name == n)"
        ".limit(1)).unique().first()",
    "Author.query.join(Address).reset_joinpoint().filter_by(name=n).all()":
        "db.session.scalars(select(Author).join(Address).where(Author.name == n)).unique()"
        ".all()",
    "Author.query.options(load_only(Author.name), raiseload(Author.addresses)).all()":
        "db.session.scalars(select(Author).options(load_only(Author.name), "
        "raiseload(Author.addresses))).unique().all()",
    # Queries used as expressions.
    "db.session.query(Author.query.filter_by(name=n).exists()).scalar()":
        "db.session.execute(select(select(Author).where(Author.name == n)"
        ".with_only_columns(1, maintain_column_froms=True).exists())).scalar_one_or_none()",
    "Author.query.filter(~Address.query.filter(Address.author_id == Author.id)"
    ".correlate(Author).exists()).count()":
        "db.session.scalar(select(func.count()).select_from(select(Author).where(~select("
        "Address).where(Address.author_id == Author.id).correlate(Author).with_only_columns("
        "1, maintain_column_froms=True).exists()).subquery()))",
    "Author.query.filter(Author.id.in_(db.session.query(Address.author_id).subquery()))"
    ".all()":
        "db.session.scalars(select(Author).where(Author.id.in_(select(Address.author_id)"
        ".subquery()))).all()",
    # Flask-SQLAlchemy's helpers and the bulk terminals.
    "Author.query.filter_by(name=n).first_or_404()":
        "db.first_or_404(select(Author).where(Author.name == n).limit(1))",
    "db.session.query(Author.id).filter_by(name=n).first_or_404(description='gone')":
        "db.session.execute(select(Author.id).where(Author.name == n).limit(1)).first() "
        "or abort(404, description='gone')",
    "Author.query.filter_by(name=n).one_or_404()":
        "db.one_or_404(select(Author).where(Author.name == n))",
    "Author.query.options(selectinload(Author.addresses)).filter_by(id=i).one_or_404()":
        "db.one_or_404(select(Author).options(selectinload(Author.addresses))"
        ".where(Author.id == i))",
    "Author.query.get_or_404(7)": "db.get_or_404(Author, 7)",
    "Author.query.options(selectinload(Author.addresses)).get_or_404(i, 'no such author')":
        "db.get_or_404(Author, i, options=[selectinload(Author.addresses)], "
        "description='no such author')",
    "Author.query.filter(Author.id > 2).update({'fullname': f}, synchronize_session='fetch')":
        "db.session.execute(update(Author).where(Author.id > 2).values({'fullname': f})"
        ".execution_options(synchronize_session='fetch')).rowcount",
    "db.session.query(Author).filter_by(name=n).delete()":
        "db.session.execute(delete(Author).where(Author.name == n)).rowcount",
    "Author.query.filter_by(name=n).union_all(Author.query.filter(Author.id < 3)).all()":
        "db.session.scalars(select(aliased(Author, union_all(select(Author).where(Author.name "
        "== n), select(Author).where(Author.id < 3)).subquery()))).unique().all()",
    "db.session.query(Author.name).union(db.session.query(Address.email)).all()":
        "db.session.execute(select(*union(select(Author.name), select(Address.email))"
        ".subquery().c)).all()",
}

LITE = {
    "Author.query.filter_by(name=n).first_or_404()":
        "db.session.scalars(select(Author).where(Author.name == n).limit(1)).first() "
        "or abort(404)",
    "Author.query.filter_by(name=n).one_or_404()":
        "db.one_or_abort(select(Author).where(Author.name == n))",
    "db.session.query(Author.id, Author.name).filter_by(name=n).one_or_404()":
        "db.one_or_abort(select(Author.id, Author.name).where(Author.name == n), "
        "scalar=False)",
    "Author.query.get_or_404(7, description=d)":
        "db.get_or_abort(Author, 7, abort_kwargs={'description': d})",
}


@pytest.mark.parametrize("legacy", EXPECTED)
def test_the_commonest_forms_translate_as_the_table_says(legacy: str) -> None:
    found = translate(legacy)
    assert found.translation == EXPECTED[legacy]
    assert found.verdict == steps.worst(steps.BY_ID[r].verdict for r in found.rows)
    compile(found.translation, "<translation>", "eval")  # one Python expression


@pytest.mark.parametrize("legacy", LITE)
def test_lite_has_its_own_helpers(legacy: str) -> None:
    found = translate(legacy, "lite")
    assert found.translation == LITE[legacy]
    compile(found.translation, "<translation>", "eval")


def test_imports_are_what_the_translation_uses() -> None:
    assert translate("Author.query.count()").imports == (
        "from sqlalchemy import select", "from sqlalchemy import func")
    assert translate("Author.query.get(1)").imports == ()
    assert translate("Address.query.with_parent(a, Author.addresses).all()").imports == (
        "from sqlalchemy import select", "from sqlalchemy.orm import with_parent")
    assert translate("Author.query.filter_by(name=n).delete()").imports == (
        "from sqlalchemy import delete",)
    assert translate("db.session.query(Author.id).first_or_404()").imports == (
        "from sqlalchemy import select", "from flask import abort")


def test_lite_keeps_the_select_and_has_no_paginate() -> None:
    assert translate("Author.query.all()", "lite").translation == \
        translate("Author.query.all()").translation
    lite = translate("Author.query.paginate(page=1, per_page=2)", "lite")
    assert lite.translation is None and lite.untranslatable == "paginate lite"


@pytest.mark.parametrize(("legacy", "key"), [
    ("len(x)", "not a query"),
    ("Author.query.frobnicate()", "unknown method"),
    ("Author.query.all().filter(x)", "not a query"),
    ("Author.query.first().name", "not a query"),
    ("Author.query.join(Author.addresses).filter_by(email=e).all()", "filter_by entity"),
    ("Author.query.filter_by(name=n).get(1)", "get with criteria"),
    ("Author.query.limit(3).filter(Author.id > 1).all()", "after limit"),
    ("Author.query[-1]", "negative index"),
    ("Author.query[a:b]", "slice"),
    ("db.session.query(Author.id).paginate(page=1)", "paginate columns"),
    ("Author.query.filter_by(**kw).all()", "arguments"),
    ("x" * (MAX_LENGTH + 1), "too long"),
    ("Author.query.filter(" + "a + " * 3000 + "a).all()", "too long"),
    ("Author.query.filter(Author.id > 1).select_from(Address).all()", "select_from after"),
    ("Address.query.with_parent(author).all()", "with_parent property"),
    ("Author.query.join(Address).with_parent(a, Address.author).all()",
     "with_parent after join"),
    ("db.session.query(Author.id).one_or_404()", "404 rows"),
    ("Author.query.join(Author.addresses).one_or_404()", "one_or_404 unique"),
    ("Author.query.options(joinedload(Author.addresses)).one_or_404()", "one_or_404 unique"),
    ("Author.query.join(Address).filter(Address.email == e).delete()", "bulk"),
    ("db.session.query(Author.id).filter_by(id=1).update({'name': n})", "bulk"),
    ("session.query(Author).get_or_404(1)", "session"),
    ("Author.query.union(Author.query).order_by(Author.name).all()", "after union"),
])
def test_untranslatable_input_gives_its_reason(legacy: str, key: str) -> None:
    found = translate(legacy)
    assert (found.translation, found.untranslatable) == (None, key)
    assert "\n" not in found.why and found.why


#: Forms SQLAlchemy 2.0 removed: the reason names the exception and the 2.x form.
REMOVED = {
    'Author.query.options(joinedload("addresses")).all()':
        ("removed string option", "ArgumentError", "joinedload(Author.addresses)"),
    "Author.query.filter_by(name=n).options(load_only('name')).all()":
        ("removed string option", "ArgumentError", "load_only(Author.name)"),
    "Author.query.join('addresses').all()":
        ("removed string join", "ArgumentError", ".join(Author.addresses)"),
    "Author.query.join(Author.addresses).from_self().all()":
        ("removed from_self", "AttributeError", "select(aliased(Model, subq))"),
    "db.session.execute('select id from author')":
        ("removed session execute", "ArgumentError",
         "db.session.execute(text('select id from author'))"),
    "db.engine.execute(sql)":
        ("removed engine execute", "AttributeError",
         "with db.engine.begin() as connection: connection.execute(text(...))"),
}


@pytest.mark.parametrize("legacy", REMOVED)
def test_removed_forms_name_the_exception_and_the_replacement(legacy: str) -> None:
    key, exception, replacement = REMOVED[legacy]
    found = translate(legacy)
    assert (found.translation, found.untranslatable) == (None, key)
    assert exception in found.why and replacement in found.why, found.why


def test_a_session_executing_a_select_is_no_removed_form() -> None:
    found = translate("db.session.execute(select(Author))")
    assert found.untranslatable == "not a query"


@pytest.mark.parametrize("text", ["Author.query.(", "x = 1", "a b", "Author.query\x00"])
def test_text_that_is_not_python_is_refused(text: str) -> None:
    with pytest.raises(NotPython):
        translate(text)


def test_user_code_is_never_executed(tmp_path: Path) -> None:
    planted = tmp_path / "planted"
    translate(f"Author.query.filter(open({str(planted)!r}, 'w')).all()")
    translate(f"__import__('pathlib').Path({str(planted)!r}).touch()")
    assert not planted.exists()


def test_the_command_prints_json_one_object_per_expression(
        capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["translate", "--json", "Author.query.all()", "len(x)"])
    found = json.loads(capsys.readouterr().out)
    assert status == 1  # one has no translation
    assert [set(f) for f in found] == [{"legacy", "translation", "imports", "verdict",
                                        "proven", "rows", "caller_changes", "why"}] * 2
    assert found[0]["translation"] == "db.session.scalars(select(Author)).all()"
    assert found[0]["proven"] is True and found[1]["translation"] is None


def test_the_command_reads_stdin(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("Author.query.count()\n\nAuthor.query\n"))
    assert main(["translate", "--target", "lite", "-"]) == 0
    out = capsys.readouterr().out
    assert "Flask-SQLAlchemy-Lite: db.session.scalar(" in out
    assert "caller must:" in out  # the iterated query's caller change


@pytest.mark.parametrize("argv", [["translate", "Author.query.("], ["translate"],
                                  ["translate", "--target", "sqlite", "Author.query"]])
def test_bad_input_is_one_line_and_exit_2(argv: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own refusals
        status = int(exit_.code or 0)
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err


def test_a_hundred_expressions_translate_in_well_under_a_second() -> None:
    sources = [f"Author.query.filter_by(name=n{i}).join(Address).order_by(Author.id)"
               f".limit({i}).all()" for i in range(100)]
    started = time.perf_counter()
    assert all(translate(s).translation for s in sources)
    assert time.perf_counter() - started < 1.0


# -- a lazy="dynamic" relationship's call sites -----------------------------------------

DYNAMIC_EXPECTED = {
    "author.articles.filter_by(title=t).all()":
        "db.session.scalars(author.articles.select().filter_by(title=t)).all()",
    "author.articles.count()":
        "db.session.scalar(select(func.count()).select_from(author.articles.select()"
        ".subquery()))",
    "author.articles.order_by(Article.title.desc()).first()":
        "db.session.scalars(author.articles.select().order_by(Article.title.desc()).limit(1))"
        ".first()",
    "db.session.get(Author, 1).articles.paginate(page=p, per_page=3)":
        "db.paginate(db.session.get(Author, 1).articles.select(), page=p, per_page=3)",
    "author.articles.append(a)": "author.articles.add(a)",
    "author.articles.extend(more)": "author.articles.add_all(more)",
    "author.articles.remove(a)": "author.articles.remove(a)",
    "author.articles": "db.session.scalars(author.articles.select())",
    "author.articles.join(Author).filter_by(name=n).all()":
        "db.session.scalars(author.articles.select().join(Author).where(Author.name == n))"
        ".unique().all()",
}


@pytest.mark.parametrize("legacy", DYNAMIC_EXPECTED)
def test_a_dynamic_base_translates_for_write_only(legacy: str) -> None:
    found = translate(legacy, dynamic=("Author.articles",))
    assert found.translation == DYNAMIC_EXPECTED[legacy]
    assert found.rows[0] == "dynamic" and found.verdict in ("caller-changes",
                                                            "behaviour-change")
    assert found.caller_changes[0].startswith("Declare Author.articles as WriteOnlyMapped[")
    assert "DynamicMapped[...] = relationship(query_class=db.Query)" in found.caller_changes[0]
    assert "from sqlalchemy import select" not in found.imports or "count" in legacy


def test_without_dynamic_a_relationship_is_no_query() -> None:
    assert translate("author.articles.count()").untranslatable == "not a query"
    assert translate("author.articles.count()", dynamic=("articles",)).translation


@pytest.mark.parametrize(("legacy", "key"), [
    ("author.articles.get(1)", "dynamic get"),
    ("Author.articles.all()", "dynamic class"),
    ("author.articles.filter_by(title=t).append(a)", "dynamic write"),
    ("author.articles[2:2]", "dynamic empty slice"),
    ("author.articles.paginate(page=1)", "paginate lite"),
])
def test_a_dynamic_base_refuses_what_has_no_translation(legacy: str, key: str) -> None:
    found = translate(legacy, "lite", dynamic=("Author.articles",))
    assert (found.translation, found.untranslatable) == (None, key)


def test_the_command_takes_dynamic_relationships(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--json", "--dynamic", "Author.articles,Tag.posts",
                 "author.articles.count()", "tag.posts.all()"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["rows"][0] for f in found] == ["dynamic", "dynamic"]
    assert found[1]["translation"] == "db.session.scalars(tag.posts.select()).all()"
    assert main(["translate", "--dynamic", "not a name", "x.y.all()"]) == 2
    assert capsys.readouterr().err.startswith("error: --dynamic: ")


@pytest.mark.parametrize(("order", "ties"), [
    ("Author.id.desc() if newest else Author.id", False),
    ("Author.name if by_name else Author.id", True),
])
def test_a_conditional_order_is_total_when_both_branches_are(order: str, ties: bool) -> None:
    """``order_by(Post.id.desc() if newest_first else Post.id)`` (the blog fixture's
    stored query) orders totally either way: no ``rule.ties``; one branch by name does."""
    found = translate(f"Author.query.order_by({order}).all()")
    assert ("rule.ties" in found.rows) is ties
