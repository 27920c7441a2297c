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
}


@pytest.mark.parametrize("legacy", EXPECTED)
def test_the_commonest_forms_translate_as_the_table_says(legacy: str) -> None:
    found = translate(legacy)
    assert found.translation == EXPECTED[legacy]
    assert found.verdict == steps.worst(steps.BY_ID[r].verdict for r in found.rows)
    compile(found.translation, "<translation>", "eval")  # one Python expression


def test_imports_are_what_the_translation_uses() -> None:
    assert translate("Author.query.count()").imports == (
        "from sqlalchemy import select", "from sqlalchemy import func")
    assert translate("Author.query.get(1)").imports == ()


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
])
def test_untranslatable_input_gives_its_reason(legacy: str, key: str) -> None:
    found = translate(legacy)
    assert (found.translation, found.untranslatable) == (None, key)
    assert "\n" not in found.why and found.why


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
