"""Dynamic bases proven: generated calls on a ``lazy="dynamic"`` relationship against
their ``WriteOnlyMapped`` translations.

Hypothesis draws an instance of the guide's ``Author`` (1: four articles, two titled
``Hello``; 2 and 4: one each; 3: none; or a new author added to the session and not
flushed), written as ``author`` (a name this test binds before the call) or inline as
``db.session.get(Author, n)``; then a chain on its ``articles`` (up to four builders
over ``Article`` and a joined ``Author``, then a terminal or none, as
``test_chains.py`` draws on ``Model.query``), or a write (``append``, ``extend``,
``remove``) whose program commits and reads the collection back with such a chain.
``translate(..., dynamic=("Author.articles",))`` turns the legacy text into the 2.x
text, and ``test_chains.check_chain`` runs both through the engine and asserts what the
steps declare.

How the translation is evaluated, honestly: its text says ``author.articles.select()``,
which holds for the model its caller change asks for, ``articles`` declared
``WriteOnlyMapped[Article]``. The 2.x guide models keep ``articles`` as
``DynamicMapped`` (other rows compare that form) and declare the ``WriteOnlyMapped``
collection beside it, on the same foreign key, as ``articles_write_only``. So the test
makes that model change in the translation's code and only there: every ``.articles``
attribute of the translation is renamed ``.articles_write_only`` (``ast``), nothing
else. The legacy text runs on the legacy models as written. The model change itself is
the ``types`` aspect (``dynamic``'s ``always``): no run observes a static type
(``test_chains.UNOBSERVED``); ``test_the_unchanged_call_site_fails_on_write_only`` shows
what it means at run time, and the other tests here check the caller change's
alternatives (``DynamicMapped`` with ``query_class=db.Query`` unchanged: identical; on
Lite, ``DynamicMapped`` unchanged: all but ``paginate()``) and its limit (a transient
instance).

Examples: 30 programs per backend by default, 600 with ``HYPOTHESIS_PROFILE=ci``.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from comparisons.engine.judge import judge
from comparisons.engine.lab import Lab
from comparisons.observers.operations import observe_operation
from comparisons.tests.test_chains import LEGACY_RAISES, NAMESPACES, UNOBSERVED, check_chain
from comparisons.translate import steps
from comparisons.translate.core import Translation, translate
from comparisons.values.rows import Case, Side

DYNAMIC = ("Author.articles",)
TITLES = ["Hello", "Zeta", "none"]
#: Authors by id: 1 has four articles (two titled Hello), 2 and 4 one, 3 none.
AUTHORS = [1, 2, 3, 4]
#: A new author, in the session and not flushed: the legacy query flushes it first.
PENDING = "author = Author(name='new'); db.session.add(author)"
WRITE_ONLY = "articles_write_only"
#: Joins a program's lines into the one text check_chain is handed, and splits it back.
SEPARATOR = "\n"
#: What the legacy code does where a reason says so (test_chains.LEGACY_RAISES's own).
RAISES = {**LEGACY_RAISES, "dynamic get": {"InvalidRequestError"},
          "dynamic write": {"AttributeError"}, "dynamic class": {"AttributeError"}}


@st.composite
def instances(draw: st.DrawFn) -> tuple[str, str]:
    """The setup that binds ``author`` (or none), and the expression the chain starts on."""
    kind = draw(st.sampled_from(["bound", "inline", "pending"]))
    number = draw(st.sampled_from(AUTHORS))
    if kind == "inline":
        return "", f"db.session.get(Author, {number})"
    if kind == "pending":
        return PENDING, "author"
    return f"author = db.session.get(Author, {number})", "author"


@st.composite
def reads(draw: st.DrawFn, base: str) -> str:
    """A chain on ``base.articles``: up to four builders, a terminal or none."""
    code = f"{base}.articles"
    joined = grouped = False
    for _ in range(draw(st.integers(0, 4))):
        # Author joined twice without an alias, or HAVING without GROUP BY: SQL every
        # database refuses, in both styles alike (the first draws found no more).
        name = draw(st.sampled_from([b for b in steps.BUILDERS if not (
            (joined and b in ("join", "outerjoin")) or (not grouped and b == "having"))]))
        if name == "filter":
            options = [f"Article.title == {draw(st.sampled_from(TITLES))!r}",
                       f"Article.id > {draw(st.integers(0, 6))}",
                       f"Article.title.in_([{draw(st.sampled_from(TITLES))!r}, 'Second'])"]
            if joined:
                options.append("Author.name == 'alex'")
            code += f".filter({draw(st.sampled_from(options))})"
        elif name == "filter_by":
            keys = ([f"name={draw(st.sampled_from(['alex', 'new']))!r}",
                     f"id={draw(st.integers(0, 4))}"] if joined else
                    [f"title={draw(st.sampled_from(TITLES))!r}", f"id={draw(st.integers(0, 7))}"])
            chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
            code += f".filter_by({', '.join(chosen)})"
        elif name == "order_by":
            order = draw(st.sampled_from(["Article.id.desc()", "Article.title, Article.id"]))
            code += f".order_by({order})"
        elif name in ("join", "outerjoin"):
            joined = True
            code += f".{name}({draw(st.sampled_from(['Author', 'Article.author']))})"
        elif name in ("limit", "offset"):
            code += f".{name}({draw(st.integers(0, 4))})"
        elif name == "distinct":
            code += ".distinct()"
        elif name == "options":
            loader = draw(st.sampled_from(["joinedload", "selectinload"]))
            code += f".options({loader}(Article.author))"
        elif name == "with_entities":
            columns = draw(st.sampled_from(["Article.id, Article.title", "Article.title",
                                            "func.count(Article.id)"]))
            code += f".with_entities({columns})"
        elif name == "group_by":
            grouped = True
            code += ".group_by(Article.title)"
        elif name == "having":
            code += f".having(func.count(Article.id) > {draw(st.integers(0, 2))})"
    terminal = draw(st.sampled_from([*steps.TERMINALS, "slice", "index", "iterate"]))
    if terminal == "get":
        return f"{code}.get({draw(st.integers(1, 6))})"
    if terminal == "paginate":
        page, per_page = draw(st.integers(0, 3)), draw(st.integers(1, 3))
        return f"{code}.paginate(page={page}, per_page={per_page}, error_out={draw(st.booleans())})"
    if terminal == "slice":
        start, stop = draw(st.integers(0, 4)), draw(st.integers(0, 5))
        return f"{code}[{start}:{stop}]"
    if terminal == "index":
        return f"{code}[{draw(st.integers(0, 4))}]"
    return code if terminal == "iterate" else f"{code}.{terminal}()"


@st.composite
def writes(draw: st.DrawFn, base: str) -> str:
    """A write on ``base.articles``: ``append``, ``extend`` or ``remove``."""
    title = draw(st.sampled_from(TITLES))
    return draw(st.sampled_from([
        f"{base}.articles.append(Article(title={title!r}))",
        f"{base}.articles.extend([Article(title={title!r}), Article(title='Zeta')])",
        f"{base}.articles.remove(db.session.get(Article, {draw(st.integers(1, 6))}))"]))


@st.composite
def programs(draw: st.DrawFn) -> tuple[str, list[str]]:
    """The setup, then one read, or a write and a read (the program commits between)."""
    setup, base = draw(instances())
    read = draw(reads(base))
    if draw(st.integers(0, 3)) == 0:
        return setup, [draw(writes(base)), read]
    return setup, [read]


def renamed(code: str, attribute: str) -> str:
    """``code`` with each ``.articles`` attribute renamed ``attribute``."""
    tree = ast.parse(code, mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "articles":
            node.attr = attribute
    return ast.unparse(tree)


def to_write_only(code: str) -> str:
    """``code`` with the model change made: each ``.articles`` is ``.articles_write_only``."""
    return renamed(code, WRITE_ONLY)


def evaluator(setup: str, rename: Callable[[str], str] = to_write_only) -> Any:
    """check_chain's evaluator for a program: ``setup`` runs first (binding ``author``),
    each line is evaluated in turn, the session commits after a write, and the last
    line's value is the call's. The 2.x side's code is ``rename``d first."""

    def make(code: str, style: str, imports: tuple[str, ...]) -> Callable[[], Any]:
        names = dict(NAMESPACES[style])
        for line in imports:
            exec(line, names)  # translate()'s own import lines
        lines = code.split(SEPARATOR)
        if style != "legacy":
            lines = [rename(line) for line in lines]
        compiled = [compile(line, "<dynamic chain>", "eval") for line in lines]

        def run() -> Any:
            if setup:
                exec(setup, names)  # the test's own setup
            value: Any = None
            for number, line in enumerate(compiled):
                value = eval(line, names)  # the test's own generated code
                if number < len(compiled) - 1:
                    names["db"].session.commit()
            return value

        return run

    return make


