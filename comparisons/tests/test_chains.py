"""Composition proven: generated legacy Query chains against their translations.

Hypothesis draws a chain over the migration guide's models (``Author`` with many
``Address`` and a dynamic ``articles``; nullable ``fullname``, repeated names and
e-mails): a base, up to four builders with their arguments, then a terminal (or none:
the query is iterated). The legacy expression is this test's own generated code,
evaluated in a namespace holding the legacy models; ``translate()`` turns the same text
into the 2.x expression, evaluated on Flask-SQLAlchemy 3.1's or Lite's models. Both run
through the engine (``observe_operation``: seeded data, ``observe_call``, the tables
afterwards) and ``judge`` compares them in full. The claim checked is the table's: the
aspects that differ are within those the chain's steps declare (``Translation.allowed``),
and where both sides return, those declared to differ always do (``.always``); so the
verdict observed is the one ``steps.worst`` declares. A null translation must give one
of ``steps.UNTRANSLATABLE``'s reasons, and where that reason says the legacy code
raises, it must raise.

Examples: the ``dev`` profile's count (``chains`` multiplies it), ``HYPOTHESIS_PROFILE=ci``
more (see conftest.py).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import orm

import legacy.guide_models
import legacy.models
import lite.guide_models
import lite.models
import modern.guide_models
import modern.models
from comparisons.catalog import guide_data
from comparisons.engine.judge import judge
from comparisons.engine.lab import Lab
from comparisons.observers.operations import observe_operation
from comparisons.translate import steps
from comparisons.translate.core import Translation, translate
from comparisons.values.rows import Case, Side
from comparisons.values.verdicts import DIFFERS, VERDICTS

guide_data.register()

NAMES = ["alex", "bob", "carol", "nobody"]
EMAILS = ["alex@example.com", "shared@example.com", "nobody@example.com"]
TITLES = ["Hello", "Zeta", "none"]


def namespace(style: str) -> dict[str, Any]:
    """The names a legacy expression or its translation uses, for one style."""
    models = {"legacy": legacy.guide_models, "modern": modern.guide_models,
              "lite": lite.guide_models}[style]
    db = {"legacy": legacy.models.db, "modern": modern.models.db, "lite": lite.models.db}[style]
    loaders = {name: getattr(orm, name) for name in (
        "joinedload", "selectinload", "subqueryload", "lazyload", "noload", "raiseload",
        "load_only", "defer", "undefer")}
    return {"db": db, "Author": models.Author, "Address": models.Address,
            "Article": models.Article, "func": sa.func, **loaders}


NAMESPACES = {style: namespace(style) for style in ("legacy", "modern", "lite")}

#: What each base selects: one entity, or columns.
BASES = ["Author.query", "db.session.query(Author)", "db.session.query(Author.id, Author.name)",
         "db.session.query(Author.name)"]
JOINS = ["Address", "Author.addresses", "Article", "Author.articles"]
TABLE_OF = {"Address": "Address", "Author.addresses": "Address", "Article": "Article",
            "Author.articles": "Article", "'addresses'": "Address"}


@st.composite
def chains(draw: st.DrawFn) -> str:
    """A legacy expression: a base, up to four builders, a terminal or none; or one of
    the other shapes (``special``): a bulk UPDATE/DELETE, an EXISTS, a removed form."""
    special = draw(st.integers(0, 11))
    if special < 3:
        return draw([bulk_chains(), exists_chains(), st.sampled_from(REMOVED)][special])
    code = base = draw(st.sampled_from(BASES))
    joined: list[str] = []  # the tables joined, by join target
    last_join: str | None = None
    zero = ""  # what filter_by() names without a join: select_from()'s entity
    grouped = False
    builders = draw(st.integers(0, 4))
    for drawn in range(builders):
        name = draw(st.sampled_from(DRAWN_BUILDERS))
        tables = {TABLE_OF[j] for j in joined}
        if name == "filter":
            options = [f"Author.name == {draw(st.sampled_from(NAMES))!r}",
                       "Author.fullname.is_(None)", "Author.fullname.isnot(None)",
                       f"Author.id > {draw(st.integers(0, 8))}",
                       f"Author.name.in_([{draw(st.sampled_from(NAMES))!r}, 'bob'])",
                       # A query inside: subquery() as an IN's operand, a correlated
                       # exists() (with and without an explicit correlate()).
                       "Author.id.in_(db.session.query(Address.author_id).filter("
                       f"Address.email == {draw(st.sampled_from(EMAILS))!r}).subquery())",
                       "Address.query.filter(Address.author_id == Author.id)"
                       f"{draw(st.sampled_from(['', '.correlate(Author)']))}.exists()"]
            if "Address" in tables:
                options.append(f"Address.email == {draw(st.sampled_from(EMAILS))!r}")
            if "Article" in tables:
                options.append(f"Article.title == {draw(st.sampled_from(TITLES))!r}")
            code += f".filter({draw(st.sampled_from(options))})"
        elif name == "filter_by":
            entity = TABLE_OF.get(last_join or zero, "Author")
            keys = {"Author": [f"name={draw(st.sampled_from(NAMES))!r}", "fullname=None",
                               f"id={draw(st.integers(0, 9))}"],
                    "Address": [f"email={draw(st.sampled_from(EMAILS))!r}",
                                f"author_id={draw(st.integers(0, 8))}"],
                    "Article": [f"title={draw(st.sampled_from(TITLES))!r}",
                                f"id={draw(st.integers(0, 7))}"]}[entity]
            chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
            code += f".filter_by({', '.join(chosen)})"
        elif name == "order_by":
            # Total orders: SQL leaves the order of ties open, and two equivalent
            # statements may return them differently (order_by(Author.fullname) with
            # distinct() and outerjoin() did on one backend), which no translation decides.
            options = ["Author.id.desc()", "Author.fullname, Author.id",
                       "Author.name, Author.id", "Author.name.desc(), Author.id"]
            if "Address" in tables:
                options.append("Address.email, Address.id, Author.id")
            code += f".order_by({draw(st.sampled_from(options))})"
        elif name in ("join", "outerjoin"):
            target = draw(st.sampled_from([*JOINS, "'addresses'"]))  # by name: removed
            joined.append(target)
            last_join = target
            code += f".{name}({target})"
        elif name in ("limit", "offset"):
            code += f".{name}({draw(st.integers(0, 4))})"
        elif name == "distinct":
            code += ".distinct()"
        elif name == "options":
            code += f".options({draw(st.sampled_from(OPTIONS))})"
        elif name == "with_entities":
            columns = draw(st.sampled_from(["Author.id, Author.name", "Author.name",
                                            "Author", "func.count(Author.id)"]))
            code += f".with_entities({columns})"
        elif name == "group_by":
            grouped = True
            code += ".group_by(Author.name)"
        elif name == "having":
            code += f".having(func.count(Author.id) > {draw(st.integers(0, 2))})"
        elif name == "add_columns":
            code += f".add_columns({draw(st.sampled_from(['Author.fullname', 'Author.id']))})"
        elif name == "add_entity":
            code += f".add_entity({draw(st.sampled_from(sorted(tables) or ['Author']))})"
        elif name == "with_parent":
            # A transient instance: with_parent() reads its foreign key on every data set
            # (db.session.get() finds none on empty tables, and with_parent(None, ...)
            # raises AssertionError in both styles, before a later step's refusal).
            code += (f".with_parent(Address(author_id={draw(st.integers(1, 9))}), "
                     "Address.author)")
        elif name == "select_from":
            # Query.select_from() refuses any criterion before it: drawn first, or drawn
            # anywhere to prove the refusal.
            if drawn == 0 or draw(st.booleans()):
                code += ".select_from(Author)"
            else:
                code += ".select_from(Address)"
                zero = "Address"
                joined.append("Address")
        elif name == "reset_joinpoint":
            last_join = None
            code += ".reset_joinpoint()"
        elif name in ("union", "union_all") and drawn == builders - 1:
            # The last builder: the translation refuses any after it ("after union").
            code += f".{name}({base}.filter(Author.id > {draw(st.integers(0, 8))}))"
    del grouped
    terminal = draw(st.sampled_from([*QUERY_TERMINALS, "slice", "index", "iterate"]))
    if terminal in ("get", "get_or_404"):
        return f"{code}.{terminal}({draw(st.integers(0, 9))})"
    if terminal == "paginate":
        page, per_page = draw(st.integers(0, 4)), draw(st.integers(1, 4))
        error_out = draw(st.booleans())
        return f"{code}.paginate(page={page}, per_page={per_page}, error_out={error_out})"
    if terminal == "slice":
        bounds = st.one_of(st.none(), st.integers(-2, 6))
        start, stop = draw(bounds), draw(bounds)
        return f"{code}[{'' if start is None else start}:{'' if stop is None else stop}]"
    if terminal == "index":
        return f"{code}[{draw(st.integers(-2, 6))}]"
    return code if terminal == "iterate" else f"{code}.{terminal}()"


#: Builders the generator draws: every proven one (correlate inside exists()).
DRAWN_BUILDERS = [b for b in steps.BUILDERS if b != "correlate"]
#: Terminals of a query of any shape (update and delete: ``bulk_chains``).
QUERY_TERMINALS = [t for t in steps.TERMINALS if t not in ("update", "delete")]
OPTIONS = ["joinedload(Author.addresses)", "selectinload(Author.addresses)",
           "subqueryload(Author.addresses)", "lazyload(Author.addresses)",
           "noload(Author.addresses)", "raiseload(Author.addresses)",
           "load_only(Author.name)", "defer(Author.fullname)", "undefer(Author.fullname)",
           # SQLAlchemy 2.0 removed options by name: a null translation, the legacy raises.
           "joinedload('addresses')", "load_only('name')"]
#: Whole expressions SQLAlchemy 2.0 removed.
REMOVED = ["Author.query.join(Author.addresses).from_self().all()",
           "db.session.execute('select id, name from author order by id')",
           "db.engine.execute('select id, name from author')"]
BULK_FILTERS = ["Author.name == 'bob'", "Author.fullname.is_(None)", "Author.id > 6",
                "Author.name.in_(['alex', 'nobody'])"]


@st.composite
def bulk_chains(draw: st.DrawFn) -> str:
    """``update({...})`` or ``delete()`` of a query of one entity with its WHERE."""
    code = draw(st.sampled_from(["Author.query", "db.session.query(Author)"]))
    for _ in range(draw(st.integers(0, 2))):
        code += draw(st.sampled_from([f".filter({draw(st.sampled_from(BULK_FILTERS))})",
                                      f".filter_by(name={draw(st.sampled_from(NAMES))!r})"]))
    sync = draw(st.sampled_from(["", "synchronize_session='auto'",
                                 "synchronize_session='evaluate'",
                                 "synchronize_session='fetch'", "synchronize_session=False"]))
    if draw(st.booleans()):
        values = draw(st.sampled_from(["{'fullname': 'Changed'}", "{Author.name: 'zed'}"]))
        return f"{code}.update({values}{', ' if sync else ''}{sync})"
    return f"{code}.delete({sync})"


@st.composite
def exists_chains(draw: st.DrawFn) -> str:
    """``db.session.query(<query>.exists()).scalar()``: the commonest use of exists()."""
    code = draw(st.sampled_from(BASES))
    if draw(st.booleans()):
        code += f".join({draw(st.sampled_from(JOINS))})"
    if draw(st.booleans()):
        code += draw(st.sampled_from([
            f".filter(Author.name == {draw(st.sampled_from(NAMES))!r})",
            ".filter(Author.id.in_(db.session.query(Address.author_id).filter("
            f"Address.email == {draw(st.sampled_from(EMAILS))!r}).subquery()))",
            ".filter(~Address.query.filter(Address.author_id == Author.id)"
            ".correlate(Author).exists())"]))
    if draw(st.booleans()):
        code += ".options(joinedload(Author.addresses))"
    return f"db.session.query({code}.exists()).scalar()"


_names = (f"chain {n}" for n in itertools.count())

#: Reasons whose text says what the legacy code does: it must do it.
LEGACY_RAISES = {"get with criteria": {"InvalidRequestError"}, "negative index": {"IndexError"},
                 "after limit": {"InvalidRequestError"},
                 "select_from after": {"InvalidRequestError"},
                 "removed string option": {"ArgumentError"},
                 "removed string join": {"ArgumentError"},
                 "removed from_self": {"AttributeError"},
                 "removed session execute": {"ArgumentError"},
                 "removed engine execute": {"AttributeError"},
                 "paginate after limit": {"InvalidRequestError", "NotFound"}}


def check_chain(lab: Lab, legacy_code: str, target: str, dataset: str) -> Translation:
    """Run ``legacy_code`` and its translation for ``target``; assert the declaration."""
    translation = translate(legacy_code, target)
    case = Case(next(_names), dataset)
    legacy = observe_operation(lab, Side("legacy", _evaluator(legacy_code, "legacy", ())),
                               case)
    if translation.translation is None:
        assert translation.untranslatable in steps.UNTRANSLATABLE, translation.why
        expected = LEGACY_RAISES.get(translation.untranslatable or "")
        if expected is not None:  # or the database refused the legacy SQL before that
            refused = any(statement.refused for statement in legacy.statements)
            assert legacy.error in expected or refused, (legacy_code, legacy.error,
                                                         translation.why)
        event(f"untranslatable: {translation.untranslatable}")
        return translation
    code, imports = translation.translation, translation.imports
    modern = observe_operation(lab, Side(target, _evaluator(code, target, imports)), case)
    outcome = judge({case.name: legacy}, {case.name: modern})
    differing = {a for a, state in outcome.aspects.items() if state == DIFFERS}
    shown = "\n".join([legacy_code, code, *(d.sentence() for d in outcome.differences)])
    assert differing <= translation.allowed, shown
    if legacy.error is None and modern.error is None:
        assert translation.always <= differing, shown
        declared = VERDICTS.index(translation.verdict or "")
        assert VERDICTS.index(outcome.verdict) <= declared, shown
        if translation.allowed == translation.always:
            assert outcome.verdict == translation.verdict, shown
    event(f"legacy raised {legacy.error}" if legacy.error else f"verdict {translation.verdict}")
    return translation


def _evaluator(code: str, style: str, imports: tuple[str, ...]) -> Any:
    names = dict(NAMESPACES[style])
    for line in imports:
        exec(line, names)  # translate()'s own import lines
    compiled = compile(code, "<chain>", "eval")

    def run() -> Any:
        return eval(compiled, names)  # the test's own generated code

    return run


TARGETS = st.sampled_from(["modern", "lite"])
DATASETS = st.sampled_from(["guide", "guide_empty"])


@settings(max_examples=max(settings().max_examples * 8, 40))
@given(chain=chains(), target=TARGETS, dataset=DATASETS)
@example(chain="Author.query.join(Address).filter(Address.email == 'alex@example.com').all()",
         target="modern", dataset="guide")
@example(chain="Author.query.options(joinedload(Author.addresses)).first()",
         target="modern", dataset="guide")
@example(chain="Author.query.join(Author.addresses).distinct().count()",
         target="lite", dataset="guide")
@example(chain="Author.query.filter(Author.name == 'alex').paginate(page=1, per_page=1, "
               "error_out=True)", target="modern", dataset="guide")
@example(chain="Author.query.filter_by(name='alex').get(1)", target="modern", dataset="guide")
@example(chain="Author.query.limit(0).filter(Author.name == 'alex').all()", target="modern",
         dataset="guide")
@example(chain="Author.query.limit(0).paginate(page=0, per_page=1, error_out=False)",
         target="modern", dataset="guide")
@example(chain="Author.query.limit(0).paginate(page=0, per_page=1, error_out=True)",
         target="modern", dataset="guide")
@example(chain="Author.query.having(func.count(Author.id) > 0).get(0)", target="modern",
         dataset="guide")
@example(chain="Author.query.with_entities(Author).get(1)", target="modern", dataset="guide")
@example(chain="Author.query.order_by(Author.name).having(func.count(Author.id) > 0)"
               ".limit(0).paginate(page=0, per_page=1, error_out=False)",
         target="modern", dataset="guide")
@example(chain="Author.query.join(Address).with_entities(Author.id, Author.name)"
               ".filter_by(email='alex@example.com').all()", target="modern", dataset="guide")
@example(chain="Author.query[0:-1]", target="modern", dataset="guide")
@example(chain="Author.query[-1]", target="modern", dataset="guide")
@example(chain="Author.query[3:1]", target="modern", dataset="guide")
@example(chain="db.session.query(Author.name).join(Address).scalar()", target="modern",
         dataset="guide")
@example(chain="Author.query", target="lite", dataset="guide")
@example(chain="Author.query.with_entities(func.count(Author.id)).all()", target="modern",
         dataset="guide")
@example(chain="Author.query.with_entities(func.count(Author.id)).count()", target="modern",
         dataset="guide")
@example(chain="Author.query.options(joinedload(Author.addresses)).offset(2).all()",
         target="modern", dataset="guide")
@example(chain="Author.query.with_entities(func.count(Author.id)).first_or_404()",
         target="modern", dataset="guide")
@example(chain="Author.query.limit(0).with_parent(Address(author_id=1), Address.author).all()",
         target="modern", dataset="guide")
@example(chain="db.session.query(Author.id, Author.name).add_columns(Author.id).all()",
         target="modern", dataset="guide")
@example(chain="Author.query.limit(0).union(Author.query.filter(Author.id > 0))"
               ".join(Author.addresses).all()", target="modern", dataset="guide")
@example(chain="Author.query.options(joinedload(Author.addresses)).union(Author.query.filter("
               "Author.id > 0)).all()", target="modern", dataset="guide")
@example(chain="Author.query.join(Address).with_entities(Author).having(func.count(Author.id) "
               "> 0).get(0)", target="modern", dataset="guide")
@example(chain="Author.query.join(Address).limit(0).with_parent(Address(author_id=1), "
               "Address.author).all()", target="modern", dataset="guide")
@example(chain="Author.query.filter(Author.id.in_(db.session.query(Address.author_id)"
               ".subquery()))[0:0]", target="modern", dataset="guide")
@example(chain="Author.query.add_entity(Author).union(Author.query.filter(Author.id > 0)).all()",
         target="modern", dataset="guide")
@example(chain="db.session.query(Author.name).with_entities(Author.id, Author.name)"
               ".select_from(Address)[:]", target="modern", dataset="guide")
@example(chain="db.session.query(Author).limit(0).union(db.session.query(Author).filter("
               "Author.id > 0))[-2:-2]", target="modern", dataset="guide_empty")
def test_translated_chains_do_what_their_steps_declare(lab: Lab, chain: str, target: str,
                                                       dataset: str) -> None:
    check_chain(lab, chain, target, dataset)


def test_filter_by_a_key_its_entity_lacks_fails_differently(lab: Lab) -> None:
    """A declared difference the generator does not draw (it draws the keys of the entity
    filter_by() names): a key that entity lacks raises InvalidRequestError in the legacy
    Query and AttributeError in the translation, which reads it as a class attribute."""
    legacy_code = "Author.query.select_from(Address).filter_by(name='alex').all()"
    translation = translate(legacy_code)
    assert translation.translation == ("db.session.scalars(select(Author).select_from(Address)"
                                       ".where(Address.name == 'alex')).unique().all()")
    case = Case(next(_names), "guide")
    errors = [observe_operation(lab, Side(style, _evaluator(code, style, imports)), case).error
              for style, code, imports in [("legacy", legacy_code, ()),
                                           ("modern", translation.translation,
                                            translation.imports)]]
    assert errors == ["InvalidRequestError", "AttributeError"]


def test_the_generator_draws_every_proven_step() -> None:
    """Every step marked proven can be drawn: each builder and terminal appears in some
    chain, each rule in some translation (a fixed sample of the strategy)."""
    seen: set[str] = set()

    @settings(max_examples=400, database=None, derandomize=True)
    @given(chain=chains())
    def collect(chain: str) -> None:
        seen.update(translate(chain).rows)

    collect()
    proven = {s.id for s in steps.STEPS if s.proven}
    assert proven - seen == set()


@pytest.mark.parametrize("step", steps.STEPS, ids=[s.id for s in steps.STEPS])
def test_every_step_declares_a_verdict_its_aspects_make(step: steps.Step) -> None:
    assert step.verdict == steps.verdict_of(step.always | step.sometimes)
    assert step.why