def program_translation(lines: list[str], target: str) -> Translation:
    """The translation of each line, as one: the worst verdict, every step."""
    found = [translate(line, target, DYNAMIC) for line in lines]
    for one in found:
        if one.translation is None:
            return one
    rows = tuple(dict.fromkeys(r for one in found for r in one.rows))
    changes = tuple(dict.fromkeys(c for one in found for c in one.caller_changes))
    imports = tuple(dict.fromkeys(i for one in found for i in one.imports))
    return Translation(SEPARATOR.join(lines),
                       SEPARATOR.join(one.translation or "" for one in found), imports,
                       steps.worst(one.verdict or "identical" for one in found),
                       all(one.proven for one in found), rows, changes)


#: The instance is loaded (or flushed) inside the observed call on both sides, so "when
#: the SQL runs" (``timing``) shows "at the call" for both where the legacy query's own
#: SELECT waits for the result's use and a loader option's SELECT runs then on the 2.x
#: side too: the timing the iterate step declares is asserted on the collection's own
#: SELECT by ``test_an_iterated_collection_selects_when_used``, not by the generator.
#: A timing difference must still be declared to be allowed.
MASKED = UNOBSERVED | {"timing"}


def check_program(lab: Lab, setup: str, lines: list[str], target: str) -> Translation:
    translation = program_translation(lines, target)
    return check_chain(lab, SEPARATOR.join(lines), target, "guide", translation=translation,
                       evaluator=evaluator(setup), legacy_raises=RAISES, unobserved=MASKED)


TARGETS = st.sampled_from(["modern", "lite"])


@settings(max_examples=max(settings().max_examples * 3, 30))
@given(program=programs(), target=TARGETS)
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.filter_by(title='Hello').all()"]), target="modern")
@example(program=("author = db.session.get(Author, 3)", ["author.articles.count()"]),
         target="lite")
@example(program=("", ["db.session.get(Author, 1).articles.order_by(Article.title.desc())"
                       ".first()"]), target="modern")
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.paginate(page=2, per_page=3, error_out=True)"]),
         target="modern")
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.paginate(page=1, per_page=3, error_out=True)"]),
         target="lite")
@example(program=(PENDING, ["author.articles.append(Article(title='Hello'))",
                            "author.articles.order_by(Article.id).all()"]), target="modern")
@example(program=("author = db.session.get(Author, 2)",
                  ["author.articles.remove(db.session.get(Article, 5))",
                   "author.articles.count()"]), target="lite")
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.extend([Article(title='Zeta'), Article(title='Zeta')])",
                   "author.articles"]), target="modern")
@example(program=("author = db.session.get(Author, 1)", ["author.articles.get(2)"]),
         target="modern")
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.filter_by(title='Hello').append(Article(title='x'))"]),
         target="modern")
@example(program=("", ["Author.articles.all()"]), target="modern")
@example(program=("", ["db.session.get(Author, 1).articles[0:0]"]), target="modern")
@example(program=("author = db.session.get(Author, 1)",
                  ["author.articles.join(Author).filter_by(name='alex').distinct().all()"]),
         target="modern")
def test_dynamic_chains_do_what_their_steps_declare(lab: Lab, program: tuple[str, list[str]],
                                                    target: str) -> None:
    setup, lines = program
    check_program(lab, setup, lines, target)


def test_the_generator_draws_every_dynamic_step() -> None:
    """Every step of ``steps.DYNAMIC_STEPS`` appears in some translation the generator's
    programs give (a fixed sample)."""
    seen: set[str] = set()

    @settings(max_examples=300, database=None, derandomize=True)
    @given(program=programs())
    def collect(program: tuple[str, list[str]]) -> None:
        seen.update(program_translation(program[1], "modern").rows)

    collect()
    assert {s.id for s in steps.DYNAMIC_STEPS} - seen == set()
    assert all(s.proven for s in steps.DYNAMIC_STEPS)


# -- the caller change's alternatives and its limit ------------------------------------

_names = (f"dynamic {n}" for n in itertools.count())


def unchanged(lab: Lab, setup: str, code: str, target: str, attribute: str) -> Any:
    """The judged outcome of the legacy text against itself, the 2.x side's collection
    being ``attribute`` (the legacy call site unchanged, on another model)."""
    make = evaluator(setup, lambda line: renamed(line, attribute))
    case = Case(next(_names), "guide")
    legacy = observe_operation(lab, Side("legacy", make(code, "legacy", ())), case)
    modern = observe_operation(lab, Side(target, make(code, target, ())), case)
    return judge({case.name: legacy}, {case.name: modern})


@settings(max_examples=max(settings().max_examples, 10))
@given(program=programs())
def test_dynamic_mapped_with_db_query_keeps_the_call_site_identical(
        lab: Lab, program: tuple[str, list[str]]) -> None:
    """The caller change's alternative on Flask-SQLAlchemy 3.1: ``DynamicMapped`` with
    ``relationship(query_class=db.Query)`` (modern's ``articles_fsa_query``), the legacy
    text unchanged: nothing observable differs."""
    setup, lines = program
    outcome = unchanged(lab, setup, SEPARATOR.join(lines), "modern", "articles_fsa_query")
    assert outcome.verdict in ("identical", "both-fail"), [
        d.sentence() for d in outcome.differences]
    event(f"verdict {outcome.verdict}")


#: Flask-SQLAlchemy's own Query methods: not on SQLAlchemy's Query, so not on Lite's
#: DynamicMapped collection (flask_sqlalchemy.query.Query).
FSA_ONLY = ("paginate", "first_or_404", "one_or_404", "get_or_404")


@settings(max_examples=max(settings().max_examples, 10))
@given(program=programs())
def test_dynamic_mapped_on_lite_keeps_every_call_site_but_paginate(
        lab: Lab, program: tuple[str, list[str]]) -> None:
    """On Lite, ``DynamicMapped[...] = relationship()`` (Lite's ``articles``) unchanged:
    SQLAlchemy's own Query has none of Flask-SQLAlchemy's methods, ``paginate()`` and
    the ``*_or_404`` helpers (AttributeError where the legacy call returned or
    aborted); every other call site is identical."""
    setup, lines = program
    outcome = unchanged(lab, setup, SEPARATOR.join(lines), "lite", "articles")
    shown = [d.sentence() for d in outcome.differences]
    (modern,) = outcome.candidate.values()
    helper = next((m for m in FSA_ONLY if f".{m}(" in lines[-1]), None)
    if helper is not None and modern.error == "AttributeError":
        assert helper in (modern.reason or ""), shown
        event(f"{helper}: AttributeError")
    else:  # a write before the helper may fail first, on both sides alike
        assert outcome.verdict in ("identical", "both-fail"), shown
        event(f"verdict {outcome.verdict}")


@pytest.mark.parametrize(("call", "error"), [
    ("author.articles.filter_by(title='Hello').all()", "AttributeError"),
    ("author.articles.count()", "AttributeError"),
    ("author.articles.paginate(page=1, per_page=3)", "AttributeError"),
    ("list(author.articles)", "TypeError")])
def test_the_unchanged_call_site_fails_on_write_only(lab: Lab, call: str, error: str) -> None:
    """Why the model change is the caller's: a call site left as it was fails on the
    ``WriteOnlyMapped`` collection, which has no Query methods and is not iterable
    ('WriteOnly collections don't support iteration in-place', WriteOnlyCollection
    .__iter__). Every call site of the relationship must be translated with it."""
    make = evaluator("author = db.session.get(Author, 1)")
    case = Case(next(_names), "guide")
    observed = observe_operation(lab, Side("modern", make(call, "modern", ())), case)
    assert observed.error == error


@pytest.mark.parametrize("read", ["author.articles.all()", "author.articles.count()"])
def test_a_transient_instance_is_where_the_translation_does_not_hold(lab: Lab,
                                                                     read: str) -> None:
    """The declared limit (``steps.DYNAMIC_WHY``): on an instance in no session the
    AppenderQuery answers from the objects appended in memory, without SQL; the select
    the translation runs compares the foreign key with the instance's primary key, which
    it does not have yet, and SQLAlchemy refuses it (StatementError) before any
    statement is sent."""
    translation = translate(read, "modern", DYNAMIC)
    assert translation.translation is not None
    case = Case(next(_names), "guide")
    legacy_setup = "author = Author(name='new'); author.articles.append(Article(title='Hello'))"
    legacy = observe_operation(lab, Side("legacy", evaluator(legacy_setup)(
        read, "legacy", ())), case)
    modern_setup = (f"author = Author(name='new'); "
                    f"author.{WRITE_ONLY}.add(Article(title='Hello'))")
    modern = observe_operation(lab, Side("modern", evaluator(modern_setup)(
        translation.translation, "modern", translation.imports)), case)
    assert (legacy.error, len(legacy.statements)) == (None, 0)
    assert legacy.value == (1 if read.endswith("count()") else [
        {"id": None, "author_id": None, "title": "Hello"}])
    assert (modern.error, len(modern.statements)) == ("StatementError", 0)


@pytest.mark.parametrize("target", ["modern", "lite"])
def test_an_iterated_collection_selects_when_used(lab: Lab, target: str) -> None:
    """The iterate step's timing, on the collection's own SELECT: the legacy
    ``for a in author.articles`` sends it when iterated, ``db.session.scalars(...)`` at
    the call (the instance's own SELECT is at the call on both sides)."""
    legacy_code = "author.articles.options(selectinload(Article.author))"
    translation = translate(legacy_code, target, DYNAMIC)
    assert translation.translation is not None and "iterate" in translation.rows
    make = evaluator("author = db.session.get(Author, 1)")
    case = Case(next(_names), "guide")
    phases = {}
    for style, code in (("legacy", legacy_code), (target, translation.translation)):
        observed = observe_operation(lab, Side(style, make(code, style, ())), case)
        phases[style] = [s.phase for s in observed.statements
                         if s.sql.startswith("SELECT article.")]
    assert (phases["legacy"], phases[target]) == (["use"], ["call"])
